import Foundation

/// A real AF_UNIX datagram socket playing systemd's side of `sd_notify`: it records every
/// message the daemon sends, with the time it arrived.
final class NotifySocket: @unchecked Sendable {
  /// One datagram.
  struct Message {
    var time: ContinuousClock.Instant
    var fields: [String]

    func value(_ key: String) -> String? {
      fields.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }
  }

  /// What to put in `$NOTIFY_SOCKET`: a path, or `@name` for an abstract socket.
  let address: String
  private let descriptor: Int32
  private let lock = NSLock()
  private var received = [Message]()
  private var closed = false

  init(abstract: Bool, folder: URL) throws {
    address =
      abstract
      ? "@driftwatch-test-\(UUID().uuidString)" : folder.appendingPathComponent("notify").path
    descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    var name = Array(address.utf8)
    if abstract { name[0] = 0 }
    var socketAddress = sockaddr_un()
    socketAddress.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: name) }
    let length = socklen_t(2 + name.count + (abstract ? 0 : 1))
    let bound = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    Thread.detachNewThread { [self] in receiveLoop() }
  }

  deinit { close() }

  private func receiveLoop() {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !lock.withLock({ closed }) {
      let count = recv(descriptor, &buffer, buffer.count, 0)
      guard count > 0 else { continue }
      let text = String(decoding: buffer[..<count], as: UTF8.self)
      let message = Message(
        time: .now, fields: text.split(separator: "\n").map(String.init))
      lock.withLock { received.append(message) }
    }
  }

  /// Every message so far.
  var messages: [Message] { lock.withLock { received } }

  /// Waits for the first message after `index` that has `field`; returns it and its index.
  func wait(
    for field: String, after index: Int = -1, timeout: Duration = .seconds(30)
  ) -> (index: Int, message: Message)? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      let all = messages
      if let found = all.indices.first(where: { $0 > index && all[$0].fields.contains(field) }) {
        return (found, all[found])
      }
      usleep(20_000)
    }
    return nil
  }

  func close() {
    let wasOpen = lock.withLock {
      defer { closed = true }
      return !closed
    }
    if wasOpen { Foundation.close(descriptor) }
  }
}

/// `driftwatch serve` as a child process with its own environment; standard error is kept.
final class DaemonUnderTest: @unchecked Sendable {
  let process = Process()
  let errors = Pipe()
  private let lock = NSLock()
  private var output = Data()

  init(_ arguments: [String], environment extra: [String: String]) throws {
    process.executableURL = CLIProcess.executable
    process.arguments = arguments
    process.currentDirectoryURL = CLIProcess.packageRoot
    var environment = ProcessInfo.processInfo.environment
    for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM"] {
      environment[key] = nil
    }
    environment.merge(extra) { _, new in new }
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    errors.fileHandleForReading.readabilityHandler = { [self] handle in
      let data = handle.availableData
      if data.isEmpty { handle.readabilityHandler = nil }
      lock.withLock { output.append(data) }
    }
  }

  func start() throws { try process.run() }

  /// Standard error so far.
  var stderr: String { lock.withLock { String(decoding: output, as: UTF8.self) } }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// The exit status, or nil (after SIGKILL) when it did not exit within `timeout`.
  func waitForExit(timeout: Duration = .seconds(15)) -> Int32? {
    let deadline = ContinuousClock.now + timeout
    while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
    guard !process.isRunning else {
      signal(SIGKILL)
      process.waitUntilExit()
      return nil
    }
    process.waitUntilExit()
    usleep(100_000)  // let the pipe handler take the last lines
    return process.terminationStatus
  }

  /// Waits until standard error contains `text`.
  func waitForLog(_ text: String, timeout: Duration = .seconds(30)) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if stderr.contains(text) { return true }
      usleep(20_000)
    }
    return false
  }
}
