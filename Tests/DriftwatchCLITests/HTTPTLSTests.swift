import Foundation
import Testing

/// `http.cert_file` / `key_file`: the listener speaks HTTPS only. The certificate is made by
/// `openssl` (installed by `make test-deps`) and checked by a Python client that trusts it.
@Suite(.serialized) struct HTTPTLSTests {
  @Test func withACertificateTheListenerSpeaksHTTPSOnly() throws {
    let folder = try CLIProcess.temporaryFolder()
    let cert = folder.appendingPathComponent("cert.pem").path
    let key = folder.appendingPathComponent("key.pem").path
    let (made, output) = try PrometheusPeerTests.tool([
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
      "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
    ])
    try #require(made == 0, "\(output)")
    let config = try HTTPListenerTests.filledStore(
      http: "http: { listen: 127.0.0.1:0, cert_file: \(cert), key_file: \(key) }")
    let served = try ServedDaemon.start(config: config, now: HTTPListenerTests.now)
    defer { _ = served.stop() }
    #expect(served.daemon.stderr.contains("listening on https://127.0.0.1:"))

    let client = """
      import ssl, sys, urllib.request
      context = ssl.create_default_context(cafile=sys.argv[1])
      with urllib.request.urlopen(sys.argv[2], context=context, timeout=10) as answer:
          print(answer.status, answer.read().decode())
      """
    let (status, text) = try PrometheusPeerTests.tool([
      "python3", "-c", client, cert, "https://127.0.0.1:\(served.port)/api/v1/monitors",
    ])
    #expect(status == 0, "\(text)")
    #expect(text.hasPrefix("200 {\"monitors\":"), "\(text)")
    // Plain HTTP on the TLS port gets no HTTP answer.
    #expect(HTTPPeer.send("http://127.0.0.1:\(served.port)/healthz", timeout: 5)?.status != 200)
  }
}
