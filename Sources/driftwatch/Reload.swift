import ArgumentParser
import DriftDaemon
import DriftData
import Foundation

/// `driftwatch reload`: ask a running daemon to reload its configuration and wait for the result.
struct Reload: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Reload a running daemon's configuration and wait until it is applied or rejected.",
    discussion: """
      Sends SIGHUP to the daemon and waits for its answer, so `systemctl reload driftwatch` \
      (ExecReload) returns only once the new configuration runs. Exit status 0 when applied, \
      2 when the daemon rejected the configuration (the old one keeps running; the daemon's log \
      lists every problem), 3 when it did not answer in time.
      """
  )

  @Option(help: "The daemon's process id (default: $MAINPID, which systemd sets for ExecReload).")
  var pid: Int32?

  @Option(help: "Seconds to wait for the daemon's answer.")
  var timeout: Double = 90

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    guard let pid = pid ?? environment["MAINPID"].flatMap({ Int32($0) }), pid > 0 else {
      throw ValidationError("give the daemon's process id with --pid (or set MAINPID)")
    }
    let path = ReloadReceipt.path(pid: pid, environment: environment)
    let before = ReloadReceipt.read(path: path)?.count ?? 0
    guard kill(pid, SIGHUP) == 0 else {
      StandardError.line(
        "driftwatch: cannot signal process \(pid): \(String(cString: strerror(errno)))")
      throw Exit.runtime
    }
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let receipt = ReloadReceipt.read(path: path), receipt.count > before {
        if receipt.applied {
          print("reloaded: \(TerminalText.escaped(receipt.message, keepingNewlines: true))")
          return
        }
        StandardError.line("driftwatch: reload rejected: \(receipt.message)")
        throw Exit.input
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    StandardError.line(
      "driftwatch: process \(pid) did not confirm the reload within \(Int(timeout)) s")
    throw Exit.runtime
  }
}
