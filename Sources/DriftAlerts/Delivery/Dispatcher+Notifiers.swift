import DriftConfig
import Foundation
import Logging

extension Dispatcher {
  /// Builds every notifier of a configuration, reading SMTP passwords from their files or
  /// variables now (so a missing one fails at start, not at the first alert).
  ///
  /// TLS opt-outs (`tls_verify: false`, `tls: none` with `allow_insecure`) are not logged here:
  /// they are ``Configuration/warnings``, which the daemon logs each time it loads the file.
  ///
  /// - Parameters:
  ///   - configuration: The loaded configuration.
  ///   - transport: The HTTP clients webhooks share; the caller shuts it down.
  ///   - environment: Variables for `password_env`.
  ///   - log: The daemon's logger (notifiers log nothing while being built).
  /// - Throws: ``NotifierSetupError`` for the first notifier that cannot be built.
  public static func notifiers(
    from configuration: Configuration, transport: WebhookTransport,
    environment: [String: String] = ProcessInfo.processInfo.environment, log: Logger
  ) throws(NotifierSetupError) -> [String: any Notifier] {
    var result: [String: any Notifier] = [:]
    for (name, notifier) in configuration.notifiers.sorted(by: { $0.key < $1.key }) {
      switch notifier.kind {
      case .webhook(let settings):
        result[name] = WebhookNotifier(settings: settings, transport: transport)
      case .email(let settings):
        let password = try password(
          settings.smtp.password, notifier: name, environment: environment)
        result[name] = EmailNotifier(settings: settings, password: password)
      case .sendmail(let settings):
        result[name] = SendmailNotifier(settings: settings)
      case .command(let settings):
        result[name] = CommandNotifier(settings: settings)
      case .alertmanager(let settings):
        result[name] = AlertmanagerNotifier(settings: settings, transport: transport)
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
