import ArgumentParser
import DriftConfig
import DriftDaemon
import DriftPostgres

/// `driftwatch source`: inspect a monitor's data source.
struct SourceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "source",
    abstract: "Inspect a monitor's data source.",
    subcommands: [Check.self]
  )

  /// `driftwatch source check --monitor M`: connect and compare the columns with the baseline.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Connect to a monitor's database, run its window query with LIMIT 0 and compare "
        + "the columns with the baseline.",
      discussion: "Exit status 0 when every feature is there with a usable type, 2 when not, 3 "
        + "when the server cannot be reached or refuses the query."
    )

    @OptionGroup var config: ConfigOption

    @Option(help: "The monitor whose source to check.")
    var monitor: String

    @Flag(help: "Also print every statement a window sends.")
    var explain = false

    func run() throws {
      let configuration = try config.load()
      ConfigOption.printWarnings(of: configuration)
      guard let chosen = configuration.monitors.first(where: { $0.name == monitor }) else {
        StandardError.line(
          "driftwatch: no monitor '\(monitor)'; the configuration has "
            + configuration.monitors.map(\.name).joined(separator: ", "))
        throw Exit.input
      }
      var reports: [PostgresSourceCheck] = []
      do {
        // The baseline first: the target's columns are checked against the features it gives.
        if let baseline = try SourceCheck.postgresBaseline(chosen) {
          print(
            Self.render(baseline, explain: explain, subject: "baseline query"),
            terminator: "")
          reports.append(baseline)
        }
        if case .postgres = chosen.target.kind {
          let target = try SourceCheck.postgres(chosen)
          print(Self.render(target, explain: explain), terminator: "")
          reports.append(target)
        } else if reports.isEmpty {
          _ = try SourceCheck.postgres(chosen)  // throws the "not a database" error
        }
      } catch {
        StandardError.line("driftwatch: \(error.message)")
        throw Exit.runtime
      }
      if reports.contains(where: { !$0.problems.isEmpty }) { throw Exit.input }
    }

    /// The report as text: one line per column, then problems and (with --explain) the SQL.
    static func render(
      _ report: PostgresSourceCheck, explain: Bool, subject: String = "window query"
    ) -> String {
      var text = "\(report.server): the \(subject) returns \(report.columns.count) columns\n"
      let width = report.columns.map(\.name.count).max() ?? 0
      for column in report.columns {
        let name = column.name.padding(toLength: width, withPad: " ", startingAt: 0)
        var line = "  \(name)  \(column.type)"
        if let kind = column.feature {
          line += column.problem == nil ? "  -> \(kind.rawValue) feature" : "  -> PROBLEM"
        }
        text += line + "\n"
      }
      if report.problems.isEmpty {
        text += "ok: every baseline feature is there with a usable type\n"
      } else {
        for problem in report.problems { text += "problem: \(problem)\n" }
      }
      if explain {
        text +=
          subject == "window query"
          ? "each window sends ($1, $2: the window's start and end):\n"
          : "reading the baseline sends ($1, $2: start: and end:, when given):\n"
        for statement in report.statements { text += "  \(statement);\n" }
      }
      return text
    }
  }
}
