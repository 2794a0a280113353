/// A top-level section of a configuration file, how the files' copies of it merge, and the
/// handler that validates the merged value.
///
/// Sections are a table so a new one (say `notifiers:`) is one more entry here, one handler and
/// one field in ``ConfigurationDraft``; the loader and the merge stay as they are.
struct ConfigSection: Sendable {
  /// How the copies of a section in the main file and its includes combine.
  enum Merge: Sendable {
    /// Only the main file may set it.
    case mainFileOnly
    /// Read by the loader itself (`include:`), not merged.
    case directive
    /// Mappings merged key by key at every depth; an including file wins over the files it
    /// includes, a later include over an earlier one.
    case mergeKeys
    /// Lists appended in load order (the including file's items first).
    case append
  }

  /// Validates a section's merged nodes into the draft.
  typealias Handler = @Sendable (_ nodes: [ConfigNode], _ draft: inout ConfigurationDraft) -> Void

  /// The key in the file.
  let key: String
  /// How copies combine.
  let merge: Merge
  /// The handler; sections run in table order, so later ones may use what earlier ones read.
  let handler: Handler

  /// `storage:`
  static let storage = ConfigSection(key: "storage", merge: .mainFileOnly) { nodes, draft in
    draft.readStorage(nodes)
  }
  /// `include:`
  static let include = ConfigSection(key: "include", merge: .directive) { _, _ in }
  /// `daemon:`
  static let daemon = ConfigSection(key: "daemon", merge: .mainFileOnly) { nodes, draft in
    draft.readDaemon(nodes)
  }
  /// `http:`
  static let http = ConfigSection(key: "http", merge: .mainFileOnly) { nodes, draft in
    draft.readHTTP(nodes)
  }
  /// `defaults:`
  static let defaults = ConfigSection(key: "defaults", merge: .mergeKeys) { nodes, draft in
    draft.readDefaults(nodes)
  }
  /// `notifiers:` (before `monitors:`, so alert rules can check the names they notify).
  static let notifiers = ConfigSection(key: "notifiers", merge: .mergeKeys) { nodes, draft in
    draft.readNotifiers(nodes)
  }
  /// `monitors:`
  static let monitors = ConfigSection(key: "monitors", merge: .append) { nodes, draft in
    draft.readMonitors(nodes)
  }

  /// Every section, in the order their handlers run.
  static let all: [ConfigSection] = [
    storage, include, daemon, http, defaults, notifiers, monitors,
  ]

  /// The section with the given key.
  static func named(_ key: String) -> ConfigSection? {
    all.first { $0.key == key }
  }

  /// The nodes the handler receives, from the documents' copies of this section.
  ///
  /// - Parameters:
  ///   - preorder: Documents in load order (each before its includes).
  ///   - postorder: Documents in merge order (each after its includes).
  func nodes(preorder: [ConfigDocument], postorder: [ConfigDocument]) -> [ConfigNode] {
    switch merge {
    case .directive:
      return []
    case .mainFileOnly:
      return preorder.filter(\.isMain).compactMap { $0.section(key) }
    case .append:
      return preorder.compactMap { $0.section(key) }
    case .mergeKeys:
      let copies = postorder.compactMap { $0.section(key) }
      guard let first = copies.first else { return [] }
      return [copies.dropFirst().reduce(first, ConfigNode.merged)]
    }
  }
}
