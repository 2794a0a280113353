import Foundation

/// A webhook receiver on 127.0.0.1 that misbehaves on purpose (python3, raw sockets): it logs
/// every request's webhook-id, then answers as the mode file says.
///
/// | mode | answer |
/// |---|---|
/// | `ok` | 200 at once |
/// | `reset` | the first bytes of a 200, then a TCP reset |
/// | `hang` | nothing, for 60 s |
/// | `slow-head` | a 200 at one byte per second, from the status line on |
/// | `slow-body` | a 200 whose 30-byte body comes at one byte per second |
///
/// A refused connection is the receiver stopped (``stop()``); ``start()`` brings it back on the
/// same port.
final class FaultyReceiver {
  /// One request as logged.
  struct Request: Decodable {
    var id: String
    var mode: String
    var time: Double
  }

  let directory: TemporaryDirectory
  private var server: ChildServer?
  private(set) var port = 0

  init(directory: TemporaryDirectory, mode: String = "ok") throws {
    self.directory = directory
    try directory.write("faulty.py", Self.script)
    try setMode(mode)
    try start()
  }

  var url: String { "http://127.0.0.1:\(port)/hook" }

  func start() throws {
    server = try ChildServer(
      script: directory.file("faulty.py"),
      arguments: [String(port), directory.file("faulty.jsonl"), directory.file("faulty-mode")],
      portFile: directory.file("port"), log: directory.file("faulty.log"))
    port = server?.port ?? 0
  }

  func stop() {
    server?.stop()
    server = nil
  }

  func setMode(_ mode: String) throws { try directory.write("faulty-mode", mode) }

  /// Every request so far, in arrival order.
  func requests() -> [Request] {
    let text = (try? String(contentsOfFile: directory.file("faulty.jsonl"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap {
      try? JSONDecoder().decode(Request.self, from: Data($0.utf8))
    }
  }

  deinit { stop() }

  static let script = #"""
    import json, os, socket, socketserver, struct, sys, threading, time
    port, log_path, mode_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    lock = threading.Lock()
    OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            s = self.request
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, body = data.split(b"\r\n\r\n", 1)
            headers = {}
            for line in head.decode("latin-1").split("\r\n")[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            while len(body) < int(headers.get("content-length", "0")):
                chunk = s.recv(65536)
                if not chunk:
                    return
                body += chunk
            with open(mode_path) as f:
                mode = f.read().strip()
            with lock, open(log_path, "a") as f:
                f.write(json.dumps({"id": headers.get("webhook-id", ""), "mode": mode,
                                    "time": time.time()}) + "\n")
            try:
                if mode == "ok":
                    s.sendall(OK)
                elif mode == "reset":
                    s.sendall(OK[:12])
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                elif mode == "hang":
                    time.sleep(60)
                elif mode == "slow-head":
                    for i in range(len(OK)):
                        s.sendall(OK[i:i + 1])
                        time.sleep(1)
                elif mode == "slow-body":
                    s.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 30\r\nConnection: close\r\n\r\n")
                    for i in range(30):
                        s.sendall(b"x")
                        time.sleep(1)
            except OSError:
                pass

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    socketserver.ThreadingTCPServer.daemon_threads = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), Handler)
    folder = os.path.dirname(mode_path)
    with open(os.path.join(folder, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    server.serve_forever()
    """#
}
