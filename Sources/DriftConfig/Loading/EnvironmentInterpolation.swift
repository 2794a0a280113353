/// Expands `${VAR}` and `${VAR:-default}` in configuration values; `$$` is a literal `$`.
///
/// Values from the environment are often secrets (database passwords, webhook tokens), so no
/// message ever contains one: problems name the variable, never its value.
struct EnvironmentInterpolation: Sendable {
  /// The variables available.
  var environment: [String: String]

  /// `text` with every reference replaced, or nil after reporting a problem.
  func expand(_ text: String, at position: SourcePosition, keyPath: String, issues: IssueList)
    -> String?
  {
    guard text.contains("$") else { return text }
    var output = ""
    var rest = Substring(text)
    var failed = false
    while let dollar = rest.firstIndex(of: "$") {
      output += rest[..<dollar]
      let after = rest[rest.index(after: dollar)...]
      if after.hasPrefix("$") {
        output += "$"
        rest = after.dropFirst()
        continue
      }
      guard after.hasPrefix("{") else {
        output += "$"
        rest = after
        continue
      }
      guard let close = after.firstIndex(of: "}") else {
        issues.add(
          "unterminated '${' in a value", at: position, keyPath: keyPath,
          hint: "write ${NAME} or ${NAME:-default}; write $$ for a literal $")
        return nil
      }
      let body = after[after.index(after: after.startIndex)..<close]
      rest = after[after.index(after: close)...]
      let name: Substring
      var fallback: Substring?
      if let separator = body.range(of: ":-") {
        name = body[..<separator.lowerBound]
        fallback = body[separator.upperBound...]
      } else {
        name = body
      }
      guard Self.isVariableName(name) else {
        issues.add(
          "'${\(name)}' is not a valid environment variable reference", at: position,
          keyPath: keyPath, hint: "names are letters, digits and '_', not starting with a digit")
        failed = true
        continue
      }
      if let value = environment[String(name)], !(fallback != nil && value.isEmpty) {
        output += value
      } else if let fallback {
        output += fallback
      } else {
        issues.add(
          "environment variable '\(name)' is not set", at: position, keyPath: keyPath,
          hint: "set it in the service's environment, or give a default: ${\(name):-value}")
        failed = true
      }
    }
    output += rest
    return failed ? nil : output
  }

  private static func isVariableName(_ name: Substring) -> Bool {
    guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else {
      return false
    }
    return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
  }
}
