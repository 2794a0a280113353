import DriftConfig
import Foundation

/// Pipes the email message to the local mail system: `path -t -oi` (recipients from the
/// headers, a lone `.` line is not the end). Exit 0 is delivered; anything else is retried.
public struct SendmailNotifier: Notifier {
  /// Program, sender, recipients.
  let settings: SendmailSettings

  public var timeout: Int64 { settings.timeout }

  /// A sendmail notifier.
  public init(settings: SendmailSettings) {
    self.settings = settings
  }

  public func deliver(id: String, payload: [UInt8]) async -> DeliveryOutcome {
    let message = EmailMessage(
      from: settings.from, to: settings.to, id: id,
      message: AlertMessage(payload: PayloadView(bytes: payload)), date: Date())
    // sendmail expects local line ends.
    let text = String(decoding: message.bytes, as: UTF8.self).replacingOccurrences(
      of: "\r\n", with: "\n")
    let result = await ChildProcess.run(
      [settings.path, "-t", "-oi", "-f", settings.from], input: Array(text.utf8),
      timeout: settings.timeout, environment: [:])
    return CommandNotifier.outcome(result, program: settings.path)
  }
}
