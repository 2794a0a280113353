/// What a reader does with a row it cannot use (wrong field count, a value that does not fit
/// the column's declared kind, invalid UTF-8, malformed JSON on one line).
public enum BadRowPolicy: String, Sendable, CaseIterable {
  /// Stop and report the first bad row.
  case fail
  /// Drop the row from every column, count it in `Table.rejectedRows`, and keep going.
  case skip
}
