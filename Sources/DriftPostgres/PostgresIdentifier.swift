import Foundation

/// Quoting of names written into generated SQL.
enum PostgresIdentifier {
  /// `name` as a quoted identifier: `"name"`, with each `"` doubled, so any column name (spaces,
  /// capitals, quotes) is one identifier and never SQL code.
  static func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A `table` or `schema.table` name as quoted identifiers.
  static func quotedRelation(_ name: String) -> String {
    name.split(separator: ".", omittingEmptySubsequences: false).map { quoted(String($0)) }
      .joined(separator: ".")
  }
}
