import Foundation

extension ConfigurationDraft {
  /// The keys `http:` takes.
  static let httpKeys = [
    "listen", "auth", "allow_unauthenticated", "cert_file", "key_file", "request_timeout",
    "idle_timeout", "max_connections", "metrics", "public_url",
  ]

  /// Reads `http:`: the listener's address, authentication, TLS and limits.
  mutating func readHTTP(_ nodes: [ConfigNode]) {
    guard let node = nodes.first,
      let reader = MappingReader(
        node, keyPath: "http", allowedKeys: Self.httpKeys, issues: context.issues)
    else { return }
    let issues = context.issues
    guard let listenNode = reader.required("listen", hint: "write e.g. listen: 127.0.0.1:9184"),
      let listen = reader.text(of: listenNode, keyPath: "http.listen", expected: "host:port")
    else { return }
    guard let (host, port) = HTTPSettings.parseAddress(listen) else {
      issues.add(
        "'\(listenNode.displayText)' is not host:port", at: listenNode.position,
        keyPath: "http.listen", hint: "write e.g. 127.0.0.1:9184 or [::1]:9184")
      return
    }
    var settings = HTTPSettings(host: host, port: port)
    if let authNode = reader.value("auth"),
      let auth = MappingReader(
        authNode, keyPath: "http.auth", allowedKeys: ["tokens_file"], issues: issues)
    {
      if let (path, pathNode) = auth.path("tokens_file", required: true) {
        settings.tokensFile = path
        if context.checkFiles { checkTokensFile(path, node: pathNode) }
      }
    }
    settings.allowUnauthenticated = reader.bool("allow_unauthenticated") ?? false
    let cert = reader.path("cert_file", required: false)
    let key = reader.path("key_file", required: false)
    if (cert == nil) != (key == nil) {
      issues.add(
        "cert_file and key_file go together", at: (cert?.node ?? key?.node ?? node).position,
        keyPath: cert == nil ? "http.key_file" : "http.cert_file",
        hint: "set both for TLS, or neither for plain HTTP")
    }
    settings.certFile = cert?.path
    settings.keyFile = key?.path
    if context.checkFiles {
      for (file, keyPath) in [(cert, "http.cert_file"), (key, "http.key_file")] {
        guard let file, let problem = PathResolution.problemReading(file.path) else { continue }
        issues.add(
          problem, at: file.node.position, keyPath: keyPath,
          hint: "check the path and that the service's user may read it")
      }
    }
    if let seconds = reader.duration("request_timeout", allowZero: false) {
      settings.requestTimeout = seconds
    }
    if let seconds = reader.duration("idle_timeout", allowZero: false) {
      settings.idleTimeout = seconds
    }
    if let count = reader.integer("max_connections", minimum: 1) { settings.maxConnections = count }
    if let metricsNode = reader.value("metrics"),
      let metrics = MappingReader(
        metricsNode, keyPath: "http.metrics", allowedKeys: ["max_feature_series"], issues: issues),
      let cap = metrics.integer("max_feature_series", minimum: 0)
    {
      settings.maxFeatureSeries = cap
    }
    if let urlNode = reader.value("public_url"),
      let text = reader.text(of: urlNode, keyPath: "http.public_url", expected: "a URL")
    {
      if let url = Self.publicURL(text) {
        settings.publicURL = url
      } else {
        issues.add(
          "'\(urlNode.displayText)' is not an absolute http or https URL without query",
          at: urlNode.position, keyPath: "http.public_url",
          hint: "write the address people open the dashboard at, e.g. https://drift.example.com")
      }
    }
    if !settings.isLoopback && settings.tokensFile == nil {
      if settings.allowUnauthenticated {
        context.notes.warnings.add(
          "allow_unauthenticated: the API and /metrics on \(settings.address) answer anyone "
            + "who can reach that address",
          at: (reader.value("allow_unauthenticated") ?? node)
            .position, keyPath: "http.allow_unauthenticated",
          hint: "set http.auth.tokens_file, or listen on 127.0.0.1 behind a proxy")
      } else {
        issues.add(
          "\(settings.address) is not a loopback address, and http.auth is not set",
          at: listenNode.position, keyPath: "http.listen",
          hint:
            "set http.auth.tokens_file (bearer tokens), or listen on 127.0.0.1; to serve "
            + "without authentication anyway, add allow_unauthenticated: true")
      }
    }
    http = settings
  }

  /// `text` without trailing `/` when it is an absolute http(s) URL with a host and no query,
  /// fragment or user info; nil otherwise.
  static func publicURL(_ text: String) -> String? {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
      url.query == nil, url.fragment == nil, url.user == nil,
      !text.contains(where: { $0.isWhitespace })
    else { return nil }
    var trimmed = Substring(text)
    while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return String(trimmed)
  }

  /// Reports a tokens file that cannot be read or holds no token.
  private func checkTokensFile(_ path: String, node: ConfigNode) {
    do {
      let tokens = try BearerTokens.read(path: path)
      if tokens.isEmpty {
        context.issues.add(
          "\(path) holds no token", at: node.position, keyPath: "http.auth.tokens_file",
          hint: "write one token per line (e.g. openssl rand -hex 32)")
      }
    } catch {
      context.issues.add(
        "cannot read \(path): \(error.reason)", at: node.position,
        keyPath: "http.auth.tokens_file", hint: "check the path and its permissions")
    }
  }
}
