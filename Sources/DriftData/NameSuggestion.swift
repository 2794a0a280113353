/// "Did you mean" suggestions for column names that are not in a file.
enum NameSuggestion {
  /// The closest of `candidates` to `name`, if it is close enough to be a likely typo.
  static func closest(to name: String, in candidates: [String]) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
      if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(2, target.count / 3) else { return nil }
    return best.name
  }

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
    if let guess = closest(to: first, in: present) { hint = "did you mean \"\(guess)\"?" }
    return DataError(file: file, line: line, column: column, message: message, hint: hint)
  }

  private static func editDistance(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Int {
    if left.isEmpty { return right.count }
    var previous = Array(0...right.count)
    var current = previous
    for i in 1...left.count {
      current[0] = i
      for j in stride(from: 1, through: right.count, by: 1) {
        let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[right.count]
  }
}
