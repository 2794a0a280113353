import CCurl
import DriftConfig
import Foundation

/// Sends one email per notification through an SMTP server with libcurl.
///
/// | answer | outcome |
/// |---|---|
/// | message accepted | delivered |
/// | connection refused, timeout, TLS or network failure, 4xx reply | retry |
/// | 5xx reply (rejected sender or recipient, failed AUTH) | dead |
/// | server without STARTTLS while TLS is required | dead |
public struct EmailNotifier: Notifier {
  /// Server, sender, recipients.
  let settings: EmailSettings
  /// The SMTP password (from `password_file` or `password_env`); never logged.
  let password: String?
  /// Loads libcurl before each email: nil, or why it cannot (tests inject a failing one).
  let loadLibrary: @Sendable () -> String?

  public var timeout: Int64 { settings.timeout }

  /// An email notifier.
  ///
  /// - Parameters:
  ///   - settings: The notifier's settings.
  ///   - password: The password, already read from its file or variable.
  public init(settings: EmailSettings, password: String?) {
    self.init(settings: settings, password: password, loadLibrary: { CurlLibrary.load() })
  }

  /// An email notifier that loads libcurl with `loadLibrary`.
  init(
    settings: EmailSettings, password: String?, loadLibrary: @escaping @Sendable () -> String?
  ) {
    self.settings = settings
    self.password = password
    self.loadLibrary = loadLibrary
  }

  /// `smtp://host:port` (STARTTLS or plain) or `smtps://host:port` (implicit TLS).
  var url: String {
    let scheme = settings.smtp.security == .tls ? "smtps" : "smtp"
    let host = settings.smtp.host.contains(":") ? "[\(settings.smtp.host)]" : settings.smtp.host
    return "\(scheme)://\(host):\(settings.smtp.port)"
  }

  public func deliver(id: String, payload: [UInt8]) async -> DeliveryOutcome {
    // libcurl missing (not installed) is an installation fault that can be fixed while the
    // notification waits: retry, with the loader's message. The load is tried again on each
    // attempt, so the retry after libcurl is installed sends the email.
    if let error = loadLibrary() { return .retry(after: nil, reason: error) }
    let message = EmailMessage(
      from: settings.from, to: settings.to, id: id,
      message: AlertMessage(payload: PayloadView(bytes: payload)), date: Date())
    let request = SMTPTransfer.Request(
      url: url, requireTLS: settings.smtp.security != .none,
      username: settings.smtp.username, password: password, caFile: settings.smtp.caFile,
      from: settings.from, recipients: settings.to, message: message.bytes,
      timeout: settings.timeout)
    // curl_easy_perform blocks: run it on its own thread, off the cooperative pool.
    let result: SMTPTransfer.Result? = await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(returning: SMTPTransfer(request)?.perform())
      }
    }
    guard let result else { return .retry(after: nil, reason: "libcurl could not start") }
    return Self.outcome(result, messageID: message.messageID)
  }

  /// The outcome of a submission.
  static func outcome(_ result: SMTPTransfer.Result, messageID: String) -> DeliveryOutcome {
    let reply = result.replyCode > 0 ? "SMTP \(result.replyCode): " : ""
    if result.code == CURLE_OK {
      return .delivered("\(reply)accepted as \(messageID)")
    }
    if result.code == CURLE_USE_SSL_FAILED {
      return .dead(
        "the server does not offer STARTTLS (\(result.message)); use tls: tls on port 465, "
          + "or tls: none with allow_insecure: true")
    }
    if result.code == CURLE_LOGIN_DENIED || (500..<600).contains(result.replyCode) {
      return .dead("\(reply)\(result.message)")
    }
    return .retry(after: nil, reason: "\(reply)\(result.message)")
  }
}
