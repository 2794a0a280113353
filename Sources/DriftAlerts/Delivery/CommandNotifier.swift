import DriftConfig

/// Runs a program for each notification, the JSON payload on its standard input.
///
/// Exit status 0 is delivered; any other status, a kill by the timeout, or a program that
/// cannot start is retried. The environment gets `DRIFTWATCH_NOTIFICATION_ID` for
/// de-duplication.
public struct CommandNotifier: Notifier {
  /// The program and its arguments; the timeout.
  let settings: CommandSettings

  public var timeout: Int64 { settings.timeout }

  /// A command notifier.
  public init(settings: CommandSettings) {
    self.settings = settings
  }

  public func deliver(id: String, payload: [UInt8]) async -> DeliveryOutcome {
    let result = await ChildProcess.run(
      settings.arguments, input: payload, timeout: settings.timeout,
      environment: ["DRIFTWATCH_NOTIFICATION_ID": id])
    return Self.outcome(result, program: settings.arguments.first ?? "")
  }

  /// The outcome of a run: exit 0 delivered, anything else retried.
  static func outcome(_ result: ChildProcess.Result, program: String) -> DeliveryOutcome {
    let said = result.output.isEmpty ? "" : ": \(WebhookNotifier.excerpt(result.output))"
    if let launchError = result.launchError {
      return .retry(after: nil, reason: launchError)
    }
    if result.timedOut {
      return .retry(after: nil, reason: "\(program) timed out and was killed\(said)")
    }
    switch result.status {
    case 0: return .delivered("\(program) exited 0\(said)")
    case let status?: return .retry(after: nil, reason: "\(program) exited \(status)\(said)")
    case nil: return .retry(after: nil, reason: "\(program) was killed by a signal\(said)")
    }
  }
}
