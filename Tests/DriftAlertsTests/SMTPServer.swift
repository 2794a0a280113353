import Foundation

/// A real SMTP server (aiosmtpd) on 127.0.0.1 with STARTTLS required, AUTH required (user
/// `dw`, password `s3cret`) and a throw-away self-signed certificate; it records every
/// accepted message to a JSONL file and rejects recipients at `nobody@`.
final class SMTPServer {
  /// Whether aiosmtpd can be imported (installed by `python3 -m pip install aiosmtpd`).
  static let available: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import aiosmtpd"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }()

  /// One accepted message.
  struct Message: Decodable {
    var from: String
    var to: [String]
    var data: String
    var tls: Bool
    var auth: Bool
  }

  let directory: TemporaryDirectory
  private var server: ChildServer?
  let port: Int

  init(directory: TemporaryDirectory) throws {
    self.directory = directory
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    openssl.arguments = [
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-keyout", directory.file("key.pem"), "-out", directory.file("cert.pem"),
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    openssl.waitUntilExit()
    guard openssl.terminationStatus == 0 else {
      throw ServerError(message: "openssl could not make a certificate")
    }
    try directory.write("smtp.py", Self.script)
    let server = try ChildServer(
      script: directory.file("smtp.py"),
      arguments: [
        directory.file("cert.pem"), directory.file("key.pem"), directory.file("mail.jsonl"),
        directory.file("smtp-port"),
      ],
      portFile: directory.file("smtp-port"), log: directory.file("smtp.log"))
    self.server = server
    self.port = server.port
  }

  var certificate: String { directory.file("cert.pem") }

  func stop() {
    server?.stop()
    server = nil
  }

  func messages() throws -> [Message] {
    guard let text = try? String(contentsOfFile: directory.file("mail.jsonl"), encoding: .utf8)
    else { return [] }
    return try text.split(separator: "\n").map {
      try JSONDecoder().decode(Message.self, from: Data($0.utf8))
    }
  }

  deinit { stop() }

  static let script = #"""
    import json, os, socket, ssl, sys, time
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key, out, port_file = sys.argv[1:5]

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.startswith("nobody@"):
                return "550 5.1.1 <%s>: no such user" % address
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            with open(out, "a") as f:
                f.write(json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                                    "data": envelope.content.decode("utf-8", "replace"),
                                    "tls": session.ssl is not None,
                                    "auth": bool(session.authenticated)}) + "\n")
            return "250 2.0.0 queued"

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == b"dw"
              and auth_data.password == b"s3cret")
        return AuthResult(success=ok, handled=False)

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=authenticate,
                            auth_required=True)
    controller.start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(port_file + ".tmp", port_file)
    while True:
        time.sleep(3600)
    """#
}
