import ArgumentParser

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// Aligned columns for a terminal.
  case table
  /// One JSON document.
  case json
  /// Comma-separated values with a header row.
  case csv
}
