import Foundation

/// Reads one entry of `notifiers:` into a ``NotifierConfiguration``, reporting every problem.
struct NotifierReader {
  /// The notifier types, as written after `type:`.
  enum TypeName: String, CaseIterable {
    case webhook, email, sendmail, command, alertmanager
  }

  /// Everything a section handler needs.
  let context: LoadContext

  private var issues: IssueList { context.issues }
  private var notes: SecurityNotes { context.notes }

  /// The notifier named `name` described by `node`, or nil after reporting its problems.
  func read(name: String, node: ConfigNode, keyPath: String) -> NotifierConfiguration? {
    read(lanes: name, node: node, keyPath: keyPath)?.first
  }

  /// The notifiers `name` stands for: one, or one per URL of an Alertmanager notifier with
  /// several (`NAME#1`, `NAME#2`, ...), each its own outbox lane.
  func read(lanes name: String, node: ConfigNode, keyPath: String) -> [NotifierConfiguration]? {
    guard let head = MappingReader(node, keyPath: keyPath, allowedKeys: nil, issues: issues),
      let type: TypeName = head.choice("type", required: true)
    else { return nil }
    if type == .alertmanager {
      guard let all = alertmanager(node, keyPath: keyPath) else { return nil }
      if all.count == 1 { return [NotifierConfiguration(name: name, kind: .alertmanager(all[0]))] }
      return all.enumerated().map {
        NotifierConfiguration(name: "\(name)#\($0.offset + 1)", kind: .alertmanager($0.element))
      }
    }
    let kind: NotifierConfiguration.Kind?
    switch type {
    case .webhook: kind = webhook(node, keyPath: keyPath).map { .webhook($0) }
    case .email: kind = email(node, keyPath: keyPath).map { .email($0) }
    case .sendmail: kind = sendmail(node, keyPath: keyPath).map { .sendmail($0) }
    case .command: kind = command(node, keyPath: keyPath).map { .command($0) }
    case .alertmanager: kind = nil
    }
    return kind.map { [NotifierConfiguration(name: name, kind: $0)] }
  }

  private func alertmanager(_ node: ConfigNode, keyPath: String) -> [AlertmanagerSettings]? {
    let keys = ["type", "url", "timeout", "repeat_interval", "tls_verify"]
    guard let reader = MappingReader(node, keyPath: keyPath, allowedKeys: keys, issues: issues)
    else { return nil }
    guard let urlNode = reader.required("url", hint: "write e.g. url: http://127.0.0.1:9093")
    else { return nil }
    var urls: [String] = []
    var failed = false
    let items: [(text: String, node: ConfigNode)]
    if case .sequence = urlNode.content {
      items =
        MappingReader.stringList(
          urlNode, keyPath: reader.path("url"), expected: "a list of URLs", issues: issues) ?? []
      if items.isEmpty { failed = true }
    } else if let text = reader.text(of: urlNode, keyPath: reader.path("url"), expected: "a URL") {
      items = [(text, urlNode)]
    } else {
      items = []
      failed = true
    }
    for (text, itemNode) in items {
      guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
        scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
        url.query == nil
      else {
        issues.add(
          "'\(itemNode.displayText)' is not an http or https URL", at: itemNode.position,
          keyPath: reader.path("url"),
          hint: "write the Alertmanager's base URL, e.g. http://127.0.0.1:9093")
        failed = true
        continue
      }
      if url.password != nil { notes.secret(itemNode, keyPath: reader.path("url")) }
      urls.append(text)
    }
    let timeout = reader.duration("timeout", allowZero: false) ?? 10
    let repeatInterval =
      reader.duration("repeat_interval", allowZero: false)
      ?? AlertmanagerSettings.defaultRepeatInterval
    let tlsVerify = reader.bool("tls_verify") ?? true
    if !tlsVerify, let flag = reader.value("tls_verify") {
      notes.warnings.add(
        "tls_verify: false: the Alertmanager's certificate is not checked, so anyone on the "
          + "network path can read and change alerts", at: flag.position,
        keyPath: reader.path("tls_verify"),
        hint: "for a private CA, trust it in the system store instead")
    }
    guard !failed else { return nil }
    return urls.map {
      AlertmanagerSettings(
        url: $0, timeout: timeout, repeatInterval: repeatInterval, tlsVerify: tlsVerify)
    }
  }

