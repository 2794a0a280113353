import ArgumentParser

/// `driftwatch alerts`: alert history and notifier tests.
///
/// Placeholder on the delivery branch so `alerts test` compiles; the alert-rules branch owns
/// the full command (history) and keeps `Test` among its subcommands.
struct Alerts: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts",
    abstract: "Alert history and notifier tests.",
    subcommands: [Test.self]
  )
}
