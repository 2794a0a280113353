import Foundation
import Testing

/// `serve` with its HTTP listener, as a user runs it: a real process, a real SQLite file, real
/// HTTP requests; the API's answers compared with what the CLI prints for the same store.
@Suite(.serialized) struct HTTPListenerTests {
  static let now = DaemonProcessTests.now

  /// A config with `http:` over the demo data, its 48 windows stored by `run-once`.
  static func filledStore(http: String = "http: { listen: 127.0.0.1:0 }") throws -> String {
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(folder, extra: http)
    let run = try CLIProcess.run(["run-once", "--config", config, "--now", now])
    #expect(run.status == 0, "\(run.stderr)")
    return config
  }

  /// JSON text with sorted keys, to compare documents.
  static func canonical(_ value: Any) throws -> String {
    String(
      decoding: try JSONSerialization.data(
        withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
  }

  /// Checks an answer against docs/openapi.yaml (scripts/openapi/check.py).
  static func checkSchema(_ answer: HTTPPeer.Answer, path: String, status: Int = 200) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let root = CLIProcess.packageRoot.path
    process.arguments = [
      "python3", "\(root)/scripts/openapi/check.py", "\(root)/docs/openapi.yaml", path,
      String(status),
    ]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(answer.body)
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(path) \(status): \(text)")
  }

  /// Every page of a paged listing, following `next_cursor`.
  static func allPages(_ url: String, key: String = "results") throws -> [Any] {
    var items: [Any] = []
    var cursor: String?
    var pages = 0
    repeat {
      var target = url
      if let cursor { target += "&cursor=\(cursor)" }
      let answer = try HTTPPeer.get(target)
      #expect(answer.status == 200, "\(answer.text)")
      let page = try #require(try answer.json() as? [String: Any])
      items += try #require(page[key] as? [Any])
      cursor = page["next_cursor"] as? String
      pages += 1
    } while cursor != nil && pages < 1000
    return items
  }

  @Test func apiAnswersWhatTheCLIPrintsAndMatchesTheOpenAPIFile() throws {
    let config = try Self.filledStore()
    let served = try ServedDaemon.start(config: config, now: Self.now)
    defer { _ = served.stop() }

    // Status: the same values (the next due window follows each side's clock: left out).
    let monitors = try HTTPPeer.get("\(served.base)/api/v1/monitors")
    try Self.checkSchema(monitors, path: "/api/v1/monitors")
    let listed = try #require((try monitors.json() as? [String: Any])?["monitors"] as? [Any])
    let printed = try DaemonProcessTests.statusJSON(config)
    func withoutDue(_ items: [Any]) throws -> String {
      try Self.canonical(
        items.map { item -> [String: Any] in
          var object = item as? [String: Any] ?? [:]
          object["next_due_window"] = nil
          object["next_due_at"] = nil
          return object
        })
    }
    #expect(try withoutDue(listed) == (try withoutDue(printed)))
    #expect(listed.count == 1)

    // History, paged through in pages that cut windows apart, equals `history` in one go.
    let range = "since=2026-10-31T00:00:00Z&until=2026-11-04T00:00:00Z"
    let history = "\(served.base)/api/v1/monitors/credit-model/history?\(range)"
    let first = try HTTPPeer.get(history + "&limit=37")
    try Self.checkSchema(first, path: "/api/v1/monitors/{name}/history")
    let paged = try Self.allPages(history + "&limit=37")
    let cli = try DaemonProcessTests.historyJSON(config)
    #expect(paged.count == cli.count)
    #expect(try Self.canonical(paged) == (try Self.canonical(cli)))

    // The same filters as the CLI's options.
    let filtered = try Self.allPages(
      history + "&feature=region&test=chisquare&drifted_only=true&limit=5")
    let cliFiltered = try CLIProcess.run([
      "history", "--config", config, "--monitor", "credit-model", "--since",
      "2026-10-31T00:00:00Z", "--until", "2026-11-04T00:00:00Z", "--feature", "region",
      "--test", "chisquare", "--drifted-only", "--format", "json",
    ])
    #expect(!filtered.isEmpty)
    #expect(
      try Self.canonical(filtered)
        == (try Self.canonical(
          try JSONSerialization.jsonObject(with: Data(cliFiltered.stdout.utf8)))))

    // Data-set history.
    let dataset = "\(served.base)/api/v1/monitors/credit-model/dataset-history?\(range)"
    try Self.checkSchema(
      try HTTPPeer.get(dataset + "&limit=10"), path: "/api/v1/monitors/{name}/dataset-history")
    let pagedDataset = try Self.allPages(dataset + "&limit=10")
    let cliDataset = try CLIProcess.run([
      "history", "--config", config, "--monitor", "credit-model", "--dataset", "--since",
      "2026-10-31T00:00:00Z", "--until", "2026-11-04T00:00:00Z", "--format", "json",
    ])
    #expect(pagedDataset.count == 48)
    #expect(
      try Self.canonical(pagedDataset)
        == (try Self.canonical(try JSONSerialization.jsonObject(with: Data(cliDataset.stdout.utf8))))
    )

