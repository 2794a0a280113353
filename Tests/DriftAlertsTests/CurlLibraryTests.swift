import DriftConfig
import Foundation
import Testing

@testable import DriftAlerts

/// libcurl is loaded with dlopen when the first email is sent (EmailDeliveryTests sends real
/// ones); these check what the loader says when the library is missing or is not libcurl, and
/// that a failed load is tried again.
@Suite struct CurlLibraryTests {
  static let missing = "libdriftwatch-no-such-curl.so.4"
  static let install =
    "install it (Debian/Ubuntu: apt install libcurl4, libcurl4t64 on Debian 13 and Ubuntu 24.04; "
    + "Fedora/RHEL: dnf install libcurl)"

  @Test func theInstalledLibcurlLoads() {
    #expect(CurlLibrary.check() == nil)
    #expect(CurlLibrary.load() == nil)
  }

  @Test func aMissingLibrarySaysWhatToInstall() {
    #expect(
      CurlLibrary.check(Self.missing)
        == "email delivery needs libcurl at run time: cannot load \(Self.missing) (cannot open "
        + "shared object file: No such file or directory); \(Self.install)")
  }

  @Test func aLibraryWithoutCurlsFunctionsIsRefused() {
    // zlib is linked into driftwatch, so it is always there, and it has no curl_* function.
    #expect(
      CurlLibrary.check("libz.so.1")
        == "email delivery needs libcurl at run time: libz.so.1 has no function "
        + "curl_global_init; \(Self.install)")
  }

  @Test func aFailedLoadIsNotRemembered() throws {
    // Once any load succeeded, every later one returns at once, so the failure path can only
    // be seen in a process that has not loaded libcurl yet: run the test below in a fresh copy
    // of this test process.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = [
      "--testing-library", "swift-testing", "--filter", "failedLoadThenRealLoadInAFreshProcess",
    ]
    child.environment = ProcessInfo.processInfo.environment.merging([Self.freshProcess: "1"]) {
      $1
    }
    let output = Pipe()
    child.standardOutput = output
    child.standardError = output
    try child.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    #expect(child.terminationStatus == 0, "\(text.suffix(3000))")
    #expect(
      text.contains("Test failedLoadThenRealLoadInAFreshProcess() passed"), "\(text.suffix(3000))")
  }

  static let freshProcess = "DRIFTWATCH_TEST_FRESH_CURL_PROCESS"

  @Test(.enabled(if: ProcessInfo.processInfo.environment[freshProcess] != nil))
  func failedLoadThenRealLoadInAFreshProcess() throws {
    let failure = try #require(CurlLibrary.load(soname: Self.missing))
    #expect(failure.contains("cannot load \(Self.missing)"))
    // libcurl "installed" since: the next attempt in the same process loads it.
    #expect(CurlLibrary.load() == nil)
  }

  @Test func configurationWithoutEmailNeedsNoLibcurl() {
    let command = NotifierConfiguration(
      name: "script", kind: .command(CommandSettings(arguments: ["/bin/true"], timeout: 5)))
    #expect(CurlLibrary.problem(for: Self.configuration([command]), soname: Self.missing) == nil)
  }

  @Test func emailNotifiersAreNamedWhenLibcurlIsMissing() {
    let configuration = Self.configuration([Self.email("pager"), Self.email("ops")])
    #expect(
      CurlLibrary.problem(for: configuration, soname: Self.missing)
        == "email notifiers 'ops', 'pager' cannot send: email delivery needs libcurl at run "
        + "time: cannot load \(Self.missing) (cannot open shared object file: No such file or "
        + "directory); \(Self.install)")
    #expect(CurlLibrary.problem(for: configuration) == nil)
  }

  @Test func aDeliveryWithoutLibcurlIsRetriedWithTheMessage() async {
    let notifier = EmailNotifier(
      settings: Self.emailSettings, password: nil,
      loadLibrary: { CurlLibrary.check(Self.missing) })
    let outcome = await notifier.deliver(id: "n-1", payload: Fixtures.payload(id: "n-1"))
    #expect(outcome == .retry(after: nil, reason: CurlLibrary.check(Self.missing) ?? ""))
  }

  static let emailSettings = EmailSettings(
    smtp: SMTPSettings(host: "127.0.0.1", port: 1, security: .starttls),
    from: "driftwatch@example.com", to: ["ml@example.com"], timeout: 5)

  static func email(_ name: String) -> NotifierConfiguration {
    NotifierConfiguration(name: name, kind: .email(emailSettings))
  }

  static func configuration(_ notifiers: [NotifierConfiguration]) -> Configuration {
    Configuration(
      files: ["/etc/driftwatch/driftwatch.yaml"], storage: StorageSettings(path: "/tmp/dw.db"),
      daemon: DaemonSettings(), monitors: [],
      notifiers: Dictionary(uniqueKeysWithValues: notifiers.map { ($0.name, $0) }))
  }
}
