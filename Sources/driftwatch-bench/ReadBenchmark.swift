import DriftData
import DriftStats
import Foundation

/// `driftwatch-bench read FILE... [--runs N] [--threads N]`: the readers alone (CSV or JSON
/// Lines, by extension) on every core (or `threads` of them): the best and median wall time of
/// `runs` reads of each file (page cache warm after the first), in MB/s and rows/s. Nothing is
/// evaluated. One thread gives the steadier figure for comparing builds on a shared machine.
enum ReadBenchmark {
  static func run(_ arguments: [String]) throws {
    var paths: [String] = []
    var runs = 5
    var threads = ProcessInfo.processInfo.activeProcessorCount
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      if argument == "--runs", let value = rest.popFirst(), let count = Int(value) {
        runs = max(1, count)
      } else if argument == "--threads", let value = rest.popFirst(), let count = Int(value) {
        threads = max(1, count)
      } else if argument.hasPrefix("--") {
        throw BenchmarkError("usage: read FILE... [--runs N] [--threads N]")
      } else {
        paths.append(argument)
      }
    }
    guard !paths.isEmpty else { throw BenchmarkError("read needs at least one file") }
    for path in paths {
      let bytes = Double(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
      var options = ReadOptions()
      options.kinds = ["ts": .timestamp]
      options.threads = threads
      var rows = 0
      _ = try DataReader.read(path: path, options: options)  // warms the page cache
      let seconds = try MagnitudeBenchmark.times(runs) {
        rows = try DataReader.read(path: path, options: options).table.rowCount
      }
      let median = MagnitudeBenchmark.median(seconds)
      print(
        String(
          format: "read %@: %.0f MB, %d rows, %d cores: best %.3f s (%.0f MB/s), median %.3f s "
            + "(%.0f MB/s, %.1f M rows/s)",
          (path as NSString).lastPathComponent, bytes / 1e6, rows, threads, seconds[0],
          bytes / 1e6 / seconds[0], median, bytes / 1e6 / median, Double(rows) / median / 1e6))
    }
  }
}