    // Alerts (none configured here: an empty page), health, and refusals with their reasons.
    try Self.checkSchema(try HTTPPeer.get("\(served.base)/api/v1/alerts"), path: "/api/v1/alerts")
    try Self.checkSchema(try HTTPPeer.get("\(served.base)/healthz"), path: "/healthz")
    let ready = try HTTPPeer.get("\(served.base)/readyz")
    #expect(ready.status == 200, "\(ready.text)")
    try Self.checkSchema(ready, path: "/readyz")
    let missing = try HTTPPeer.get("\(served.base)/api/v1/monitors/credit-modle")
    #expect(missing.status == 404)
    #expect(missing.text.contains("did you mean 'credit-model'"), "\(missing.text)")
    try Self.checkSchema(missing, path: "/api/v1/monitors/{name}", status: 404)
    let badTime = try HTTPPeer.get(
      "\(served.base)/api/v1/monitors/credit-model/history?until=yesterday-ish")
    #expect(badTime.status == 400)
    #expect(badTime.text.contains("until: not a time"), "\(badTime.text.prefix(300))")
    let badCursor = try HTTPPeer.get("\(history)&cursor=xyz")
    #expect(badCursor.status == 400)
    let body = HTTPPeer.send(
      "\(served.base)/api/v1/monitors", method: "POST",
      body: Data(repeating: 65, count: 100_000))
    #expect(body?.status == 413)
  }

  @Test func readyOnlyOnceBoundAndAPortInUseIsAStartUpErrorNamingTheAddress() throws {
    let config = try Self.filledStore()
    let folder = try CLIProcess.temporaryFolder()
    let socket = try NotifySocket(abstract: true, folder: folder)
    defer { socket.close() }
    let served = try ServedDaemon.start(
      config: config, now: Self.now, environment: ["NOTIFY_SOCKET": socket.address])
    defer { _ = served.stop() }
    _ = try #require(socket.wait(for: "READY=1"), "no READY=1: \(served.daemon.stderr)")
    // READY=1 came after the bind: the listener answers at once.
    #expect(try HTTPPeer.get("\(served.base)/healthz").status == 200)

    // A second daemon on the same port: exit 3, the address in the message, never READY=1.
    let folder2 = try CLIProcess.temporaryFolder()
    let config2 = try DaemonProcessTests.writeConfig(
      folder2, extra: "http: { listen: 127.0.0.1:\(served.port) }")
    let socket2 = try NotifySocket(abstract: true, folder: folder2)
    defer { socket2.close() }
    let second = try DaemonUnderTest(
      ["serve", "--config", config2, "--now", Self.now],
      environment: ["NOTIFY_SOCKET": socket2.address])
    try second.start()
    let status = second.waitForExit(timeout: .seconds(30))
    #expect(status == 3, "\(second.stderr)")
    #expect(
      second.stderr.contains("cannot listen on 127.0.0.1:\(served.port)"), "\(second.stderr)")
    #expect(second.stderr.contains("already in use"), "\(second.stderr)")
    #expect(!socket2.messages.contains { $0.fields.contains("READY=1") })
  }

  @Test func tokensAreRequiredWhenConfiguredAndComparedWhole() throws {
    let folder = try CLIProcess.temporaryFolder()
    let tokens = folder.appendingPathComponent("tokens").path
    try "# ops\nsecret-token-one\n\nsecret-token-two\n".write(
      toFile: tokens, atomically: true, encoding: .utf8)
    chmod(tokens, 0o600)
    let config = try Self.filledStore(
      http: "http: { listen: 127.0.0.1:0, auth: { tokens_file: \(tokens) } }")
    let served = try ServedDaemon.start(config: config, now: Self.now)
    defer { _ = served.stop() }
    let url = "\(served.base)/api/v1/monitors"
    let none = try HTTPPeer.get(url)
    #expect(none.status == 401)
    try Self.checkSchema(none, path: "/api/v1/monitors", status: 401)
    for wrong in ["secret-token-on", "secret-token-onee", "Secret-token-one", ""] {
      #expect(try HTTPPeer.get(url, headers: ["Authorization": "Bearer \(wrong)"]).status == 401)
    }
    for right in ["secret-token-one", "secret-token-two"] {
      #expect(try HTTPPeer.get(url, headers: ["Authorization": "Bearer \(right)"]).status == 200)
    }
    #expect(try HTTPPeer.get("\(served.base)/metrics").status == 401)
    #expect(try HTTPPeer.get("\(served.base)/healthz").status == 200)
    #expect(!served.daemon.stderr.contains("secret-token"))
  }

  @Test func aNonLoopbackAddressNeedsAuthOrAnExplicitOptOut() throws {
    let folder = try CLIProcess.temporaryFolder()
    let refused = try DaemonProcessTests.writeConfig(
      folder, extra: "http: { listen: 0.0.0.0:9184 }")
    let check = try CLIProcess.run(["config", "check", refused])
    #expect(check.status == 2)
    #expect(check.stderr.contains("http.listen"), "\(check.stderr)")
    #expect(check.stderr.contains("not a loopback address"), "\(check.stderr)")
    let optedOut = try DaemonProcessTests.writeConfig(
      folder, extra: "http: { listen: 0.0.0.0:9184, allow_unauthenticated: true }")
    let warned = try CLIProcess.run(["config", "check", optedOut])
    #expect(warned.status == 0, "\(warned.stderr)")
    #expect(
      (warned.stdout + warned.stderr).contains("allow_unauthenticated"),
      "\(warned.stdout)\(warned.stderr)")
  }
}
