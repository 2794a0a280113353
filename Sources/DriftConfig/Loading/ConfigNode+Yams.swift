import DriftData
import Foundation
import Yams

extension ConfigNode {
  /// Converts a composed YAML node, interpolating `${VAR}` in every scalar value (not in keys).
  ///
  /// - Parameters:
  ///   - node: The node from `Yams.compose`.
  ///   - file: Absolute path of the file it came from.
  ///   - keyPath: The node's key path, for issues.
  ///   - interpolation: Resolves `${VAR}`; its problems go to `issues`.
  ///   - issues: Where problems go.
  init(
    _ node: Node, file: String, keyPath: String, interpolation: EnvironmentInterpolation,
    issues: IssueList
  ) {
    let mark = node.mark
    let position = SourcePosition(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    switch node {
    case .scalar(let scalar):
      let plain = scalar.style == .plain || scalar.style == .any
      if plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
        self.init(content: .null, position: position)
        return
      }
      let text = interpolation.expand(
        scalar.string, at: position, keyPath: keyPath, issues: issues)
      guard let text else {
        self.init(content: .unresolved, position: position)
        return
      }
      let value = Scalar(
        text: text, source: scalar.string, isInterpolated: text != scalar.string, isPlain: plain)
      self.init(content: .scalar(value), position: position)
    case .sequence(let sequence):
      let items = sequence.enumerated().map { index, item in
        ConfigNode(
          item, file: file, keyPath: "\(keyPath)[\(index)]", interpolation: interpolation,
          issues: issues)
      }
      self.init(content: .sequence(items), position: position)
    case .mapping(let mapping):
      var entries: [Entry] = []
      for (key, value) in mapping {
        let keyMark = key.mark
        let keyPosition = SourcePosition(
          file: file, line: keyMark?.line ?? position.line,
          column: keyMark?.column ?? position.column)
        guard case .scalar(let keyScalar) = key else {
          issues.add(
            "a key must be a plain name, not a list or mapping", at: keyPosition, keyPath: keyPath)
          continue
        }
        let childPath = keyPath.isEmpty ? keyScalar.string : "\(keyPath).\(keyScalar.string)"
        let child = ConfigNode(
          value, file: file, keyPath: childPath, interpolation: interpolation, issues: issues)
        entries.append(Entry(key: keyScalar.string, keyPosition: keyPosition, value: child))
      }
      self.init(content: .mapping(entries), position: position)
    case .alias:
      // `compose` resolves aliases to the nodes they name, so none reach here.
      self.init(content: .null, position: position)
    }
  }

  /// Parses a whole file; a syntax error becomes one issue and yields nil.
  static func parse(
    yaml: String, file: String, interpolation: EnvironmentInterpolation, issues: IssueList
  ) -> ConfigNode? {
    if let overflow = AliasExpansion.overflow(in: yaml) {
      reportOverflow(overflow, file: file, issues: issues)
      return nil
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      report(error, file: file, issues: issues)
      return nil
    } catch {
      issues.add(
        "cannot parse YAML: \(error)", at: SourcePosition(file: file, line: 1, column: 1),
        keyPath: "")
      return nil
    }
    guard let root else {
      // An empty file is an empty mapping.
      return ConfigNode(
        content: .mapping([]), position: SourcePosition(file: file, line: 1, column: 1))
    }
    return ConfigNode(root, file: file, keyPath: "", interpolation: interpolation, issues: issues)
  }

  private static func reportOverflow(
    _ overflow: AliasExpansion.Overflow, file: String, issues: IssueList
  ) {
    let limit = AliasExpansion.limit.formatted(.number.grouping(.automatic))
    let what =
      overflow.alias.map { "the alias *\(TerminalText.escaped($0)) here takes it past the limit" }
      ?? "this value takes it past the limit"
    issues.add(
      "this file holds more than \(limit) values once its YAML aliases are expanded; \(what)",
      at: SourcePosition(file: file, line: overflow.line, column: overflow.column), keyPath: "",
      hint: "nest fewer aliases of anchors that hold aliases: each alias copies all its anchor "
        + "holds; nothing else in this file was checked")
  }

  private static func report(_ error: YamlError, file: String, issues: IssueList) {
    func at(_ mark: Mark) -> SourcePosition {
      SourcePosition(file: file, line: mark.line, column: mark.column)
    }
    let start = SourcePosition(file: file, line: 1, column: 1)
    let hint = "fix the YAML syntax; nothing else in this file was checked"
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let message = [context?.text, problem].compactMap { $0 }.joined(separator: ", ")
      issues.add("YAML syntax error: \(message)", at: at(mark), keyPath: "", hint: hint)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      issues.add(
        "duplicate key \(names) in one mapping", at: at(context.mark), keyPath: "",
        hint: "give each key once; nothing else in this file was checked")
    case .reader(let problem, _, _, _):
      issues.add("cannot read the file as text: \(problem)", at: start, keyPath: "")
    case .dataCouldNotBeDecoded:
      issues.add("the file is not valid UTF-8", at: start, keyPath: "")
    default:
      issues.add("cannot parse YAML: \(error)", at: start, keyPath: "")
    }
  }
}