  private func webhook(_ node: ConfigNode, keyPath: String) -> WebhookSettings? {
    let keys = ["type", "url", "secret", "timeout", "headers", "template", "tls_verify"]
    guard let reader = MappingReader(node, keyPath: keyPath, allowedKeys: keys, issues: issues)
    else { return nil }
    let url = webURL(reader)
    let secret = reader.string("secret").map(NotifierSecret.init)
    if let node = reader.value("secret") { notes.secret(node, keyPath: reader.path("secret")) }
    let timeout = reader.duration("timeout", allowZero: false) ?? 10
    let template: WebhookSettings.Template? = reader.choice("template")
    let tlsVerify = reader.bool("tls_verify") ?? true
    if !tlsVerify, let node = reader.value("tls_verify") {
      notes.warnings.add(
        "tls_verify: false: the receiver's certificate is not checked, so anyone on the network "
          + "path can read and change alerts", at: node.position,
        keyPath: reader.path("tls_verify"),
        hint: "for a private CA, trust it in the system store instead")
    }
    var headers: [String: String] = [:]
    if let node = reader.value("headers"),
      let headerReader = MappingReader(
        node, keyPath: reader.path("headers"), allowedKeys: nil,
        expected: "a mapping of header names to values", issues: issues)
    {
      for entry in headerReader.keys {
        let path = headerReader.path(entry.key)
        guard let value = headerReader.text(of: entry.value, keyPath: path, expected: "a value")
        else { continue }
        if !Self.isToken(entry.key) {
          issues.add(
            "'\(entry.key)' is not a valid header name", at: entry.keyPosition, keyPath: path)
        } else if value.contains(where: { $0 == "\r" || $0 == "\n" }) {
          issues.add(
            "header values cannot hold line breaks", at: entry.value.position, keyPath: path)
        } else {
          headers[entry.key] = value
          if WebhookSettings.isCredentialHeader(entry.key) {
            notes.secret(entry.value, keyPath: path)
          }
        }
      }
    }
    guard let url else { return nil }
    return WebhookSettings(
      url: url, secret: secret, timeout: timeout, headers: headers, template: template,
      tlsVerify: tlsVerify)
  }

  private func webURL(_ reader: MappingReader) -> String? {
    guard let node = reader.required("url"),
      let text = reader.text(of: node, keyPath: reader.path("url"), expected: "a URL")
    else { return nil }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
    else {
      issues.add(
        "'\(node.displayText)' is not an http or https URL", at: node.position,
        keyPath: reader.path("url"), hint: "write e.g. https://hooks.example.com/drift")
      return nil
    }
    if Self.carriesCredentials(url) { notes.secret(node, keyPath: reader.path("url")) }
    return text
  }

  /// Whether a webhook URL holds a credential: a password (`user:pass@`), a query string, or a
  /// token in the path of the chat services known to put one there.
  static func carriesCredentials(_ url: URL) -> Bool {
    return url.password != nil || url.query != nil
      || WebhookSettings.tokenHosts.contains(url.host?.lowercased() ?? "")
  }

  private func email(_ node: ConfigNode, keyPath: String) -> EmailSettings? {
    let keys = ["type", "smtp", "from", "to", "timeout"]
    guard let reader = MappingReader(node, keyPath: keyPath, allowedKeys: keys, issues: issues)
    else { return nil }
    let server = reader.required("smtp").flatMap { smtp($0, keyPath: reader.path("smtp")) }
    let addresses = self.addresses(reader)
    let timeout = reader.duration("timeout", allowZero: false) ?? 30
    guard let server, let (from, to) = addresses else { return nil }
    return EmailSettings(smtp: server, from: from, to: to, timeout: timeout)
  }

