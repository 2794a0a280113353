import Foundation
import Testing

/// `config check` and `serve` warn when an email notifier is configured and libcurl cannot be
/// loaded (it is loaded only when the first email is sent, so without this the first alert
/// would find out).
@Suite struct ConfigCheckLibcurlTests {
  /// A configuration with one email notifier, in `folder`.
  static func configuration(in folder: URL, storage: String? = nil) throws -> String {
    let root = CLIProcess.packageRoot.path
    let path = folder.appendingPathComponent("driftwatch.yaml").path
    try """
    storage: { path: \(storage ?? "\(folder.path)/driftwatch.db") }
    notifiers:
      mail:
        type: email
        smtp: { host: 127.0.0.1, port: 2525 }
        from: dw@example.com
        to: [ml@example.com]
    monitors:
      - name: m
        baseline: { path: \(root)/baselines/credit-baseline.csv }
        target: { files: "\(root)/baselines/inference/*.csv", timestamp_column: ts }
        schedule: { window: 1h }
    """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func installedLibcurlGivesNoWarning() throws {
    let folder = try CLIProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLIProcess.run(["config", "check", try Self.configuration(in: folder)])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stderr.contains("libcurl"), "\(run.stderr)")
  }

  /// A folder holding a "libcurl.so.4" that is really zlib (no curl_* function): with it first
  /// in LD_LIBRARY_PATH, which the dynamic loader searches first, the machine has no libcurl.
  static func fakeLibcurl(in folder: URL) throws -> String {
    let zlib = try #require(
      ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64"].map {
        "\($0)/libz.so.1"
      }.first { FileManager.default.fileExists(atPath: $0) })
    let libraries = folder.appendingPathComponent("lib")
    try FileManager.default.createDirectory(at: libraries, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: libraries.appendingPathComponent("libcurl.so.4").path, withDestinationPath: zlib)
    return libraries.path
  }

  static let warning =
    "email notifier 'mail' cannot send: email delivery needs libcurl at run time: libcurl.so.4 "
    + "has no function curl_global_init; install it (Debian/Ubuntu: apt install libcurl4"

  @Test func unusableLibcurlIsReportedWithWhatToInstall() throws {
    let folder = try CLIProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLIProcess.run(
      ["config", "check", try Self.configuration(in: folder)],
      environment: ["LD_LIBRARY_PATH": try Self.fakeLibcurl(in: folder)])
    // A warning: the configuration itself is valid.
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("driftwatch: warning: \(Self.warning)"), "\(run.stderr)")
  }

  @Test func serveLogsItAtStart() throws {
    let folder = try CLIProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The warning is logged before the store is opened: a store path under a regular file makes
    // serve stop right after it, so the test needs no running daemon.
    let configuration = try Self.configuration(in: folder, storage: "/dev/null/driftwatch.db")
    let run = try CLIProcess.run(
      ["serve", "--config", configuration],
      environment: ["LD_LIBRARY_PATH": try Self.fakeLibcurl(in: folder)])
    #expect(run.status != 0, "\(run.stderr)")
    #expect(run.stderr.contains("warning \(Self.warning)"), "\(run.stderr)")
  }
}
