// Benchmarks for `make bench`; each mode lives in its own file and prints its figures.
import DriftStats
import Foundation

// As the driftwatch executable: stop OpenBLAS's spinning idle threads before measuring anything.
GSL.prepare()

let arguments = Array(CommandLine.arguments.dropFirst())
let modes = [
  "history": HistoryBenchmark.run, "window": WindowBenchmark.run,
  "magnitude": MagnitudeBenchmark.run, "read": ReadBenchmark.run, "quiet": QuietBenchmark.run,
  "pages": PagesBenchmark.run, "metrics": MetricsBenchmark.run, "fligner": FlignerBenchmark.run,
]

guard let mode = arguments.first, let run = modes[mode] else {
  let known = modes.keys.sorted().joined(separator: ", ")
  FileHandle.standardError.write(
    Data("usage: driftwatch-bench MODE [OPTIONS]\nmodes: \(known)\n".utf8))
  exit(2)
}
do {
  try run(Array(arguments.dropFirst()))
} catch {
  FileHandle.standardError.write(Data("driftwatch-bench \(mode): \(error)\n".utf8))
  exit(3)
}
