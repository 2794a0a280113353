/// A place in a configuration file.
struct SourcePosition: Sendable, Equatable {
  /// Absolute path of the file.
  var file: String
  /// Line, from 1.
  var line: Int
  /// Column, from 1.
  var column: Int
}

/// Collects the issues of one load, so every problem is reported rather than the first.
///
/// A class because the validating code passes it down through many small functions; one load
/// owns one list and never shares it across tasks.
final class IssueList {
  private(set) var issues: [ConfigIssue] = []

  /// Whether nothing has been reported.
  var isEmpty: Bool { issues.isEmpty }

  /// Records a problem at `position`.
  func add(_ message: String, at position: SourcePosition, keyPath: String, hint: String? = nil) {
    issues.append(
      ConfigIssue(
        file: position.file, line: position.line, column: position.column, keyPath: keyPath,
        message: message, hint: hint))
  }

  /// The issues ordered by file (in `fileOrder`, unknown files last), line and column; the
  /// sort is stable, so issues at one spot keep the order they were found in.
  func sorted(fileOrder: [String]) -> [ConfigIssue] {
    let rank = Dictionary(fileOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return issues.enumerated().sorted { lhs, rhs in
      let a = lhs.element
      let b = rhs.element
      let key1 = (rank[a.file] ?? Int.max, a.line, a.column, lhs.offset)
      let key2 = (rank[b.file] ?? Int.max, b.line, b.column, rhs.offset)
      return key1 < key2
    }.map(\.element)
  }
}
