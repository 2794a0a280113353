/// The HTTP listener of `serve` (the `http:` section): off when the section is absent.
public struct HTTPSettings: Sendable, Equatable, CustomStringConvertible {
  /// The address to listen on: a host (IPv4, `[IPv6]` or a name) and a port (0: any free one).
  public var host: String
  /// The TCP port.
  public var port: Int
  /// A file of bearer tokens, one per line (blank lines and `#` comments ignored); nil for no
  /// authentication.
  public var tokensFile: String?
  /// Whether the listener may run without authentication on a non-loopback address (warned
  /// about at every load).
  public var allowUnauthenticated: Bool
  /// PEM certificate chain for TLS; set together with ``keyFile``.
  public var certFile: String?
  /// PEM private key for TLS.
  public var keyFile: String?
  /// Seconds a request may take, reading included, before the connection is closed.
  public var requestTimeout: Int64
  /// Seconds an idle keep-alive connection stays open.
  public var idleTimeout: Int64
  /// Connections served at once; more wait in the kernel's backlog.
  public var maxConnections: Int
  /// The most per-feature series (`driftwatch_feature_*`) `/metrics` shows; the rest are
  /// dropped and counted in `driftwatch_metrics_series_dropped_total`.
  public var maxFeatureSeries: Int
  /// The listener's address as people reach it (`https://drift.example.com`, no trailing `/`),
  /// for the dashboard links alert notifications carry; nil: notifications carry no link.
  public var publicURL: String?

  /// The default request timeout, seconds.
  public static let defaultRequestTimeout: Int64 = 10
  /// The default idle timeout, seconds.
  public static let defaultIdleTimeout: Int64 = 30
  /// The default connection limit.
  public static let defaultMaxConnections = 64
  /// The default cap on per-feature series.
  public static let defaultMaxFeatureSeries = 20_000
  /// The largest request body accepted (the API only reads; bodies are refused beyond this).
  public static let maxBodyBytes = 16 * 1024

  /// Creates settings; every parameter but the address has the documented default.
  public init(
    host: String, port: Int, tokensFile: String? = nil, allowUnauthenticated: Bool = false,
    certFile: String? = nil, keyFile: String? = nil,
    requestTimeout: Int64 = HTTPSettings.defaultRequestTimeout,
    idleTimeout: Int64 = HTTPSettings.defaultIdleTimeout,
    maxConnections: Int = HTTPSettings.defaultMaxConnections,
    maxFeatureSeries: Int = HTTPSettings.defaultMaxFeatureSeries, publicURL: String? = nil
  ) {
    self.host = host
    self.port = port
    self.tokensFile = tokensFile
    self.allowUnauthenticated = allowUnauthenticated
    self.certFile = certFile
    self.keyFile = keyFile
    self.requestTimeout = requestTimeout
    self.idleTimeout = idleTimeout
    self.maxConnections = maxConnections
    self.maxFeatureSeries = maxFeatureSeries
    self.publicURL = publicURL
  }

  /// The dashboard page of one window of `monitor` under `publicURL`: the monitor name
  /// percent-encoded, the window start as the API writes times (`2026-11-02T00:00:00Z`).
  public static func windowLink(publicURL: String, monitor: String, windowStart: String)
    -> String
  {
    "\(publicURL)/dashboard/monitors/\(pathSegment(monitor))/windows/\(pathSegment(windowStart))"
  }

  /// `text` percent-encoded for one path segment: only letters, digits and `-._~:` stay.
  public static func pathSegment(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      let scalar = Unicode.Scalar(byte)
      if byte < 0x80,
        scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))
          || "-._~:".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        out += byte < 16 ? "%0\(hex)" : "%\(hex)"
      }
    }
    return out
  }

  /// `host:port` as written for people (IPv6 in brackets).
  public var address: String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// Whether TLS is on.
  public var usesTLS: Bool { certFile != nil && keyFile != nil }

  /// Whether the host only accepts connections from this machine.
  public var isLoopback: Bool { Self.isLoopback(host) }

  /// Whether `host` is a loopback address or `localhost`.
  public static func isLoopback(_ host: String) -> Bool {
    let lower = host.lowercased()
    if lower == "localhost" || lower == "::1" { return true }
    let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  /// Splits `host:port` or `[v6]:port`; nil when it is neither.
  public static func parseAddress(_ text: String) -> (host: String, port: Int)? {
    let host: Substring
    let portText: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { return nil }
      host = text[text.index(after: text.startIndex)..<close]
      let rest = text[text.index(after: close)...]
      guard rest.hasPrefix(":") else { return nil }
      portText = rest.dropFirst()
    } else {
      guard let colon = text.lastIndex(of: ":") else { return nil }
      host = text[..<colon]
      portText = text[text.index(after: colon)...]
      if host.contains(":") { return nil }
    }
    guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }),
      let port = Int(portText), (0...65535).contains(port), portText.allSatisfy(\.isNumber)
    else { return nil }
    return (String(host), port)
  }

  /// The settings without file paths' contents: nothing secret is held here.
  public var description: String {
    "http(listen: \(address), auth: \(tokensFile == nil ? "none" : "bearer"), "
      + "tls: \(usesTLS))"
  }
}
