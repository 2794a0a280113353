import DriftConfig
import Foundation
import Testing

/// Warnings about secrets other users may read, files they may change, and TLS opt-outs:
/// real files with real modes (chmod), loaded as the daemon loads them.
@Suite struct SecurityWarningTests {
  static let monitor = """
    monitors:
      - name: m
        baseline: { path: /b.csv }
        target: { files: /t/*.csv, timestamp_column: ts }
        schedule: { window: 1h }
    """

  static func chmod(_ path: String, _ mode: Int) throws {
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
  }

  static func load(_ path: String, environment: [String: String] = [:]) throws -> Configuration {
    try ConfigLoader.load(path: path, environment: environment, checkFiles: false)
  }

  static func located(_ warnings: [ConfigIssue]) -> [String] {
    warnings.map {
      "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column) \($0.message)"
    }
  }

  @Test func aSecretInAFileOthersMayReadIsWarnedAboutUntilChmod() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "driftwatch.yaml",
      """
      notifiers:
        hook:
          type: webhook
          url: https://hooks.example.com/drift
          secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
          headers: { Authorization: "Bearer abc", X-Team: ml }
      \(Self.monitor)
      """)
    try Self.chmod(main, 0o644)
    let everyone = try Self.load(main).warnings
    #expect(
      Self.located(everyone) == [
        "driftwatch.yaml:5:13 this file holds a secret (notifiers.hook.secret, "
          + "notifiers.hook.headers.Authorization) and is readable by every user (mode 0644)"
      ])
    #expect(everyone.first?.hint?.contains("${DW_HOOK_SECRET}") == true)
    #expect(everyone.first?.keyPath == "notifiers.hook.secret")
    // No warning ever shows the secret itself.
    #expect(!"\(everyone)".contains("MfKQ9r8") && !"\(everyone)".contains("Bearer abc"))

    try Self.chmod(main, 0o640)
    let group = try Self.load(main).warnings
    #expect(group.count == 1)
    #expect(group.first?.message.contains("readable by the group '") == true)
    #expect(group.first?.message.contains("(mode 0640)") == true)

    try Self.chmod(main, 0o600)
    #expect(try Self.load(main).warnings.isEmpty)
  }

  @Test func secretsFromTheEnvironmentAndHarmlessHeadersNeedNoChmod() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "driftwatch.yaml",
      """
      notifiers:
        hook:
          type: webhook
          url: ${DW_HOOK_URL}
          secret: ${DW_HOOK_SECRET}
          headers: { Authorization: "Bearer ${DW_TOKEN}", X-Team: ml }
      \(Self.monitor)
      """)
    try Self.chmod(main, 0o644)
    let environment = [
      "DW_HOOK_URL": "https://hooks.slack.com/services/T0/B0/xyz", "DW_HOOK_SECRET": "s",
      "DW_TOKEN": "t",
    ]
    #expect(try Self.load(main, environment: environment).warnings.isEmpty)
  }

  @Test func anIncludedFileIsJudgedOnItsOwnMode() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write("driftwatch.yaml", "include: [alerts/hook.yaml]\n\(Self.monitor)\n")
    let include = try dir.write(
      "alerts/hook.yaml",
      """
      notifiers:
        slack: { type: webhook, url: "https://hooks.slack.com/services/T0/B0/xyz" }
      """)
    try Self.chmod(main, 0o600)
    try Self.chmod(include, 0o644)
    let warnings = Self.located(try Self.load(main).warnings)
    #expect(
      warnings == [
        "hook.yaml:2:32 this file holds a secret (notifiers.slack.url) and is readable by "
          + "every user (mode 0644)"
      ], "\(warnings)")
    try Self.chmod(include, 0o600)
    try Self.chmod(main, 0o644)  // the main file holds no secret
    #expect(try Self.load(main).warnings.isEmpty)
  }

  @Test func aPasswordFileOthersMayReadIsWarnedAbout() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let password = try dir.write("smtp.pass", "hunter2\n")
    let main = try dir.write(
      "driftwatch.yaml",
      """
      notifiers:
        mail:
          type: email
          smtp: { host: smtp.example.com, username: dw, password_file: smtp.pass }
          from: dw@example.com
          to: [ml@example.com]
      \(Self.monitor)
      """)
    try Self.chmod(main, 0o644)
    try Self.chmod(password, 0o604)
    let warnings = try Self.load(main).warnings
    #expect(
      Self.located(warnings) == [
        "driftwatch.yaml:4:66 the password file \(password) is readable by every user (mode 0604)"
      ])
    #expect(warnings.first?.hint?.contains("LoadCredential=") == true)
    try Self.chmod(password, 0o600)
    #expect(try Self.load(main).warnings.isEmpty)
  }

  @Test func aConfigurationOthersMayChangeIsWarnedAbout() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write("driftwatch.yaml", Self.monitor)
    try Self.chmod(main, 0o666)
    #expect(
      Self.located(try Self.load(main).warnings) == [
        "driftwatch.yaml:1:1 this configuration file is writable by every user (mode 0666): "
          + "they can change what the daemon runs"
      ])
    try Self.chmod(main, 0o664)
    #expect(try Self.load(main).warnings.first?.message.contains("writable by the group") == true)
    try Self.chmod(main, 0o644)
    #expect(try Self.load(main).warnings.isEmpty)
  }

  @Test func tlsOptOutsAreWarnedAboutWhereTheyAreWritten() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "driftwatch.yaml",
      """
      notifiers:
        hook: { type: webhook, url: "https://hooks.example.com/x", tls_verify: false }
        mail:
          type: email
          smtp: { host: relay.lan, tls: none, allow_insecure: true }
          from: dw@example.com
          to: [ml@example.com]
        safe: { type: webhook, url: "https://hooks.example.com/y", tls_verify: true }
      \(Self.monitor)
      """)
    try Self.chmod(main, 0o600)
    let warnings = try Self.load(main).warnings
    #expect(warnings.map(\.keyPath) == ["notifiers.hook.tls_verify", "notifiers.mail.smtp.tls"])
    #expect(
      Self.located(warnings) == [
        "driftwatch.yaml:2:74 tls_verify: false: the receiver's certificate is not checked, so "
          + "anyone on the network path can read and change alerts",
        "driftwatch.yaml:5:35 tls: none with allow_insecure: the password and the alerts "
          + "cross the network unencrypted",
      ])
  }

  /// AsyncHTTPClient also speaks `http+unix` and `https+unix` (a local socket): only http and
  /// https with a host are accepted.
  @Test(arguments: [
    "file:///etc/passwd", "http+unix://%2Frun%2Fdocker.sock/x", "https+unix://%2Ftmp%2Fs/x",
    "unix:///run/x.sock", "gopher://h/x", "http:///nohost", "//h/x",
  ])
  func webhookURLsOtherThanHTTPAreRefused(url: String) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let main = try dir.write(
      "driftwatch.yaml", "notifiers:\n  hook: { type: webhook, url: \"\(url)\" }\n\(Self.monitor)\n"
    )
    let error = try #require(throws: ConfigError.self) { try Self.load(main) }
    #expect(error.issues.map(\.keyPath) == ["notifiers.hook.url"], "\(error)")
    #expect(error.issues.first?.message.contains("is not an http or https URL") == true)
  }

  /// Values from `${VAR}` may be secrets: no error message shows one, whatever key it lands in.
  @Test func interpolatedNotifierValuesNeverAppearInErrors() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let secret = "tok-7f3a9c-never-print"
    let main = try dir.write(
      "driftwatch.yaml",
      """
      notifiers:
        hook:
          type: webhook
          url: "${S}"
          secret: "${S}"
          timeout: "${S}"
          template: "${S}"
          tls_verify: "${S}"
          headers: { "X-Key": "${S}\\n" }
        mail:
          type: email
          smtp: { host: "${S}", port: "${S}", tls: "${S}", allow_insecure: "${S}" }
          from: "${S}"
          to: ["${S}"]
          timeout: "${S}"
        mail2:
          type: email
          smtp: { host: h, port: "${BIG}", username: "${S}" }
          from: a@b.c
          to: [a@b.c]
        cmd: { type: command, command: ["${S}"], timeout: "${S}" }
      \(Self.monitor)
      """)
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(
        path: main, environment: ["S": secret, "BIG": "99999"], checkFiles: true)
    }
    #expect(error.issues.count >= 12, "\(error)")
    #expect(!error.description.contains("tok-7f3a9c"), "\(error)")
    #expect(!error.description.contains("99999"), "\(error)")
  }
}
