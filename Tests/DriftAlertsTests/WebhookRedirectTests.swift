import DriftAlerts
import DriftConfig
import Foundation
import Testing

/// A receiver answering with a redirect: the webhook does not follow it (no bodiless GET that
/// counts as delivered, no signed payload or headers sent to another host); the notification is
/// dead with a reason that says what to do.
@Suite(.serialized) struct WebhookRedirectTests {
  /// Two servers on 127.0.0.1: the first answers every POST with `status` and a `Location` on
  /// the second, which records every request it gets (method and headers) to `taken`.
  static let script = #"""
    import json, os, sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    status, folder = int(sys.argv[1]), sys.argv[2]

    class Target(BaseHTTPRequestHandler):
        def record(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode() if length else ""
            with open(os.path.join(folder, "taken"), "a") as f:
                f.write(json.dumps({"method": self.command, "headers": dict(self.headers),
                                    "body": body}) + "\n")
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        do_GET = do_POST = record
        def log_message(self, *args):
            pass

    target = ThreadingHTTPServer(("127.0.0.1", 0), Target)
    threading.Thread(target=target.serve_forever, daemon=True).start()

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(status)
            self.send_header("Location", "http://127.0.0.1:%d/steal" % target.server_address[1])
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"moved")
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    with open(os.path.join(folder, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    server.serve_forever()
    """#

  @Test(arguments: [301, 302, 303, 307, 308])
  func aRedirectIsNotFollowedAndTheNotificationIsDead(status: Int) async throws {
    let directory = try TemporaryDirectory()
    try directory.write("redirect.py", Self.script)
    let server = try ChildServer(
      script: directory.file("redirect.py"), arguments: [String(status), directory.path],
      portFile: directory.file("port"), log: directory.file("server.log"))
    defer { server.stop() }
    let transport = WebhookTransport()
    let notifier = WebhookNotifier(
      settings: WebhookSettings(
        url: "http://127.0.0.1:\(server.port)/hook", secret: NotifierSecret("s3cret"),
        timeout: 10, headers: ["X-Api-Key": "k-123"]),
      transport: transport)
    let outcome = await notifier.deliver(id: "n-moved", payload: Fixtures.payload(id: "n-moved"))
    try await transport.shutdown()
    #expect(
      outcome
        == .dead(
          "HTTP \(status): moved (redirects are not followed: configure the URL it points to)"))
    #expect(!FileManager.default.fileExists(atPath: directory.file("taken")))
  }
}