  private func smtp(_ node: ConfigNode, keyPath: String) -> SMTPSettings? {
    let keys = [
      "host", "port", "tls", "username", "password_file", "password_env", "allow_insecure",
      "ca_file",
    ]
    guard let reader = MappingReader(node, keyPath: keyPath, allowedKeys: keys, issues: issues)
    else { return nil }
    let host = reader.string("host", required: true, expected: "a host name")
    let port = reader.integer("port", minimum: 1)
    var portInRange = true
    if let port, port > 65535, let node = reader.value("port") {
      portInRange = false
      issues.add(
        "must be at most 65535, got \(node.displayText)", at: node.position,
        keyPath: reader.path("port"))
    }
    let explicit: SMTPSettings.Security? = reader.choice("tls")
    let security = explicit ?? (port == 465 ? .tls : .starttls)
    if port == 465, explicit != nil, explicit != .tls, let node = reader.value("tls") {
      issues.add(
        "port 465 speaks TLS from the first byte, not \(security.rawValue)", at: node.position,
        keyPath: reader.path("tls"), hint: "write tls: tls, or use port 587 with starttls")
    }
    let allowInsecure = reader.bool("allow_insecure") ?? false
    if security == .none, let node = reader.value("tls") {
      if allowInsecure {
        notes.warnings.add(
          "tls: none with allow_insecure: the password and the alerts cross the network "
            + "unencrypted", at: node.position, keyPath: reader.path("tls"),
          hint: "use starttls or tls as soon as the server offers it")
      } else {
        issues.add(
          "tls: none sends the password and the alerts unencrypted", at: node.position,
          keyPath: reader.path("tls"),
          hint: "use starttls or tls; if this server really has no TLS, add allow_insecure: true")
      }
    }
    let caFile = reader.path("ca_file", required: false)
    if let (path, node) = caFile, context.checkFiles,
      !FileManager.default.isReadableFile(atPath: path)
    {
      issues.add(
        "cannot read the CA file \(path)", at: node.position, keyPath: reader.path("ca_file"))
    }
    let username = reader.string("username")
    let password = passwordSource(reader)
    if username != nil, password == nil, reader.value("password_file") == nil,
      reader.value("password_env") == nil
    {
      issues.add(
        "a username needs a password", at: node.position, keyPath: keyPath,
        hint: "add password_file: /etc/driftwatch/smtp.pass or password_env: SMTP_PASSWORD")
    }
    if username == nil, password != nil {
      issues.add(
        "a password needs a username", at: node.position, keyPath: keyPath,
        hint: "add username:, or remove the password to send without AUTH")
    }
    guard let host, portInRange else { return nil }
    let defaultPort = security == .tls ? 465 : security == .none ? 25 : 587
    return SMTPSettings(
      host: host, port: port ?? defaultPort, security: security, username: username,
      password: password, allowInsecure: allowInsecure, caFile: caFile?.path)
  }

  private func passwordSource(_ reader: MappingReader) -> SMTPSettings.PasswordSource? {
    let file = reader.path("password_file", required: false)
    let variable = reader.string("password_env", expected: "an environment variable name")
    if file != nil, variable != nil, let node = reader.value("password_env") {
      issues.add(
        "give password_file or password_env, not both", at: node.position,
        keyPath: reader.path("password_env"))
      return nil
    }
    if let (path, node) = file {
      notes.passwordFile(path, node: node, keyPath: reader.path("password_file"))
      if context.checkFiles, !FileManager.default.isReadableFile(atPath: path) {
        issues.add(
          "cannot read the password file \(path)", at: node.position,
          keyPath: reader.path("password_file"),
          hint: "check that it exists and that the driftwatch user may read it")
      }
      return .file(path)
    }
    if let variable {
      if context.checkFiles, context.environment[variable] == nil,
        let node = reader.value("password_env")
      {
        issues.add(
          "the environment variable \(variable) is not set", at: node.position,
          keyPath: reader.path("password_env"))
      }
      return .environment(variable)
    }
    return nil
  }

