/// A YAML node after environment interpolation, with its position: the tree the validators read.
///
/// Unlike `Yams.Node` it remembers its file, so mappings merged from several files still report
/// every problem where it was written.
struct ConfigNode: Sendable {
  /// A scalar's text.
  struct Scalar: Sendable {
    /// The value, after `${VAR}` interpolation.
    var text: String
    /// The text as written in the file.
    var source: String
    /// Whether interpolation changed the text; such a value may hold a secret and is never shown.
    var isInterpolated: Bool
    /// Whether the scalar was written without quotes (only then is `~`, `null` or nothing null).
    var isPlain: Bool
  }

  /// One key and its value in a mapping.
  struct Entry: Sendable {
    /// The key.
    var key: String
    /// Where the key is written.
    var keyPosition: SourcePosition
    /// The value.
    var value: ConfigNode
  }

  /// What the node holds.
  enum Content: Sendable {
    case null
    /// A scalar whose `${VAR}` could not be expanded; already reported, so readers skip it.
    case unresolved
    case scalar(Scalar)
    case sequence([ConfigNode])
    case mapping([Entry])
  }

  /// What the node holds.
  var content: Content
  /// Where the node starts.
  var position: SourcePosition

  /// The entries if the node is a mapping.
  var entries: [Entry]? {
    if case .mapping(let entries) = content { return entries }
    return nil
  }

  /// The value under `key` if the node is a mapping that has it.
  subscript(key: String) -> ConfigNode? {
    entries?.first { $0.key == key }?.value
  }

  /// The node's type in words, for "expected X, got Y" messages. A scalar shows its text as
  /// written, never the interpolated value.
  var kindDescription: String {
    switch content {
    case .null: "nothing"
    case .unresolved: "an unresolved value"
    case .sequence: "a list"
    case .mapping: "a mapping"
    case .scalar(let scalar): "'\(scalar.source)'"
    }
  }

  /// The scalar's text as it may appear in messages: the value, or the source text when the
  /// value came from the environment.
  var displayText: String {
    guard case .scalar(let scalar) = content else { return kindDescription }
    return scalar.isInterpolated ? scalar.source : scalar.text
  }

  /// The directory of the file this node was written in, for resolving relative paths.
  var directory: String { PathResolution.directory(of: position.file) }
}

extension ConfigNode {
  /// `low` overlaid with `high`, key by key at every depth: where both hold a mapping under a
  /// key the two are merged, anywhere else `high` wins.
  static func merged(_ low: ConfigNode, _ high: ConfigNode) -> ConfigNode {
    guard let lowEntries = low.entries, let highEntries = high.entries else { return high }
    var entries = lowEntries
    for entry in highEntries {
      if let index = entries.firstIndex(where: { $0.key == entry.key }) {
        var combined = entry
        combined.value = merged(entries[index].value, entry.value)
        entries[index] = combined
      } else {
        entries.append(entry)
      }
    }
    return ConfigNode(content: .mapping(entries), position: high.position)
  }
}
