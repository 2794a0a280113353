import Foundation

/// A real HTTP receiver (Python `http.server`) that checks Standard Webhooks signatures and
/// records every request to a JSONL file; a mode file chooses its answer.
final class WebhookReceiver {
  /// What the receiver answers.
  enum Mode: Equatable {
    case ok
    case status(Int)
    case tooMany(retryAfter: String)
    case hang
  }

  /// One recorded request.
  struct Request: Decodable {
    var id: String
    var timestamp: String
    var signatureOK: Bool
    var body: String
    var mode: String

    enum CodingKeys: String, CodingKey {
      case id, timestamp, body, mode
      case signatureOK = "signature_ok"
    }
  }

  let directory: TemporaryDirectory
  let secret: String
  private var server: ChildServer?
  private(set) var port = 0

  init(directory: TemporaryDirectory, secret: String) throws {
    self.directory = directory
    self.secret = secret
    try directory.write("receiver.py", Self.script)
    try setMode(.ok)
    try start()
  }

  var url: String { "http://127.0.0.1:\(port)/hook" }

  /// Starts (or restarts on the same port) the server.
  func start() throws {
    server = try ChildServer(
      script: directory.file("receiver.py"),
      arguments: [String(port), directory.file("requests.jsonl"), directory.file("mode"), secret],
      portFile: directory.file("port"), log: directory.file("receiver.log"))
    port = server?.port ?? 0
  }

  func stop() {
    server?.stop()
    server = nil
  }

  func setMode(_ mode: Mode) throws {
    let text =
      switch mode {
      case .ok: "ok"
      case .status(let code): "\(code)"
      case .tooMany(let retryAfter): "429 \(retryAfter)"
      case .hang: "hang"
      }
    try directory.write("mode", text)
  }

  /// Every request so far, in arrival order.
  func requests() throws -> [Request] {
    guard let text = try? String(contentsOfFile: directory.file("requests.jsonl"), encoding: .utf8)
    else { return [] }
    return try text.split(separator: "\n").map {
      try JSONDecoder().decode(Request.self, from: Data($0.utf8))
    }
  }

  deinit { stop() }

  static let script = #"""
    import base64, hashlib, hmac, json, sys, threading, time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    port, log_path, mode_path, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    key = base64.b64decode(secret[6:]) if secret.startswith("whsec_") else secret.encode()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            wid = self.headers.get("webhook-id", "")
            ts = self.headers.get("webhook-timestamp", "")
            signed = wid.encode() + b"." + ts.encode() + b"." + body
            expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            given = self.headers.get("webhook-signature", "").split(" ")
            ok = any(hmac.compare_digest(expected, g) for g in given)
            with open(mode_path) as f:
                mode = f.read().strip()
            with lock, open(log_path, "a") as f:
                f.write(json.dumps({"id": wid, "timestamp": ts, "signature_ok": ok,
                                    "body": body.decode(), "mode": mode}) + "\n")
            if not ok:
                return self.answer(401, "bad signature")
            if mode == "hang":
                time.sleep(60)
                return self.answer(200, "late")
            if mode.startswith("429"):
                return self.answer(429, "slow down", {"Retry-After": mode[4:]})
            if mode != "ok":
                return self.answer(int(mode), "bad payload" if mode == "400" else "broken")
            self.answer(200, "thanks")

        def answer(self, code, text, headers={}):
            data = text.encode()
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    with open(sys.argv[2] + ".port.tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(sys.argv[2] + ".port.tmp", os.path.join(os.path.dirname(mode_path), "port"))
    server.serve_forever()
    """#
}
