import DriftStats
import FuzzSupport

// libFuzzer target for the JSON Lines reader. Build and run with `make fuzz` (CONTRIBUTING.md, "Fuzzing").
@testable import DriftData

/// One fuzz input: the first byte picks the options, the rest is the file. The properties are
/// the CSV target's (``FuzzCheck``).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSONL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let selector = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  var options = ReadOptions(onBadRow: selector & 4 != 0 ? .skip : .fail)
  if selector & 16 != 0 { options.columns = ["a", "b", "x"] }
  if selector & 32 != 0 { options.kinds = ["a": .numeric, "b": .categorical, "t": .timestamp] }
  FuzzCheck.readConsistently(bytes, format: .jsonl, options: options, selector: selector)
  return 0
}

/// Runs libFuzzer on ``fuzzJSONL(_:_:)``.
@main
enum FuzzJSONLMain {
  static func main() {
    FuzzDriver.run(fuzzJSONL)
  }
}
