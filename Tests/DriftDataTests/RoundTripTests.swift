import DriftStats
import Foundation
import Testing

@testable import DriftData

@Suite struct RoundTripTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  private struct Row {
    var number: Double?
    var label: String?
    var flag: Bool?
    var time: Double?
  }

  private func randomRows(_ count: Int) -> [Row] {
    var random = SeededRandom(seed: 2024)
    let labels = ["alpha", "b,eta", "ga\"mma", "del\nta", "épsilon", "ζ", "  spaced  ", "12x"]
    return (0..<count).map { _ in
      Row(
        number: random.next() % 10 == 0
          ? nil
          : Double(bitPattern: random.next() >> 2 | 0x3000_0000_0000_0000)
            * (random.next() % 2 == 0 ? 1 : -1),
        label: random.next() % 9 == 0 ? nil : labels[Int(random.next() % UInt64(labels.count))],
        flag: random.next() % 11 == 0 ? nil : random.next() % 2 == 0,
        time: random.next() % 13 == 0 ? nil : Double(random.next() % 4_000_000_000) - 1e9)
    }
  }

  private func iso(_ seconds: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }

  private func check(_ table: Table, _ rows: [Row]) {
    #expect(table.rowCount == rows.count)
    #expect(table.kind("number") == .numeric)
    #expect(table.kind("label") == .categorical)
    #expect(table.kind("flag") == .boolean)
    #expect(table.kind("time") == .timestamp)
    #expect(table.numbers("number") == rows.map(\.number))
    #expect(table.labels("label") == rows.map(\.label))
    #expect(table.labels("flag") == rows.map { $0.flag.map { $0 ? "true" : "false" } })
    #expect(table.numbers("time") == rows.map(\.time))
  }

  @Test(arguments: [1, 4])
  func csv(threads: Int) throws {
    let rows = randomRows(3000)
    var text = "number,label,flag,time\n"
    for row in rows {
      let number = row.number.map { String(format: "%.17g", $0) } ?? "NA"
      let label =
        row.label.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? ""
      let flag = row.flag.map { $0 ? "True" : "FALSE" } ?? "null"
      text += "\(number),\(label),\(flag),\(row.time.map(iso) ?? "")\n"
    }
    let path = try scratch.write(text, name: "r.csv")
    check(try readTable(path, chunked(threads)), rows)
  }

  @Test(arguments: [1, 4])
  func jsonLines(threads: Int) throws {
    let rows = randomRows(3000)
    var text = ""
    for row in rows {
      var fields: [String] = []
      if let number = row.number { fields.append("\"number\": \(String(format: "%.17g", number))") }
      let label = row.label.map {
        "\""
          + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\""
          )
          .replacingOccurrences(of: "\n", with: "\\n") + "\""
      }
      fields.append("\"label\": \(label ?? "null")")
      if let flag = row.flag { fields.append("\"flag\": \(flag)") }
      fields.append("\"time\": \(row.time.map { "\"\(iso($0))\"" } ?? "null")")
      text += "{" + fields.joined(separator: ", ") + "}\n"
    }
    let path = try scratch.write(text, name: "r.jsonl")
    check(try readTable(path, chunked(threads)), rows)
  }
}
