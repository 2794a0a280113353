import Foundation

/// Runs a program without a shell, feeds it bytes on stdin, and kills it when it overruns.
enum ChildProcess {
  /// How a run ended.
  struct Result: Sendable {
    /// The exit status, or nil when the program was killed or could not start.
    var status: Int32?
    /// Whether the timeout killed it.
    var timedOut: Bool
    /// The first few kilobytes of its stdout and stderr.
    var output: String
    /// Why it could not start, if it could not.
    var launchError: String?
  }

  /// Ignoring SIGPIPE once per process: a program that exits without reading its stdin must
  /// make our write fail with EPIPE, not kill the daemon.
  private static let ignoreBrokenPipe: Void = {
    signal(SIGPIPE, SIG_IGN)
  }()

  /// Runs `arguments[0]` with the rest as its arguments.
  ///
  /// - Parameters:
  ///   - arguments: The absolute program path and its arguments (non-empty).
  ///   - input: Bytes written to its standard input, which is then closed.
  ///   - timeout: Seconds before SIGTERM, then SIGKILL two seconds later.
  ///   - environment: Variables added to the daemon's environment.
  static func run(
    _ arguments: [String], input: [UInt8], timeout: Int64, environment: [String: String]
  ) async -> Result {
    _ = ignoreBrokenPipe
    guard let program = arguments.first else {
      return Result(status: nil, timedOut: false, output: "", launchError: "empty command")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = Array(arguments.dropFirst())
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let stdin = Pipe()
    let output = Pipe()
    process.standardInput = stdin
    process.standardOutput = output
    process.standardError = output
    let collected = OutputCollector()
    let exited = AsyncStream<Int32>.makeStream()
    process.terminationHandler = { process in
      exited.continuation.yield(process.terminationStatus)
      exited.continuation.finish()
    }
    do {
      try process.run()
    } catch {
      return Result(
        status: nil, timedOut: false, output: "",
        launchError: "cannot start \(program): \(error.localizedDescription)")
    }
    let writer = stdin.fileHandleForWriting
    let reader = output.fileHandleForReading
    // Blocking pipe I/O stays on its own threads, off the cooperative pool.
    Thread.detachNewThread {
      writeAll(input, to: writer.fileDescriptor)
      try? writer.close()
    }
    Thread.detachNewThread {
      collected.append(reader.readDataToEndOfFile())
    }
    let pid = process.processIdentifier
    let watchdog = Task {
      try await Task.sleep(for: .seconds(timeout))
      collected.markTimedOut()
      kill(pid, SIGTERM)
      try await Task.sleep(for: .seconds(2))
      kill(pid, SIGKILL)
    }
    var status: Int32?
    for await code in exited.stream { status = code }
    watchdog.cancel()
    let timedOut = collected.timedOut
    // Give the reader a moment to drain what the program wrote before it exited.
    for _ in 0..<20 where !collected.finished {
      try? await Task.sleep(for: .milliseconds(10))
    }
    let normalExit = process.terminationReason == .exit && !timedOut
    return Result(
      status: normalExit ? status : nil, timedOut: timedOut, output: collected.text,
      launchError: nil)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }
}

/// What a child wrote, gathered on a reader thread.
private final class OutputCollector: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var data = Data()
  private var done = false
  private var killed = false

  func append(_ chunk: Data) {
    lock.withLock {
      data.append(chunk.prefix(4096))
      done = true
    }
  }

  func markTimedOut() { lock.withLock { killed = true } }

  var finished: Bool { lock.withLock { done } }
  var timedOut: Bool { lock.withLock { killed } }

  var text: String {
    lock.withLock {
      String(decoding: data.prefix(4096), as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
    }
  }
}
