import DriftConfig
import Foundation
import Testing

/// The `http:` section and the `type: alertmanager` notifier, loaded from real files.
@Suite struct HTTPConfigTests {
  static let monitor = SecurityWarningTests.monitor

  static func load(_ yaml: String) throws -> Configuration {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    return try ConfigLoader.load(
      path: try dir.write("driftwatch.yaml", yaml), environment: [:], checkFiles: false)
  }

  static func issues(_ yaml: String) -> [String] {
    do {
      _ = try load(yaml)
      return []
    } catch let error as ConfigError {
      return error.issues.map { "\($0.line):\($0.column) \($0.keyPath): \($0.message)" }
    } catch {
      return ["\(error)"]
    }
  }

  @Test func theListenerIsOffWithoutTheSectionAndReadsItsKeys() throws {
    #expect(try Self.load(Self.monitor).http == nil)
    let http = try #require(
      try Self.load(
        """
        http:
          listen: "[::1]:9184"
          request_timeout: 5s
          idle_timeout: 1m
          max_connections: 8
          metrics: { max_feature_series: 100 }
        \(Self.monitor)
        """
      ).http)
    #expect(http.host == "::1")
    #expect(http.port == 9184)
    #expect(http.address == "[::1]:9184")
    #expect(http.isLoopback)
    #expect(http.requestTimeout == 5)
    #expect(http.idleTimeout == 60)
    #expect(http.maxConnections == 8)
    #expect(http.maxFeatureSeries == 100)
    #expect(http.tokensFile == nil)
  }

  @Test(arguments: [
    ("listen: 9184", "is not host:port"),
    ("listen: 'localhost:99999'", "is not host:port"),
    ("listen: '10.0.0.5:9184'", "not a loopback address, and http.auth is not set"),
    ("listen: '127.0.0.1:9184', cert_file: /c.pem", "cert_file and key_file go together"),
    ("listen: '127.0.0.1:9184', colour: blue", "colour"),
    ("{}", "missing required key 'listen'"),
  ])
  func badSectionsAreLocated(section: String, message: String) {
    let found = Self.issues("http: { \(section) }\n\(Self.monitor)")
    #expect(found.contains { $0.contains(message) && $0.hasPrefix("1:") }, "\(found)")
  }

  @Test func publicURLIsReadWithoutItsTrailingSlash() throws {
    let yaml = { (url: String) in
      "http: { listen: 127.0.0.1:9184, public_url: \(url) }\n\(Self.monitor)"
    }
    #expect(
      try Self.load(yaml("https://drift.example.com/")).http?
        .publicURL == "https://drift.example.com")
    #expect(
      try Self.load(yaml("'http://10.0.0.5:9184/drift'")).http?.publicURL
        == "http://10.0.0.5:9184/drift")
    #expect(
      try Self.load("http: { listen: 127.0.0.1:9184 }\n\(Self.monitor)").http?.publicURL == nil)
  }

  @Test(arguments: [
    "drift.example.com", "ftp://drift.example.com", "'https://drift.example.com/?a=1'",
    "'https://user@drift.example.com'", "'/dashboard'", "[a, b]",
  ])
  func badPublicURLsAreLocated(url: String) {
    let issues = Self.issues(
      "http:\n  listen: 127.0.0.1:9184\n  public_url: \(url)\n\(Self.monitor)")
    #expect(issues.count == 1, "\(issues)")
    #expect(issues.first?.hasPrefix("3:15 http.public_url: ") == true, "\(issues)")
  }

  @Test func aNonLoopbackAddressTakesTokensOrAWarnedOptOut() throws {
    let withTokens = try Self.load(
      "http: { listen: '0.0.0.0:9184', auth: { tokens_file: /etc/dw/tokens } }\n\(Self.monitor)")
    #expect(withTokens.http?.tokensFile == "/etc/dw/tokens")
    #expect(withTokens.warnings.isEmpty)
    let optedOut = try Self.load(
      "http: { listen: '0.0.0.0:9184', allow_unauthenticated: true }\n\(Self.monitor)")
    #expect(optedOut.warnings.contains { $0.keyPath == "http.allow_unauthenticated" })
  }

  @Test func bearerTokensSkipCommentsAndCompareWhole() {
    let tokens = BearerTokens(text: "# ops team\n  abc123  \n\nxyz\n")
    #expect(tokens.tokens.count == 2)
    #expect(tokens.contains(Array("abc123".utf8)))
    #expect(tokens.contains(Array("xyz".utf8)))
    for wrong in ["abc12", "abc1234", "ABC123", "", "# ops team"] {
      #expect(!tokens.contains(Array(wrong.utf8)), "\(wrong)")
    }
  }

  @Test func anAlertmanagerWithSeveralURLsBecomesOneLanePerURL() throws {
    let configuration = try Self.load(
      """
      notifiers:
        am:
          type: alertmanager
          url: [http://am1:9093, "http://am2:9093/"]
          repeat_interval: 30s
      monitors:
        - name: m
          baseline: { path: /b.csv }
          target: { files: /t/*.csv, timestamp_column: ts }
          schedule: { window: 1h }
          alerts:
            - { name: r, when: feature_drifted, notify: [am] }
      """)
    #expect(configuration.notifiers.keys.sorted() == ["am#1", "am#2"])
    guard case .alertmanager(let second) = configuration.notifiers["am#2"]?.kind else {
      Issue.record("not an alertmanager notifier")
      return
    }
    #expect(second.alertsURL == "http://am2:9093/api/v2/alerts")
    #expect(second.repeatInterval == 30)
    #expect(configuration.monitors[0].alerts[0].notify == ["am#1", "am#2"])
    let single = try Self.load(
      """
      notifiers:
        am: { type: alertmanager, url: "http://127.0.0.1:9093" }
      \(Self.monitor)
      """)
    guard case .alertmanager(let only) = single.notifiers["am"]?.kind else {
      Issue.record("not an alertmanager notifier")
      return
    }
    #expect(only.repeatInterval == AlertmanagerSettings.defaultRepeatInterval)
    let bad = Self.issues(
      "notifiers:\n  am: { type: alertmanager, url: 'ftp://x' }\n\(Self.monitor)")
    #expect(
      bad.contains { $0.contains("notifiers.am.url") && $0.contains("not an http") }, "\(bad)")
  }
}
