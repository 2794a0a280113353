import Foundation
import Testing

/// Pieces the fault suites share: a recording webhook receiver, SQL over the history file (via
/// python3's sqlite3, independent of driftwatch's own store code), a clock file, bounded waits.
enum Fault {
  /// The bundled demo data: 72 hourly windows from 2026-11-01T00:00Z.
  static let root = CLIProcess.packageRoot.path
  /// All 72 windows are due at this time.
  static let end = "2026-11-04T00:15:00Z"

  /// A monitor over the demo data with alert rules that fire on day 2 and resolve on day 3.
  static func monitor(
    name: String = "credit-model", baseline: String? = nil, catchUp: Int = 72,
    notify: [String] = []
  ) -> String {
    var text = """
        - name: \(name)
          baseline: { path: \(baseline ?? root + "/baselines/credit-baseline.csv") }
          target: { files: "\(root)/baselines/inference/*.csv", timestamp_column: ts }
          schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: \(catchUp) }
      """
    if !notify.isEmpty {
      let targets = notify.joined(separator: ", ")
      text += """

            alerts:
              - { name: region-drift, when: feature_drifted, features: [region, income], for: 2, severity: critical, notify: [\(targets)] }
              - { name: dataset-drift, when: dataset_drifted, share: 0.3, notify: [\(targets)] }
              - { name: any-feature, when: feature_drifted, severity: info, notify: [\(targets)] }
        """
    }
    return text
  }

  /// Writes `driftwatch.yaml` in `folder` with the database at `database` (default: in folder).
  static func config(
    _ folder: URL, database: String? = nil, notifiers: String = "", monitors: [String],
    tick: String = "1s"
  ) throws -> String {
    let text = """
      storage: { path: \(database ?? folder.path + "/driftwatch.db") }
      daemon: { tick: \(tick) }
      \(notifiers)
      monitors:
      \(monitors.joined(separator: "\n"))
      """
    let path = folder.appendingPathComponent("driftwatch.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Rows of `sql` on the SQLite file `database`, each a list of values as JSON gives them.
  static func query(_ database: String, _ sql: String) throws -> [[Any]] {
    let script = """
      import json, sqlite3, sys
      db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True, timeout=30)
      rows = db.execute(sys.argv[2]).fetchall()
      print(json.dumps([[v.hex() if isinstance(v, bytes) else v for v in r] for r in rows]))
      """
    let output = try python(script, [database, sql])
    return try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]])
  }

  /// One integer from `sql`.
  static func count(_ database: String, _ sql: String) throws -> Int {
    try #require(try query(database, sql).first?.first as? Int)
  }

  /// Runs a python3 script, returning standard output; fails the test when it fails.
  @discardableResult
  static func python(_ script: String, _ arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let text = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // A thrown error, not a recorded issue: waits poll files that may not exist yet.
    guard process.terminationStatus == 0 else {
      throw ScriptError(message: "python3: \(String(decoding: error, as: UTF8.self))")
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Runs a command (not driftwatch), returning its status and combined output.
  @discardableResult
  static func shell(_ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    guard (try? process.run()) != nil else { return (127, "cannot run \(arguments[0])") }
    let text = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: text, as: UTF8.self))
  }

  /// Sets the clock file `serve --clock-file` reads.
  static func setClock(_ path: String, _ time: String) throws {
    try time.write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Window starts and how often each is stored, over every monitor.
  static func runsPerWindow(_ database: String, monitor: String = "credit-model") throws
    -> [Int: Int]
  {
    let rows = try query(
      database,
      """
      SELECT window_start, count(*) FROM runs JOIN monitors ON monitors.id = runs.monitor_id
      WHERE monitors.name = '\(monitor)' GROUP BY window_start
      """)
    var result = [Int: Int]()
    for row in rows {
      if let start = row[0] as? Int, let count = row[1] as? Int { result[start] = count }
    }
    return result
  }

  /// Waits until `condition` holds, at most `timeout`; until then a condition that throws (the
  /// database not created or migrated yet) counts as not holding.
  static func wait(_ timeout: Duration, _ condition: () throws -> Bool) throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if (try? condition()) == true { return true }
      usleep(100_000)
    }
    return try condition()
  }

  /// Seconds since the epoch of an RFC 3339 time.
  static func epoch(_ text: String) -> Int {
    let formatter = ISO8601DateFormatter()
    return Int(formatter.date(from: text)?.timeIntervalSince1970 ?? 0)
  }

  /// RFC 3339 of seconds since the epoch.
  static func time(_ seconds: Int) -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }
}

/// A live webhook receiver (python3 on 127.0.0.1) that answers 204 and records every request
/// with its webhook-id and the SHA-256 of its body.
final class RecordingReceiver {
  /// One request as received.
  struct Request {
    var id: String
    var bodyHash: String
  }

  let folder: URL
  let process = Process()
  let port: Int

  static let script = """
    import hashlib, http.server, json, os, sys, threading, time
    folder = sys.argv[1]
    lock = threading.Lock()
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
            line = json.dumps({'id': self.headers.get('webhook-id', ''),
                               'sha': hashlib.sha256(body).hexdigest()})
            with lock, open(os.path.join(folder, 'received.jsonl'), 'a') as f:
                f.write(line + '\\n')
            time.sleep(0.01)  # widens the gap between the send and the sender's acknowledgement
            self.send_response(204)
            self.send_header('Content-Length', '0')
            self.end_headers()
        def log_message(self, *args):
            pass
    http.server.ThreadingHTTPServer.daemon_threads = True
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    with open(os.path.join(folder, 'port.tmp'), 'w') as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(folder, 'port.tmp'), os.path.join(folder, 'port'))
    server.serve_forever()
    """

  init() throws {
    folder = try CLIProcess.temporaryFolder()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", Self.script, folder.path]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let portFile = folder.appendingPathComponent("port").path
    _ = try Fault.wait(.seconds(20)) { FileManager.default.fileExists(atPath: portFile) }
    let text = (try? String(contentsOfFile: portFile, encoding: .utf8)) ?? ""
    guard let port = Int(text) else {
      kill(process.processIdentifier, SIGKILL)
      throw ServerStartError()
    }
    self.port = port
  }

  /// A `notifiers:` section with one webhook called `name`.
  func notifiers(_ name: String = "hook") -> String {
    """
    notifiers:
      \(name): { type: webhook, url: "http://127.0.0.1:\(port)/drift", secret: s3cret, timeout: 10s }
    """
  }

  /// Every request so far, in arrival order.
  func requests() -> [Request] {
    let path = folder.appendingPathComponent("received.jsonl").path
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line in
      guard
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
        let id = object["id"], let hash = object["sha"]
      else { return nil }
      return Request(id: id, bodyHash: hash)
    }
  }

  deinit {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

struct ServerStartError: Error {}

/// A helper script that failed, with its standard error.
struct ScriptError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
