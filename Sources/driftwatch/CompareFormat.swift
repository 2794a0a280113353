import ArgumentParser

/// How `compare` prints its result: the shared text formats, or one self-contained HTML page.
enum CompareFormat: String, ExpressibleByArgument, CaseIterable {
  /// Aligned columns for a terminal.
  case table
  /// One JSON document.
  case json
  /// Comma-separated values with a header row.
  case csv
  /// One HTML file with inline SVG charts and CSS (no network, no script).
  case html

  /// The shared text format, `nil` for HTML.
  var text: OutputFormat? {
    switch self {
    case .table: .table
    case .json: .json
    case .csv: .csv
    case .html: nil
    }
  }
}
