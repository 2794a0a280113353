import DriftStats
import Testing

@testable import DriftData

/// Randomly damaged files never crash the reader, and every thread count reports the same
/// table or the same error (the first error in file order).
@Suite struct MutationTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  private func outcome(_ path: String, _ options: ReadOptions) -> String {
    do {
      let result = try DataReader.read(path: path, options: options)
      // The printed table holds every value (NaN prints as nan, so it compares equal).
      return "\(result.table) \(result.rejected.map(\.description))"
    } catch {
      return "error \(error)"
    }
  }

  @Test(arguments: ["csv", "jsonl"])
  func damagedFiles(format: String) throws {
    var random = SeededRandom(seed: format == "csv" ? 11 : 12)
    var base: [UInt8] = []
    if format == "csv" {
      base = Array("id,name,score,when\n".utf8)
      for row in 0..<60 {
        base += Array(
          "\(row),\"n \(row % 5), \"\"q\"\"\",\(Double(row) / 4),2024-05-0\(row % 9 + 1)\n".utf8)
      }
    } else {
      for row in 0..<60 {
        base += Array(
          "{\"id\": \(row), \"name\": \"n\\u00e9 \(row % 5)\", \"ok\": \(row % 2 == 0)}\n".utf8)
      }
    }
    let noise: [UInt8] = Array("\",\n\r{}[]:\\x9.-e".utf8) + [0xFF, 0xC3, 0x00]
    for trial in 0..<300 {
      var bytes = base
      for _ in 0..<(1 + random.next() % 4) {
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 3 {
        case 0: bytes[at] = noise[Int(random.next() % UInt64(noise.count))]
        case 1: bytes.insert(noise[Int(random.next() % UInt64(noise.count))], at: at)
        default: bytes.remove(at: at)
        }
      }
      let path = try scratch.write(bytes, name: "m\(trial).\(format)")
      for policy in [BadRowPolicy.fail, .skip] {
        var one = chunked(1)
        one.onBadRow = policy
        var three = chunked(3)
        three.onBadRow = policy
        #expect(outcome(path, one) == outcome(path, three), "trial \(trial) \(policy)")
      }
    }
  }
}
