import DriftConfig
import DriftDaemon
import DriftData
import DriftStore
import Foundation
import Logging

/// `driftwatch-bench window --config FILE --monitor NAME --from T --to T [--runs N]`: the
/// daemon's cost of one window, in one process as the daemon pays it: the first run profiles
/// the baseline and catalogs the files, later runs (recomputing the same windows with
/// `backfill --force` semantics) read the window and evaluate it against the cached profile.
enum WindowBenchmark {
  static func run(_ arguments: [String]) throws {
    var options = [String: String]()
    var rest = arguments[...]
    while let key = rest.popFirst() {
      guard key.hasPrefix("--"), let value = rest.popFirst() else {
        throw BenchmarkError(
          "usage: window --config FILE --monitor NAME --from T --to T [--runs N]")
      }
      options[String(key.dropFirst(2))] = value
    }
    guard let configPath = options["config"], let monitor = options["monitor"],
      let from = options["from"].flatMap({ Timestamp.parse($0) }).map({ Int64($0) }),
      let to = options["to"].flatMap({ Timestamp.parse($0) }).map({ Int64($0) })
    else { throw BenchmarkError("window needs --config, --monitor, --from and --to") }
    let runs = Int(options["runs"] ?? "3") ?? 3
    let configuration = try ConfigLoader.load(path: configPath)
    let store = try DriftStore(path: configuration.storage.path)
    let scheduler = Scheduler(
      configuration: configuration, store: store,
      log: Logger(label: "driftwatch-bench", factory: { _ in SwiftLogNoOpLogHandler() }))
    var times = [Double]()
    for run in 0...runs {
      let start = Date()
      let pass = try scheduler.backfill(monitor: monitor, from: from, to: to, force: true)
      let seconds = Date().timeIntervalSince(start)
      guard pass.stored[.ok] == pass.evaluated, pass.evaluated > 0 else {
        throw BenchmarkError(
          "windows did not evaluate cleanly: \(pass.stored); see `driftwatch status`")
      }
      if run == 0 {
        print(
          String(
            format: "window: first run (profile baseline, catalog files, evaluate): %.2f s", seconds
          ))
      } else {
        times.append(seconds)
      }
    }
    times.sort()
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(
      String(
        format:
          "window: warm evaluation, best %.2f s, median %.2f s over %d runs; peak RSS %.0f MB",
        times[0], times[times.count / 2], times.count, Double(usage.ru_maxrss) / 1024))
  }
}
