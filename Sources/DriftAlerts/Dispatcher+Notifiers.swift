import DriftConfig
import Foundation
import Logging

extension Dispatcher {
  /// Builds every notifier of a configuration, reading SMTP passwords from their files or
  /// variables now (so a missing one fails at start, not at the first alert).
  ///
  /// Logs a warning for each notifier that disables TLS (`tls: none` with `allow_insecure`) or
  /// certificate checks (`tls_verify: false`).
  ///
  /// - Parameters:
  ///   - configuration: The loaded configuration.
  ///   - transport: The HTTP clients webhooks share; the caller shuts it down.
  ///   - environment: Variables for `password_env`.
  ///   - log: Where the warnings go.
  /// - Throws: ``NotifierSetupError`` for the first notifier that cannot be built.
  public static func notifiers(
    from configuration: Configuration, transport: WebhookTransport,
    environment: [String: String] = ProcessInfo.processInfo.environment, log: Logger
  ) throws(NotifierSetupError) -> [String: any Notifier] {
    var result: [String: any Notifier] = [:]
    for (name, notifier) in configuration.notifiers.sorted(by: { $0.key < $1.key }) {
      switch notifier.kind {
      case .webhook(let settings):
        if !settings.tlsVerify {
          log.warning(
            "notifier does not verify TLS certificates (tls_verify: false)",
            metadata: ["notifier": "\(name)"])
        }
        result[name] = WebhookNotifier(settings: settings, transport: transport)
      case .email(let settings):
        if settings.smtp.security == .none {
          log.warning(
            "notifier sends mail without TLS (tls: none, allow_insecure: true)",
            metadata: ["notifier": "\(name)"])
        }
        let password = try password(
          settings.smtp.password, notifier: name, environment: environment)
        result[name] = EmailNotifier(settings: settings, password: password)
      case .sendmail(let settings):
        result[name] = SendmailNotifier(settings: settings)
      case .command(let settings):
        result[name] = CommandNotifier(settings: settings)
      }
    }
    return result
  }

  /// The SMTP password from its source; a file's trailing line break is dropped.
  static func password(
    _ source: SMTPSettings.PasswordSource?, notifier: String, environment: [String: String]
  ) throws(NotifierSetupError) -> String? {
    switch source {
    case nil:
      return nil
    case .environment(let variable):
      guard let value = environment[variable] else {
        throw NotifierSetupError(
          notifier: notifier,
          message: "the environment variable \(variable) (password_env) is not set")
      }
      return value
    case .file(let path):
      guard let data = FileManager.default.contents(atPath: path) else {
        throw NotifierSetupError(
          notifier: notifier,
          message: "cannot read the password file \(path): check it exists and is readable")
      }
      var text = String(decoding: data, as: UTF8.self)
      while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
      return text
    }
  }
}
