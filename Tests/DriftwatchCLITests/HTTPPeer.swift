import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A plain HTTP client for the tests (the listener and the real peers on 127.0.0.1).
enum HTTPPeer {
  struct Answer {
    var status: Int
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }
  }

  /// Sends a request and waits for the answer (nil when the connection failed).
  static func send(
    _ url: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil,
    timeout: TimeInterval = 20
  ) -> Answer? {
    guard let target = URL(string: url) else { return nil }
    var request = URLRequest(url: target, timeoutInterval: timeout)
    request.httpMethod = method
    request.httpBody = body
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let done = DispatchSemaphore(value: 0)
    let box = Box()
    let task = URLSession.shared.dataTask(with: request) { data, response, _ in
      if let response = response as? HTTPURLResponse {
        box.answer = Answer(status: response.statusCode, body: data ?? Data())
      }
      done.signal()
    }
    task.resume()
    done.wait()
    return box.answer
  }

  /// GET, requiring an answer.
  static func get(_ url: String, headers: [String: String] = [:]) throws -> Answer {
    try #require(send(url, headers: headers), "no answer from \(url)")
  }

  private final class Box: @unchecked Sendable {
    var answer: Answer?
  }

  /// A TCP port nothing listens on right now (bound to port 0, then closed).
  static func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// A `serve` with its HTTP listener, over a store filled by `run-once`.
struct ServedDaemon {
  let daemon: DaemonUnderTest
  let port: Int
  let config: String
  var base: String { "http://127.0.0.1:\(port)" }

  /// Starts `serve --config config` and waits for the listener's log line; returns nil (after
  /// recording why) when it does not come up.
  static func start(config: String, now: String, environment: [String: String] = [:]) throws
    -> ServedDaemon
  {
    let daemon = try DaemonUnderTest(
      ["serve", "--config", config, "--now", now, "--log-level", "info"],
      environment: environment)
    try daemon.start()
    #expect(daemon.waitForLog("http: listening on"), "\(daemon.stderr)")
    let line = daemon.stderr.split(separator: "\n").first { $0.contains("http: listening on") }
    let port = try #require(line?.split(separator: ":").last.flatMap { Int($0) })
    return ServedDaemon(daemon: daemon, port: port, config: config)
  }

  func stop() -> Int32? {
    daemon.signal(SIGTERM)
    return daemon.waitForExit()
  }
}
