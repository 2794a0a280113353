import Foundation

/// Wall and CPU time of `compare`'s phases, printed to standard error with `--timings`.
///
/// CPU time is the whole process's (user + system, every thread: `CLOCK_PROCESS_CPUTIME_ID`), so
/// a phase's CPU divided by its wall time tells how many cores it kept busy on average (2.00 on
/// a 2-core machine is the most there is). Phases run one after the other on the main thread.
final class PhaseTimings {
  private let enabled: Bool
  private let start: Date
  private var lines: [String] = []

  /// A recorder that records nothing unless `enabled`.
  init(enabled: Bool) {
    self.enabled = enabled
    start = Date()
  }

  /// The process's CPU seconds so far (user + system, all threads).
  static func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
  }

  /// Runs `body` as the phase `name` and records its wall time and the process's CPU time
  /// meanwhile.
  func measure<Result, Failure: Error>(
    _ name: String, _ body: () throws(Failure) -> Result
  ) throws(Failure) -> Result {
    guard enabled else { return try body() }
    let wallBefore = Date()
    let cpuBefore = Self.cpuSeconds()
    let result = try body()
    let wall = Date().timeIntervalSince(wallBefore)
    let cpu = Self.cpuSeconds() - cpuBefore
    lines.append(Self.line(name, from: wallBefore.timeIntervalSince(start), wall: wall, cpu: cpu))
    return result
  }

  /// Writes the recorded phases and the whole process's total to standard error.
  func report() {
    guard enabled else { return }
    let total = Self.line(
      "total (process)", from: 0, wall: Date().timeIntervalSince(start), cpu: Self.cpuSeconds())
    StandardError.write(
      "phase              start ms  wall ms   CPU ms  cores\n"
        + (lines + [total]).map { $0 + "\n" }.joined())
  }

  private static func line(_ name: String, from: Double, wall: Double, cpu: Double) -> String {
    name.padding(toLength: 17, withPad: " ", startingAt: 0)
      + String(
        format: " %8.1f %8.1f %8.1f %6.2f", from * 1000, wall * 1000, cpu * 1000,
        wall > 0 ? cpu / wall : 0)
  }
}
