import DriftStats
import FuzzSupport

// libFuzzer target for the CSV reader. Build and run with `make fuzz` (CONTRIBUTING.md, "Fuzzing").
@testable import DriftData

/// One fuzz input: the first byte picks the options, the rest is the file.
///
/// Properties checked besides "no crash": the same bytes read on one thread and on several
/// small chunks give bit-identical tables or the same first error; errors name the input and
/// a line/column inside it; rows and rejected rows never exceed the records in the input.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let selector = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  var options = ReadOptions(onBadRow: selector & 4 != 0 ? .skip : .fail)
  if selector & 8 != 0 { options.delimiter = UInt8(ascii: ";") }
  if selector & 16 != 0 { options.columns = ["a", "b", "x"] }
  if selector & 32 != 0 { options.kinds = ["a": .numeric, "b": .categorical, "t": .timestamp] }
  FuzzCheck.readConsistently(bytes, format: .csv, options: options, selector: selector)
  return 0
}

/// Runs libFuzzer on ``fuzzCSV(_:_:)``.
@main
enum FuzzCSVMain {
  static func main() {
    FuzzDriver.run(fuzzCSV)
  }
}
