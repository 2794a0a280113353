/// One entry of the top-level `notifiers:` mapping: where alert notifications go.
public struct NotifierConfiguration: Sendable, Equatable {
  /// How a notifier delivers, with its settings.
  public enum Kind: Sendable, Equatable {
    /// `type: webhook`: an HTTP POST of the JSON payload.
    case webhook(WebhookSettings)
    /// `type: email`: a message sent through an SMTP server.
    case email(EmailSettings)
    /// `type: sendmail`: a message piped to the local `sendmail -t`.
    case sendmail(SendmailSettings)
    /// `type: command`: a program run with the JSON payload on its standard input.
    case command(CommandSettings)
    /// Prometheus Alertmanager.
    case alertmanager(AlertmanagerSettings)
  }

  /// The key under `notifiers:`; rules name it in `notify:`.
  public var name: String
  /// How it delivers.
  public var kind: Kind

  /// Creates a notifier configuration.
  public init(name: String, kind: Kind) {
    self.name = name
    self.kind = kind
  }

  /// The `type:` value: `webhook`, `email`, `sendmail` or `command`.
  public var typeName: String {
    switch kind {
    case .webhook: "webhook"
    case .email: "email"
    case .sendmail: "sendmail"
    case .command: "command"
    case .alertmanager: "alertmanager"
    }
  }

  /// Seconds one delivery attempt may take before it is abandoned and retried.
  public var timeout: Int64 {
    switch kind {
    case .webhook(let settings): settings.timeout
    case .email(let settings): settings.timeout
    case .sendmail(let settings): settings.timeout
    case .command(let settings): settings.timeout
    case .alertmanager(let settings): settings.timeout
    }
  }
}
