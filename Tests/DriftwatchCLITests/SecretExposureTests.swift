import Foundation
import Testing

/// Known secrets in every place a configuration can hold one, every command that prints or
/// logs, notifiers that fail: no secret appears in any output, log line or byte of the
/// history database (outbox payloads and `last_error` included).
@Suite(.serialized) struct SecretExposureTests {
  static let webhookSecret = "whsec-literal-8d1f6c"
  static let headerSecret = "hdr-literal-2b9e47"
  static let urlSecret = "url-literal-6a03d5"
  static let environmentSecret = "env-hook-5c7712"
  static let passwordFileSecret = "pwfile-smtp-91e0aa"
  static let passwordEnvSecret = "pwenv-smtp-47c2bd"
  static let all = [
    webhookSecret, headerSecret, urlSecret, environmentSecret, passwordFileSecret,
    passwordEnvSecret,
  ]

  /// Answers every POST with 500 and a body echoing the request's credentials, as careless
  /// servers do; records what it got so the test knows the secrets were really sent.
  static let echoReceiver = """
    import os, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    folder = sys.argv[1]
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get('Content-Length', 0)))
            echo = 'denied %s for %s' % (self.headers.get('Authorization'), self.path)
            with open(os.path.join(folder, 'echoed'), 'a') as f:
                f.write(echo + '\\n')
            data = echo.encode()
            self.send_response(500)
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    with open(os.path.join(folder, 'port.tmp'), 'w') as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(folder, 'port.tmp'), os.path.join(folder, 'port'))
    server.serve_forever()
    """

  /// A local port nothing listens on (bound, then closed).
  static func refusedPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
      }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
  }

  static func config(folder: URL, database: String, echoPort: Int, refused: Int) -> String {
    let root = CLIProcess.packageRoot.path
    return """
      storage: { path: \(folder.path)/\(database) }
      notifiers:
        echo:
          type: webhook
          url: "http://127.0.0.1:\(echoPort)/hook?token=\(urlSecret)"
          secret: \(webhookSecret)
          headers: { Authorization: "Bearer \(headerSecret)", X-Team: ml }
          timeout: 10s
        refused:
          type: webhook
          url: "http://127.0.0.1:\(refused)/hook/\(urlSecret)"
          secret: ${DW_HOOK_SECRET}
          timeout: 5s
        mail:
          type: email
          smtp: { host: 127.0.0.1, port: \(refused), tls: none, allow_insecure: true, username: dw, password_file: smtp.pass }
          from: dw@example.com
          to: [ml@example.com]
          timeout: 5s
        mail2:
          type: email
          smtp: { host: 127.0.0.1, port: \(refused), username: dw, password_env: DW_SMTP_PASSWORD }
          from: dw@example.com
          to: [ml@example.com]
          timeout: 5s
      monitors:
        - name: credit-model
          baseline: { path: \(root)/baselines/credit-baseline.csv }
          target: { files: "\(root)/baselines/inference/*.csv", timestamp_column: ts }
          schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 3 }
          alerts:
            - { name: region-drift, when: feature_drifted, features: [region], notify: [echo, refused, mail, mail2] }
      """
  }

  @Test func noSecretInAnyOutputLogOrDatabaseByte() throws {
    let folder = try CLIProcess.temporaryFolder()
    let receiver = Process()
    receiver.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    receiver.arguments = ["python3", "-c", Self.echoReceiver, folder.path]
    try receiver.run()
    defer {
      kill(receiver.processIdentifier, SIGKILL)
      receiver.waitUntilExit()  // reaped, so Process lets go of itself (LeakSanitizer)
    }
    let portFile = folder.appendingPathComponent("port").path
    #expect(ServiceTests.waitFor(.seconds(10)) { FileManager.default.fileExists(atPath: portFile) })
    let echoPort = try #require(Int(try String(contentsOfFile: portFile, encoding: .utf8)))
    let refused = try Self.refusedPort()
    let passwordFile = folder.appendingPathComponent("smtp.pass").path
    try (Self.passwordFileSecret + "\n").write(
      toFile: passwordFile, atomically: true, encoding: .utf8)
    let config = folder.appendingPathComponent("driftwatch.yaml").path
    try Self.config(folder: folder, database: "run.db", echoPort: echoPort, refused: refused)
      .write(toFile: config, atomically: true, encoding: .utf8)
    // Readable by others, so the warnings (which name the key, never the value) are logged too.
    for file in [config, passwordFile] {
      try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
    }
    let environment = [
      "DW_HOOK_SECRET": Self.environmentSecret, "DW_SMTP_PASSWORD": Self.passwordEnvSecret,
    ]
    var outputs: [String: String] = [:]
    func run(_ arguments: [String]) throws {
      let result = try CLIProcess.run(arguments, environment: environment)
      outputs[arguments.joined(separator: " ")] = result.stdout + result.stderr
    }
    let journal = ["--log-level", "trace", "--log-format", "journal"]
    let now = "2026-11-02T03:15:00Z"  // three drifted windows due: region-drift fires
    try run(["config", "check", config])
    try run(["run-once", "--config", config, "--now", now] + journal)
    try run(["status", "--config", config])
    try run(["status", "--config", config, "--format", "json"])
    try run(["alerts", "--config", config])
    try run(["alerts", "--config", config, "--format", "json"])
    for notifier in ["echo", "refused", "mail", "mail2"] {
      try run(["alerts", "test", notifier, "--config", config])
    }

    // serve on a second database, until its deliveries have failed once, in both log formats.
    let serveConfig = folder.appendingPathComponent("serve.yaml").path
    try Self.config(folder: folder, database: "serve.db", echoPort: echoPort, refused: refused)
      .write(toFile: serveConfig, atomically: true, encoding: .utf8)
    let daemon = try DaemonUnderTest(
      ["serve", "--config", serveConfig, "--now", now, "--log-format", "json"] + journal.prefix(2),
      environment: environment)
    try daemon.start()
    let attempted = ServiceTests.waitFor(.seconds(90)) {
      ["echo", "refused", "mail", "mail2"].allSatisfy {
        daemon.stderr.contains("\"notifier\":\"\($0)\"")
      }
    }
    #expect(attempted, "\(daemon.stderr)")
    daemon.signal(SIGTERM)
    #expect(daemon.waitForExit() == 0)
    outputs["serve"] = daemon.stderr

    // The secrets really went out (so their absence below means something).
    let echoed = try String(contentsOfFile: folder.path + "/echoed", encoding: .utf8)
    #expect(echoed.contains("Bearer \(Self.headerSecret)") && echoed.contains(Self.urlSecret))
    #expect(outputs["config check \(config)"]?.contains("warning:") == true)
    #expect(outputs["serve"]?.contains("alert notification failed") == true)

    for (command, text) in outputs {
      for secret in Self.all {
        #expect(!text.contains(secret), "\(command) shows \(secret):\n\(text)")
      }
    }
    for database in ["run.db", "serve.db"] {
      let base = folder.appendingPathComponent(database).path
      var bytes = Data()
      for file in [base, base + "-wal"] {
        bytes.append(FileManager.default.contents(atPath: file) ?? Data())
      }
      #expect(bytes.count > 0)
      for secret in Self.all {
        #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(database) holds \(secret)")
      }
      // The failures were stored (with the echo's reason, redacted).
      #expect(bytes.range(of: Data("denied <redacted> for <redacted>".utf8)) != nil, "\(database)")
    }
  }
}
