import ArgumentParser
import DriftStats

/// The `driftwatch` command: a data-drift monitor for the inputs of deployed ML models.
@main
struct Driftwatch: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "driftwatch",
    abstract: "Watch the inputs of deployed ML models for data drift.",
    discussion: """
      Exit codes: 0 ok, 1 drift found where asked to fail on drift, 2 usage or input error,
      3 runtime failure.
      """,
    version: "0.1.0",
    subcommands: [
      Compare.self, Serve.self, RunOnce.self, Backfill.self, History.self, Status.self,
      Reload.self, Alerts.self, ConfigCommand.self, SourceCommand.self, Database.self, Report.self,
    ]
  )

  /// Parses and runs a subcommand, mapping argument errors to exit code 2 (DESIGN.md) instead of
  /// the argument parser's 64.
  static func main() async {
    // First: OpenBLAS's idle threads spin for about 0.1 s after the library is loaded; this
    // stops them before the work starts (GSL.prepare()).
    GSL.prepare()
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        StandardError.line(fullMessage(for: error))
        exit(withError: Exit.input)
      }
      exit(withError: error)
    }
  }
}
