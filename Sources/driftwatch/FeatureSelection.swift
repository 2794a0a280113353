import ArgumentParser
import DriftData
import DriftStats

/// Which features to compare.
struct FeatureSelection: ParsableArguments {
  @Option(
    help: "Compare only these features (comma-separated). Default: every column but timestamps.")
  var features: String?

  @Option(help: "Leave these features out (comma-separated).")
  var exclude: String?

  /// The features named with --features, if any (the only columns the readers need).
  var requestedFeatures: [String]? { features.map(splitList) }

  /// The feature names to compare, checked against the baseline's columns.
  func features(in table: Table, path: String) throws -> [String] {
    let available = table.columns.map(\.name)
    var names =
      features.map(splitList) ?? table.columns.filter { $0.kind != .timestamp }.map(\.name)
    let excluded = Set(exclude.map(splitList) ?? [])
    for name in names + excluded.sorted() where !available.contains(name) {
      StandardError.line(
        "driftwatch: \(path): no column '\(name)'\(Suggestion.didYouMean(name, among: available)); "
          + "columns: \(available.joined(separator: ", "))")
      throw Exit.input
    }
    names.removeAll { excluded.contains($0) }
    if names.isEmpty {
      StandardError.line("driftwatch: no features left to compare; check --features and --exclude")
      throw Exit.input
    }
    return names
  }
}
