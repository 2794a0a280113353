/// The layout of a data file.
public enum DataFormat: String, Sendable, CaseIterable {
  /// Delimited text with a header row (RFC 4180); also tab-separated files.
  case csv
  /// JSON Lines: one JSON object per line.
  case jsonl

  /// The format a file name's extension implies: `.csv`, `.tsv`, `.txt` read as CSV,
  /// `.jsonl`, `.ndjson` as JSON Lines; nil for anything else.
  public static func inferred(fromPath path: String) -> DataFormat? {
    switch fileExtension(of: path) {
    case "csv", "tsv", "txt": .csv
    case "jsonl", "ndjson": .jsonl
    default: nil
    }
  }

  /// The lower-cased extension of the last path component, without the dot.
  static func fileExtension(of path: String) -> String {
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }
}
