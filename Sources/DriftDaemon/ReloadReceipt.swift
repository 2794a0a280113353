import Foundation

/// Where the daemon records the outcome of each SIGHUP reload, so `driftwatch reload` (the
/// unit's ExecReload) can wait for it and `systemctl reload` returns only once the new
/// configuration runs, or fails when it was rejected. systemd 252 has no `Type=notify-reload`.
///
/// The file is `$RUNTIME_DIRECTORY/reload-<pid>` (or the temporary folder), one line:
/// `<reloads handled> ok|rejected <message>`, replaced atomically.
public struct ReloadReceipt: Sendable, Equatable {
  /// How many reloads the daemon has handled since it started.
  public var count: Int
  /// Whether the new configuration was taken.
  public var applied: Bool
  /// A one-line summary (monitors running, or why it was rejected).
  public var message: String

  /// Creates a receipt.
  public init(count: Int, applied: Bool, message: String) {
    self.count = count
    self.applied = applied
    self.message = message
  }

  /// The receipt file of the daemon with process id `pid`.
  public static func path(pid: Int32, environment: [String: String]) -> String {
    let folder =
      environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first.map(String.init)
      ?? FileManager.default.temporaryDirectory.path
    return "\(folder)/driftwatch-reload-\(pid)"
  }

  /// Reads the receipt at `path`, nil when there is none (no reload handled yet).
  public static func read(path: String) -> ReloadReceipt? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let parts = text.trimmingCharacters(in: .newlines).split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, let count = Int(parts[0]) else { return nil }
    return ReloadReceipt(
      count: count, applied: parts[1] == "ok", message: parts.count > 2 ? String(parts[2]) : "")
  }

  /// Writes the receipt to `path` (a temporary file renamed into place).
  func write(path: String) {
    let line = "\(count) \(applied ? "ok" : "rejected") \(message)\n"
    let temporary = path + ".tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(line.utf8)) else {
      return
    }
    _ = rename(temporary, path)
  }
}
