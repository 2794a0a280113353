import Foundation

/// Runs a program without a shell, feeds it bytes on stdin, and stops it when it overruns.
enum ChildProcess {
  /// How a run ended.
  struct Result: Sendable {
    /// The exit status, or nil when the program was killed or could not start.
    var status: Int32?
    /// Whether the timeout stopped it.
    var timedOut: Bool
    /// The first few kilobytes of its stdout and stderr.
    var output: String
    /// Why it could not start, if it could not.
    var launchError: String?
    /// The signal that ended it, if one did (SIGTERM when it obeyed the timeout's request).
    var signal: Int32? = nil
  }

  /// Seconds between the timeout's SIGTERM and its SIGKILL.
  static let killGrace: Duration = .seconds(2)

  /// Ignoring SIGPIPE once per process: a program that exits without reading its stdin must
  /// make our write fail with EPIPE, not kill the daemon. (Children get the default back.)
  private static let ignoreBrokenPipe: Void = {
    signal(SIGPIPE, SIG_IGN)
  }()

  /// Runs `arguments[0]` with the rest as its arguments.
  ///
  /// The child gets the daemon's environment plus `environment`: it runs as the daemon's user,
  /// which may read the daemon's environment anyway (`/proc/PID/environ`), so stripping it would
  /// hide nothing and break programs that need their own variables.
  ///
  /// - Parameters:
  ///   - arguments: The absolute program path and its arguments (non-empty).
  ///   - input: Bytes written to its standard input, which is then closed.
  ///   - timeout: Seconds before SIGTERM to its process group, then SIGKILL two seconds later.
  ///   - environment: Variables added to the daemon's environment.
  static func run(
    _ arguments: [String], input: [UInt8], timeout: Int64, environment: [String: String]
  ) async -> Result {
    _ = ignoreBrokenPipe
    guard let program = arguments.first else {
      return Result(status: nil, timedOut: false, output: "", launchError: "empty command")
    }
    let child: SpawnedChild
    do {
      child = try SpawnedChild.start(
        arguments,
        environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    } catch {
      return Result(
        status: nil, timedOut: false, output: "",
        launchError: "cannot start \(program): \(error.message)")
    }
    let pipes = ChildPipes(input: child.inputDescriptor, output: child.outputDescriptor)
    // Blocking calls stay on their own threads, off the cooperative pool.
    Thread.detachNewThread { pipes.write(input) }
    Thread.detachNewThread { pipes.collect() }
    let exited = AsyncStream<Int32>.makeStream()
    Thread.detachNewThread {
      exited.continuation.yield(child.waitForExit())
      exited.continuation.finish()
    }
    let watchdog = Task {
      try await Task.sleep(for: .seconds(timeout))
      pipes.markTimedOut()
      child.signalGroup(SIGTERM)
      try await Task.sleep(for: killGrace)
      child.signalGroup(SIGKILL)
    }
    var waitStatus: Int32 = 0
    for await status in exited.stream { waitStatus = status }
    watchdog.cancel()
    // Give the reader a moment to drain what the program wrote before it exited; a descendant
    // that keeps the pipe open does not hold the delivery up longer.
    for _ in 0..<20 where !pipes.finished {
      try? await Task.sleep(for: .milliseconds(10))
    }
    pipes.stop()
    let timedOut = pipes.timedOut
    switch ExitStatus(waitStatus: waitStatus) {
    case .exited(let code):
      return Result(
        status: timedOut ? nil : code, timedOut: timedOut, output: pipes.text, launchError: nil)
    case .signaled(let signal):
      return Result(
        status: nil, timedOut: timedOut, output: pipes.text, launchError: nil, signal: signal)
    }
  }
}
