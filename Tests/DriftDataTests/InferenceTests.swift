import DriftStats
import Testing

@testable import DriftData

@Suite struct InferenceTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  @Test(
    arguments: [
      (["1", "2.5", "-3e2", ".5", "+4", "7."], ColumnKind.numeric),
      (["0", "1", "1", "0"], .numeric),
      (["true", "FALSE", "True", ""], .boolean),
      (["2024-05-01", "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.250+02:00"], .timestamp),
      (["2024-05-01 12:00", "2024-05-01t12:00:00-0530"], .timestamp),
      (["1", "x"], .categorical),
      (["true", "1"], .categorical),
      (["2024-05-01", "7"], .categorical),
      (["2024-02-30"], .categorical),
      (["inf", "1"], .categorical),
      (["", "NA"], .numeric),
    ] as [([String], ColumnKind)])
  func inferredKind(values: [String], kind: ColumnKind) throws {
    let path = try scratch.write("v\n" + values.joined(separator: "\n") + "\n", name: "k.csv")
    #expect(try readTable(path).kind("v") == kind)
  }

  @Test func booleansAreFalseTrueCategories() throws {
    let path = try scratch.write("v\nTRUE\nNA\nfalse\n", name: "b.csv")
    guard case .categorical(let column)? = try readTable(path).column(named: "v")?.values else {
      Issue.record("not categorical")
      return
    }
    #expect(column.categories == ["false", "true"])
    #expect(column.codes == [1, -1, 0])
  }

  @Test func timestampValues() throws {
    let text = """
      t
      1970-01-01
      2024-05-01T12:00:00Z
      2024-05-01T14:00:00+02:00
      2024-05-01T12:00:00.5z
      2000-02-29T23:59:60Z
      1969-12-31T23:59:59-00:00
      """
    let path = try scratch.write(text + "\n", name: "t.csv")
    let table = try readTable(path)
    #expect(table.kind("t") == .timestamp)
    #expect(
      table.numbers("t") == [0, 1_714_564_800, 1_714_564_800, 1_714_564_800.5, 951_868_800, -1])
  }

  /// A column that looks numeric for thousands of rows and meets text at the end is re-typed,
  /// and every label keeps its original text (e.g. "1.50", not "1.5").
  @Test(arguments: [1, 2, 4])
  func lateTextRetypesToCategorical(threads: Int) throws {
    var lines = ["n,x,flag"]
    for row in 0..<5000 { lines.append("\(row % 7).50,\(row),\(row % 2 == 0 ? "true" : "false")") }
    lines.append("oops,5000,maybe")
    let path = try scratch.write(lines.joined(separator: "\n") + "\n", name: "late.csv")
    let table = try readTable(path, chunked(threads))
    #expect(table.kind("n") == .categorical)
    #expect(table.kind("x") == .numeric)
    #expect(table.kind("flag") == .categorical)
    let labels = try #require(table.labels("n"))
    #expect(labels.prefix(3) == ["0.50", "1.50", "2.50"])
    #expect(labels.last == "oops")
    guard case .categorical(let column)? = table.column(named: "n")?.values else { return }
    #expect(column.categories == ["0.50", "1.50", "2.50", "3.50", "4.50", "5.50", "6.50", "oops"])
    #expect(table.labels("flag")?.prefix(2) == ["true", "false"])
  }

  @Test func declaredKindsOverrideInference() throws {
    let path = try scratch.write("a,b,c,d\n1,0,1700000000,x\n2,1,2024-05-01,y\n", name: "d.csv")
    var options = ReadOptions()
    options.kinds = ["a": .categorical, "b": .boolean, "c": .timestamp]
    let table = try readTable(path, options)
    #expect(table.labels("a") == ["1", "2"])
    #expect(table.labels("b") == ["false", "true"])
    #expect(table.numbers("c") == [1_700_000_000, 1_714_521_600])
  }
}
