import Foundation

/// A scratch directory removed when the test ends.
final class TemporaryDirectory {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = "\(base)/driftwatch-alerts-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  func file(_ name: String) -> String { "\(path)/\(name)" }

  func write(_ name: String, _ text: String) throws {
    try text.write(toFile: file(name), atomically: true, encoding: .utf8)
  }
}

/// A Python server run as a child process on 127.0.0.1; it writes its port to a file once
/// it listens.
final class ChildServer {
  let process = Process()
  let port: Int

  /// Starts `python3 script args...` and waits up to 10 s for `portFile`.
  init(script: String, arguments: [String], portFile: String, log: String) throws {
    try? FileManager.default.removeItem(atPath: portFile)
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script] + arguments
    FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
        let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        self.port = port
        return
      }
      guard process.isRunning else { break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    kill(process.processIdentifier, SIGKILL)
    let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    throw ServerError(message: "\(script) did not start: \(output)")
  }

  /// SIGKILL: children started from a dispatch thread inherit its blocked signal mask, so
  /// SIGTERM may never arrive.
  func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  deinit { stop() }
}

struct ServerError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
