import DriftStats

/// Reads the keys of one mapping with their types checked, reporting every problem.
///
/// Creating a reader checks the node is a mapping and that it has no unknown keys; each accessor
/// then reports a missing required key or a value of the wrong type or range, and returns nil.
struct MappingReader {
  /// The mapping node.
  let node: ConfigNode
  /// The mapping's key path.
  let keyPath: String
  /// Where problems go.
  let issues: IssueList
  private let entries: [ConfigNode.Entry]

  /// A reader over `node`, or nil (after reporting) when it is not a mapping.
  ///
  /// - Parameters:
  ///   - node: The node to read.
  ///   - keyPath: Its key path.
  ///   - allowedKeys: The keys it may hold, or nil to allow any (the caller checks them).
  ///   - expected: What the mapping is, for the type error (e.g. "a mapping of test thresholds").
  ///   - issues: Where problems go.
  init?(
    _ node: ConfigNode, keyPath: String, allowedKeys: [String]?, expected: String = "a mapping",
    issues: IssueList
  ) {
    guard let entries = node.entries else {
      if case .unresolved = node.content { return nil }
      issues.add(
        "expected \(expected), got \(node.kindDescription)", at: node.position, keyPath: keyPath)
      return nil
    }
    self.node = node
    self.keyPath = keyPath
    self.issues = issues
    self.entries = entries
    if let allowedKeys {
      for entry in entries where !allowedKeys.contains(entry.key) {
        issues.add(
          "unknown key '\(entry.key)'", at: entry.keyPosition, keyPath: path(entry.key),
          hint: Self.hint(for: entry.key, among: allowedKeys))
      }
    }
  }

  /// `did you mean 'x'?` when a candidate is close, else the list of candidates.
  static func hint(for name: String, among candidates: [String]) -> String {
    if let closest = Suggestion.closest(to: name, among: candidates) {
      return "did you mean '\(closest)'?"
    }
    return "expected one of: \(candidates.joined(separator: ", "))"
  }

  /// The key path of `key` in this mapping.
  func path(_ key: String) -> String {
    keyPath.isEmpty ? key : "\(keyPath).\(key)"
  }

  /// The keys present, in file order, with their positions.
  var keys: [ConfigNode.Entry] { entries }

  /// The value under `key`; a null value counts as absent.
  func value(_ key: String) -> ConfigNode? {
    guard let node = entries.first(where: { $0.key == key })?.value else { return nil }
    if case .null = node.content { return nil }
    return node
  }

  /// The value under `key`, reporting it as missing when absent.
  func required(_ key: String, hint: String? = nil) -> ConfigNode? {
    if let value = value(key) { return value }
    issues.add(
      "missing required key '\(key)'", at: node.position, keyPath: keyPath.isEmpty ? key : keyPath,
      hint: hint)
    return nil
  }

  /// The text of the scalar under `key` (nil when absent or not a scalar).
  func string(_ key: String, required isRequired: Bool = false, expected: String = "a string")
    -> String?
  {
    guard let value = isRequired ? required(key) : value(key) else { return nil }
    return text(of: value, keyPath: path(key), expected: expected)
  }

  /// The text of a scalar node, or nil after reporting a non-empty scalar was expected.
  /// `true` / `false` under `key`; anything else is an issue. Nil when absent or wrong.
  func bool(_ key: String) -> Bool? {
    guard let node = value(key),
      let text = text(of: node, keyPath: path(key), expected: "true or false")
    else { return nil }
    switch text {
    case "true": return true
    case "false": return false
    default:
      issues.add(
        "expected true or false, got '\(node.displayText)'", at: node.position, keyPath: path(key))
      return nil
    }
  }

  func text(of value: ConfigNode, keyPath: String, expected: String) -> String? {
    if case .unresolved = value.content { return nil }
    guard case .scalar(let scalar) = value.content, !scalar.text.isEmpty else {
      issues.add(
        "expected \(expected), got \(value.kindDescription)", at: value.position, keyPath: keyPath)
      return nil
    }
    return scalar.text
  }

  /// The whole number under `key`, at least `minimum`.
  func integer(_ key: String, minimum: Int) -> Int? {
    guard let value = value(key),
      let text = text(of: value, keyPath: path(key), expected: "a whole number")
    else { return nil }
    guard let number = Int(text) else {
      issues.add(
        "expected a whole number, got '\(value.displayText)'", at: value.position,
        keyPath: path(key))
      return nil
    }
    guard number >= minimum else {
      issues.add(
        "must be at least \(minimum), got \(value.displayText)", at: value.position,
        keyPath: path(key))
      return nil
    }
    return number
  }

