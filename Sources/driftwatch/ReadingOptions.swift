import ArgumentParser
import DriftData
import DriftStats
import Foundation

/// How the input files are read.
struct ReadingOptions: ParsableArguments {
  @Option(help: "Column types, NAME=numeric|categorical|boolean|timestamp (comma-separated).")
  var types: String?

  @Option(help: "CSV field delimiter (one character; default ',' and tab for .tsv).")
  var delimiter: String?

  @Option(
    help: "What to do with a malformed row: fail (default) or skip (skipped rows are counted).")
  var onBadRow: String = "fail"

  @Option(help: "Reader threads (default: every core).")
  var threads: Int?

  func validate() throws {
    guard BadRowPolicy(rawValue: onBadRow) != nil else {
      throw ValidationError("--on-bad-row must be fail or skip, not '\(onBadRow)'")
    }
    if let delimiter, delimiter.utf8.count != 1 {
      throw ValidationError("--delimiter must be a single one-byte character, e.g. ';' or '\\t'")
    }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    _ = try kinds()
  }

  /// Per-column type overrides.
  func kinds() throws -> [String: ColumnKind] {
    var kinds = [String: ColumnKind]()
    for item in types.map(splitList) ?? [] {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let kind = ColumnKind(rawValue: parts[1]) else {
        throw ValidationError(
          "--types takes NAME=numeric|categorical|boolean|timestamp, got '\(item)'")
      }
      kinds[parts[0]] = kind
    }
    return kinds
  }

  /// Reader options for the baseline (the target adds the baseline's kinds).
  func options() -> ReadOptions {
    var options = ReadOptions()
    if let delimiter, let byte = delimiter.utf8.first { options.delimiter = byte }
    options.onBadRow = BadRowPolicy(rawValue: onBadRow) ?? .fail
    if let threads { options.threads = threads }
    options.kinds = (try? kinds()) ?? [:]  // validate() has parsed them once already
    return options
  }
}

/// Splits a comma-separated option value, dropping empty items and spaces.
func splitList(_ text: String) -> [String] {
  text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