  private func sendmail(_ node: ConfigNode, keyPath: String) -> SendmailSettings? {
    let keys = ["type", "path", "from", "to", "timeout"]
    guard let reader = MappingReader(node, keyPath: keyPath, allowedKeys: keys, issues: issues)
    else { return nil }
    var path = "/usr/sbin/sendmail"
    if let node = reader.value("path"),
      let text = reader.text(of: node, keyPath: reader.path("path"), expected: "a path")
    {
      path = text
      checkProgram(text, node: node, keyPath: reader.path("path"))
    }
    let addresses = self.addresses(reader)
    let timeout = reader.duration("timeout", allowZero: false) ?? 30
    guard let (from, to) = addresses else { return nil }
    return SendmailSettings(path: path, from: from, to: to, timeout: timeout)
  }

  private func command(_ node: ConfigNode, keyPath: String) -> CommandSettings? {
    let keys = ["type", "command", "timeout"]
    guard let reader = MappingReader(node, keyPath: keyPath, allowedKeys: keys, issues: issues)
    else { return nil }
    let timeout = reader.duration("timeout", allowZero: false) ?? 30
    guard let list = reader.required("command", hint: "write command: [/path/to/program, arg]")
    else { return nil }
    guard case .sequence(let items) = list.content else {
      issues.add(
        "expected a list (program and arguments), got \(list.kindDescription)",
        at: list.position, keyPath: reader.path("command"),
        hint: "commands run without a shell: write [/usr/local/bin/page-oncall, --team, ml]")
      return nil
    }
    var arguments: [String] = []
    for (index, item) in items.enumerated() {
      let path = "\(reader.path("command"))[\(index)]"
      guard let text = reader.text(of: item, keyPath: path, expected: "a string") else {
        return nil
      }
      if index == 0 { checkProgram(text, node: item, keyPath: path) }
      arguments.append(text)
    }
    guard !arguments.isEmpty else {
      issues.add("the command is empty", at: list.position, keyPath: reader.path("command"))
      return nil
    }
    return CommandSettings(arguments: arguments, timeout: timeout)
  }

  /// Reports a program path that is relative, or (when checking files) not executable.
  private func checkProgram(_ path: String, node: ConfigNode, keyPath: String) {
    if !path.hasPrefix("/") {
      issues.add(
        "the program must be an absolute path, got '\(node.displayText)'", at: node.position,
        keyPath: keyPath, hint: "commands run without a shell or PATH lookup")
    } else if context.checkFiles, !FileManager.default.isExecutableFile(atPath: path) {
      issues.add(
        "\(path) is not an executable file", at: node.position, keyPath: keyPath)
    }
  }

  /// `from:` and `to:`, each address checked.
  private func addresses(_ reader: MappingReader) -> (String, [String])? {
    let from = reader.string("from", required: true, expected: "an email address")
    if let from, let node = reader.value("from") {
      checkAddress(from, node: node, keyPath: reader.path("from"))
    }
    guard reader.required("to") != nil,
      let to = reader.stringList("to", expected: "a list of email addresses")
    else { return nil }
    for (index, item) in to.enumerated() {
      checkAddress(item.text, node: item.node, keyPath: "\(reader.path("to"))[\(index)]")
    }
    if to.isEmpty, let node = reader.value("to") {
      issues.add("no recipients", at: node.position, keyPath: reader.path("to"))
    }
    guard let from, !to.isEmpty else { return nil }
    return (from, to.map(\.text))
  }

  private func checkAddress(_ address: String, node: ConfigNode, keyPath: String) {
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    let bad = address.contains { $0 == "\r" || $0 == "\n" || $0 == " " || $0 == "<" || $0 == ">" }
    if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty || bad {
      issues.add(
        "'\(node.displayText)' is not an email address", at: node.position, keyPath: keyPath,
        hint: "write a bare address such as ml-team@example.com")
    }
  }

  /// Whether `name` is an HTTP header name (an RFC 9110 token).
  static func isToken(_ name: String) -> Bool {
    !name.isEmpty
      && name.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar)
            || "!#$%&'*+-.^_`|~".unicodeScalars
              .contains(scalar))
      }
  }
}
