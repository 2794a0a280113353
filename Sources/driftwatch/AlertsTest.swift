import ArgumentParser
import DriftAlerts
import DriftConfig
import Foundation
import Logging

extension Alerts {
  /// `driftwatch alerts test NOTIFIER`: sends a test notification now and prints the answer.
  struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send a test notification through one notifier and show the receiver's answer.",
      discussion:
        "The payload has status \"test\" and a fresh id; nothing is written to the history. "
        + "Exit status 0 when the receiver accepted it, 3 otherwise."
    )

    @OptionGroup var config: ConfigOption

    @Argument(help: "The notifier's name (a key of `notifiers:`).")
    var notifier: String

    func run() async throws {
      let configuration = try config.load()
      ConfigOption.printWarnings(of: configuration)
      guard let settings = configuration.notifiers[notifier] else {
        let known = configuration.notifierNames.sorted()
        StandardError.line(
          "driftwatch: no notifier named '\(notifier)' in \(config.path)"
            + (known.isEmpty ? " (it defines none)" : "; defined: \(known.joined(separator: ", "))")
        )
        throw Exit.input
      }
      let log = Logger(label: "driftwatch.alerts") { _ in SwiftLogNoOpLogHandler() }
      let transport = WebhookTransport()
      let outcome: DeliveryOutcome
      do {
        var single = configuration
        single.notifiers = [notifier: settings]
        let notifiers = try Dispatcher.notifiers(from: single, transport: transport, log: log)
        let payload = TestNotification(monitor: configuration.monitors.first?.name)
        print("sending test notification \(payload.id) through \(notifier) (\(settings.typeName))")
        guard let target = notifiers[notifier] else { throw Exit.runtime }
        outcome = await target.deliver(id: payload.id, payload: payload.bytes)
      } catch {
        try? await transport.shutdown()
        StandardError.line("driftwatch: \(error)")
        throw Exit.runtime
      }
      try? await transport.shutdown()
      print(outcome.summary)
      guard case .delivered = outcome else { throw Exit.runtime }
    }
  }
}
