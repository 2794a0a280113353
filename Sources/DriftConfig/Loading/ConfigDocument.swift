/// One configuration file as read: its path and its top-level mapping.
struct ConfigDocument: Sendable {
  /// Absolute path of the file.
  var file: String
  /// The top-level mapping (empty when the file could not be parsed).
  var root: ConfigNode
  /// Whether this is the main file (not included).
  var isMain: Bool

  /// The value of a top-level section, if the file sets it to something other than null.
  func section(_ key: String) -> ConfigNode? {
    guard let node = root[key] else { return nil }
    if case .null = node.content { return nil }
    return node
  }
}