  /// The number at `key`, checked against a drift setting's ``SettingLimit`` (the one the
  /// command line checks too).
  func number(_ key: String, limit: SettingLimit) -> Double? {
    number(key, in: limit.accepts, rangeText: limit.rangeText)
  }

  /// The number under `key`, within `range`; `range` is described in words for the error.
  func number(_ key: String, in range: (Double) -> Bool, rangeText: String) -> Double? {
    guard let value = value(key),
      let text = text(of: value, keyPath: path(key), expected: "a number")
    else { return nil }
    guard let number = Double(text), number.isFinite else {
      issues.add(
        "expected a number, got '\(value.displayText)'", at: value.position, keyPath: path(key))
      return nil
    }
    guard range(number) else {
      issues.add(
        "must be \(rangeText), got \(value.displayText)", at: value.position, keyPath: path(key),
        hint: number < 0 ? "negative numbers are never valid here" : nil)
      return nil
    }
    return number
  }

  /// The duration under `key`, in seconds.
  func duration(_ key: String, allowZero: Bool) -> Int64? {
    guard let value = value(key),
      let text = text(of: value, keyPath: path(key), expected: "a duration")
    else { return nil }
    guard let seconds = ConfigDuration.seconds(in: text), allowZero || seconds > 0 else {
      issues.add(
        "'\(value.displayText)' is not a\(allowZero ? "" : " positive") duration",
        at: value.position, keyPath: path(key), hint: ConfigDuration.hint)
      return nil
    }
    return seconds
  }

  /// The case of `Choice` named by the scalar under `key`.
  func choice<Choice: RawRepresentable & CaseIterable>(
    _ key: String, required isRequired: Bool = false
  )
    -> Choice? where Choice.RawValue == String
  {
    guard let value = isRequired ? required(key) : value(key) else { return nil }
    let names = Choice.allCases.map(\.rawValue)
    let expected = names.joined(separator: " | ")
    guard let text = text(of: value, keyPath: path(key), expected: expected) else { return nil }
    guard let choice = Choice(rawValue: text) else {
      issues.add(
        "'\(value.displayText)' is not one of \(expected)", at: value.position, keyPath: path(key),
        hint: Suggestion.closest(to: text, among: names).map { "did you mean '\($0)'?" })
      return nil
    }
    return choice
  }

  /// The path under `key`, made absolute against the directory of the file it is written in.
  func path(_ key: String, required isRequired: Bool) -> (path: String, node: ConfigNode)? {
    guard let value = isRequired ? required(key) : value(key),
      let text = text(of: value, keyPath: path(key), expected: "a path")
    else { return nil }
    return (PathResolution.resolve(text, relativeTo: value.directory), value)
  }

  /// The list of non-empty strings under `key`, without duplicates.
  func stringList(_ key: String, expected: String) -> [(text: String, node: ConfigNode)]? {
    guard let value = value(key) else { return nil }
    return Self.stringList(value, keyPath: path(key), expected: expected, issues: issues)
  }

  /// The items of a list of non-empty strings, without duplicates.
  static func stringList(_ value: ConfigNode, keyPath: String, expected: String, issues: IssueList)
    -> [(text: String, node: ConfigNode)]?
  {
    guard case .sequence(let items) = value.content else {
      if case .unresolved = value.content { return nil }
      issues.add(
        "expected \(expected), got \(value.kindDescription)", at: value.position, keyPath: keyPath)
      return nil
    }
    var result: [(text: String, node: ConfigNode)] = []
    for (index, item) in items.enumerated() {
      if case .unresolved = item.content { continue }
      guard case .scalar(let scalar) = item.content, !scalar.text.isEmpty else {
        issues.add(
          "expected a name, got \(item.kindDescription)", at: item.position,
          keyPath: "\(keyPath)[\(index)]")
        continue
      }
      if result.contains(where: { $0.text == scalar.text }) {
        issues.add(
          "'\(item.displayText)' is listed twice", at: item.position,
          keyPath: "\(keyPath)[\(index)]")
        continue
      }
      result.append((scalar.text, item))
    }
    return result
  }
}
