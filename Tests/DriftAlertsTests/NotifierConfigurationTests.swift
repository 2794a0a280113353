import DriftConfig
import Foundation
import Testing

/// `notifiers:` in YAML: every type read, every mistake reported at its line and column.
struct NotifierConfigurationTests {
  func load(_ yaml: String, environment: [String: String] = [:]) throws -> (
    Configuration?, [ConfigIssue], TemporaryDirectory
  ) {
    let directory = try TemporaryDirectory()
    try directory.write("smtp.pass", "s3cret\n")
    try directory.write("driftwatch.yaml", yaml)
    do {
      let configuration = try ConfigLoader.load(
        path: directory.file("driftwatch.yaml"), environment: environment, checkFiles: true)
      return (configuration, [], directory)
    } catch {
      return (nil, error.issues, directory)
    }
  }

  @Test func everyTypeIsRead() throws {
    let yaml = """
      notifiers:
        ops-webhook: { type: webhook, url: "https://hooks.example/drift", secret: "${HOOK}", timeout: 5s, headers: { X-Team: ml } }
        slack: { type: webhook, url: "https://hooks.slack.test/T/B/x", template: slack, tls_verify: false }
        ml-email:
          type: email
          smtp: { host: smtp.example.com, username: u, password_file: smtp.pass }
          from: dw@example.com
          to: [ml@example.com, ops@example.com]
        secure-mail: { type: email, smtp: { host: mx, port: 465, username: u, password_env: PW }, from: a@b.c, to: [d@e.f] }
        local: { type: sendmail, from: dw@example.com, to: [root@localhost] }
        pager: { type: command, command: [/bin/cat, --flag], timeout: 1m }
      """
    let (configuration, issues, directory) = try load(
      yaml, environment: ["HOOK": "whsec_abc", "PW": "x"])
    #expect(issues.isEmpty, "\(issues)")
    let notifiers = try #require(configuration?.notifiers)
    #expect(
      configuration?.notifierNames == [
        "ops-webhook", "slack", "ml-email", "secure-mail", "local", "pager",
      ])
    guard case .webhook(let hook) = notifiers["ops-webhook"]?.kind else {
      Issue.record("not a webhook")
      return
    }
    #expect(hook.secret?.value == "whsec_abc")
    #expect(hook.timeout == 5 && hook.headers == ["X-Team": "ml"] && hook.tlsVerify)
    #expect(!"\(hook)".contains("whsec_abc") && !"\(hook)".contains("hooks.example"))
    #expect(
      notifiers["slack"]?.kind
        == .webhook(
          WebhookSettings(url: "https://hooks.slack.test/T/B/x", template: .slack, tlsVerify: false)
        ))
    #expect(
      notifiers["ml-email"]?.kind
        == .email(
          EmailSettings(
            smtp: SMTPSettings(
              host: "smtp.example.com", port: 587, security: .starttls, username: "u",
              password: .file(directory.file("smtp.pass"))),
            from: "dw@example.com", to: ["ml@example.com", "ops@example.com"])))
    guard case .email(let secure) = notifiers["secure-mail"]?.kind else { return }
    #expect(secure.smtp.security == .tls && secure.smtp.port == 465)
    #expect(
      notifiers["local"]?.kind
        == .sendmail(
          SendmailSettings(
            path: "/usr/sbin/sendmail", from: "dw@example.com", to: ["root@localhost"])))
    #expect(
      notifiers["pager"]?.kind
        == .command(CommandSettings(arguments: ["/bin/cat", "--flag"], timeout: 60)))
  }

  @Test func mistakesAreReportedWhereTheyAre() throws {
    let yaml = """
      notifiers:
        a: { type: webhook, url: "ftp://x/y" }
        b: { type: command, command: [page-oncall] }
        c: { type: email, smtp: { host: mx, tls: none }, from: dw@example.com, to: [x@y.z] }
        d: { type: email, smtp: { host: mx, port: 465, tls: starttls }, from: nope, to: [] }
        e: { type: email, smtp: { host: mx, username: u, password_file: /nonexistent/pass }, from: a@b.c, to: [d@e.f] }
        f: { type: pager }
        g: { type: webhook, url: "http://h/x", timout: 3s }
      """
    let (configuration, issues, _) = try load(yaml)
    #expect(configuration == nil)
    let found = issues.map { "\($0.line):\($0.column) \($0.keyPath): \($0.message)" }
    let expected = [
      "2:28 notifiers.a.url: 'ftp://x/y' is not an http or https URL",
      "3:33 notifiers.b.command[0]: the program must be an absolute path, got 'page-oncall'",
      "4:44 notifiers.c.smtp.tls: tls: none sends the password and the alerts unencrypted",
      "5:55 notifiers.d.smtp.tls: port 465 speaks TLS from the first byte, not starttls",
      "5:73 notifiers.d.from: 'nope' is not an email address",
      "5:83 notifiers.d.to: no recipients",
      "6:67 notifiers.e.smtp.password_file: cannot read the password file /nonexistent/pass",
      "7:14 notifiers.f.type: 'pager' is not one of webhook | email | sendmail | command | alertmanager",
      "8:42 notifiers.g.timout: unknown key 'timout'",
    ]
    #expect(found == expected)
  }

  @Test func insecureSMTPNeedsExplicitConsent() throws {
    let yaml = """
      notifiers:
        relay: { type: email, smtp: { host: relay, tls: none, allow_insecure: true }, from: a@b.c, to: [d@e.f] }
      """
    let (configuration, issues, _) = try load(yaml)
    #expect(issues.isEmpty, "\(issues)")
    guard case .email(let email) = configuration?.notifiers["relay"]?.kind else {
      Issue.record("not read")
      return
    }
    #expect(email.smtp.security == .none && email.smtp.allowInsecure && email.smtp.port == 25)
  }
}
