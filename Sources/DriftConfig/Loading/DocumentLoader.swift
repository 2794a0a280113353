import Foundation

/// Reads the main configuration file and, depth-first, every file it includes.
///
/// Include paths are relative to the including file; globs expand sorted and must match at least
/// one file; a file included twice, or an include cycle, is an error.
final class DocumentLoader {
  /// Files in load order: each file before the files it includes.
  private(set) var preorder: [ConfigDocument] = []
  /// Files in merge order: each file after the files it includes, so it overrides them.
  private(set) var postorder: [ConfigDocument] = []

  private let interpolation: EnvironmentInterpolation
  private let issues: IssueList
  private var includedAt: [String: SourcePosition] = [:]
  /// When set, the directory every include must resolve inside (see ``ConfigLoader``).
  private let includeRoot: String?

  /// Creates a loader.
  init(interpolation: EnvironmentInterpolation, issues: IssueList, includeRoot: String? = nil) {
    self.interpolation = interpolation
    self.issues = issues
    self.includeRoot = includeRoot
  }

  /// Reads `mainFile` (absolute) and its includes.
  func load(mainFile: String) {
    includedAt[mainFile] = SourcePosition(file: mainFile, line: 1, column: 1)
    load(file: mainFile, includedFrom: nil, stack: [mainFile])
  }

  private func load(file: String, includedFrom: Include?, stack: [String]) {
    let position = includedFrom?.position ?? SourcePosition(file: file, line: 1, column: 1)
    let keyPath = includedFrom?.keyPath ?? ""
    let text: String
    if let problem = PathResolution.problemReading(file, shownAs: includedFrom?.shownAs) {
      issues.add(
        "cannot read \(includedFrom == nil ? "configuration" : "included") file: \(problem)",
        at: position, keyPath: keyPath)
      return
    }
    do {
      text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      issues.add("cannot read '\(file)' as UTF-8 text", at: position, keyPath: keyPath)
      return
    }
    let root =
      ConfigNode.parse(yaml: text, file: file, interpolation: interpolation, issues: issues)
      ?? ConfigNode(content: .mapping([]), position: SourcePosition(file: file, line: 1, column: 1))
    let document = ConfigDocument(file: file, root: root, isMain: includedFrom == nil)
    preorder.append(document)
    checkTopLevel(document)
    for include in includes(of: document) {
      let path = include.path
      if let cycleStart = stack.firstIndex(of: path) {
        let cycle = (stack[cycleStart...] + [path]).joined(separator: " -> ")
        issues.add(
          "include cycle: \(cycle)", at: include.position, keyPath: include.keyPath,
          hint: "remove one of these includes")
      } else if let earlier = includedAt[path] {
        issues.add(
          "'\(include.shownAs)' is already included (at \(earlier.file):\(earlier.line):"
            + "\(earlier.column))", at: include.position, keyPath: include.keyPath,
          hint: "include each file once")
      } else {
        includedAt[path] = include.position
        load(file: path, includedFrom: include, stack: stack + [path])
      }
    }
    postorder.append(document)
  }

  /// Checks the top-level keys: known sections only, and only those an included file may set.
  private func checkTopLevel(_ document: ConfigDocument) {
    guard let entries = document.root.entries else {
      issues.add(
        "expected a mapping of sections (storage, include, daemon, defaults, monitors), got "
          + document.root.kindDescription, at: document.root.position, keyPath: "")
      return
    }
    let names = ConfigSection.all.map(\.key)
    for entry in entries {
      guard let section = ConfigSection.named(entry.key) else {
        issues.add(
          "unknown section '\(entry.key)'", at: entry.keyPosition, keyPath: entry.key,
          hint: MappingReader.hint(for: entry.key, among: names))
        continue
      }
      if !document.isMain && section.merge == .mainFileOnly {
        issues.add(
          "'\(entry.key)' can only be set in the main configuration file", at: entry.keyPosition,
          keyPath: entry.key, hint: "move it to the file that includes this one")
      }
    }
  }

  /// One file named by `include:`.
  private struct Include {
    /// The absolute path.
    var path: String
    /// How messages name it.
    var shownAs: String
    /// Where it was named.
    var position: SourcePosition
    /// The key path of the naming entry.
    var keyPath: String
  }

  /// The absolute files `include:` names, with where each was named.
  private func includes(of document: ConfigDocument) -> [Include] {
    guard let value = document.section(ConfigSection.include.key) else { return [] }
    let items: [(node: ConfigNode, keyPath: String)]
    switch value.content {
    case .scalar: items = [(value, "include")]
    case .sequence(let nodes): items = nodes.enumerated().map { ($1, "include[\($0)]") }
    case .unresolved: return []
    default:
      issues.add(
        "expected a file, a glob or a list of them, got \(value.kindDescription)",
        at: value.position, keyPath: "include")
      return []
    }
    var result: [Include] = []
    for (node, keyPath) in items {
      if case .unresolved = node.content { continue }
      guard case .scalar(let scalar) = node.content, !scalar.text.isEmpty else {
        issues.add(
          "expected a file or glob, got \(node.kindDescription)", at: node.position,
          keyPath: keyPath)
        continue
      }
      let pattern = PathResolution.resolve(scalar.text, relativeTo: node.directory)
      let shown = PathResolution.shown(pattern, writtenIn: node)
      if let includeRoot, !pattern.hasPrefix(PathResolution.join(includeRoot, "")) {
        issues.add(
          "include '\(shown)' is outside \(includeRoot)", at: node.position, keyPath: keyPath)
        continue
      }
      guard PathResolution.isGlob(pattern) else {
        result.append(
          Include(path: pattern, shownAs: shown, position: node.position, keyPath: keyPath))
        continue
      }
      let matches = PathResolution.expand(pattern)
      if matches.isEmpty {
        issues.add(
          "include '\(shown)' matches no files", at: node.position, keyPath: keyPath,
          hint: "check the pattern, or remove the include")
      }
      result += matches.map {
        Include(path: $0, shownAs: $0, position: node.position, keyPath: keyPath)
      }
    }
    return result
  }
}
