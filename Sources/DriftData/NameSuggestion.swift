import DriftStats

/// The error for column names that are not in a file, with a "did you mean" hint.
enum NameSuggestion {
  /// The error for requested columns that the file does not have.
  static func missingColumns(
    _ missing: [String], present: [String], file: String, line: Int, column: Int
  ) -> DataError {
    let first = missing[0]
    var message =
      missing.count == 1
      ? "column \"\(first)\" is not in the file"
      : "columns \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) are not in the file"
    message += "; columns present: \(present.joined(separator: ", "))"
    var hint = "check the column names in the configuration or the baseline"
    if let guess = Suggestion.closest(to: first, among: present) {
      hint = "did you mean \"\(guess)\"?"
    }
    return DataError(file: file, line: line, column: column, message: message, hint: hint)
  }
}
