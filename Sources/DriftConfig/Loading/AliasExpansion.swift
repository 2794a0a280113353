import CYaml

/// Bounds the work and memory one YAML file can cost through its aliases, before Yams composes it.
///
/// Yams resolves every alias (`*name`) to the node its anchor (`&name`) names, and the
/// configuration tree then holds a copy per use; it also hashes mapping keys whole to find
/// duplicates. So a few lines of anchors that name lists of aliases of anchors ("a billion
/// laughs") expand exponentially: 15 lines nested 8 deep ran for minutes and grew past 3.5 GB.
/// This walks libyaml's events once, in time and memory linear in the text, and totals how many
/// values (scalars, lists and mappings) the document holds with every alias expanded. Past
/// ``limit`` it stops and names the place where the total crossed it.
struct AliasExpansion {
  /// The most values one configuration file may hold once its aliases are expanded. A large real
  /// configuration (a thousand monitors) holds a few tens of thousands.
  static let limit = 100_000

  /// Where a document's expanded size crossed the limit.
  struct Overflow: Equatable, Sendable {
    /// 1-based line of the alias (or value) that crossed the limit.
    var line: Int
    /// 1-based column.
    var column: Int
    /// The alias's anchor name, when an alias crossed the limit.
    var alias: String?
  }

  /// The first place where `text` holds more than `limit` values with its aliases expanded, or
  /// nil when it holds no more (or does not parse: composing it reports the syntax error).
  static func overflow(in text: String, limit: Int = Self.limit) -> Overflow? {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return nil }
    var parser = yaml_parser_t()
    // yaml_parser_initialize returns 0 only when it cannot allocate its buffers.
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    return bytes.withUnsafeBufferPointer { buffer -> Overflow? in
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var walk = Walk(limit: limit)
      while true {
        var event = yaml_event_t()
        // 0: a syntax error; Yams.compose reports it with its position.
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        let step = walk.take(event)
        yaml_event_delete(&event)
        switch step {
        case .more: continue
        case .end: return nil
        case .overflow(let overflow): return overflow
        }
      }
    }
  }

  /// The running totals of one walk over the events.
  private struct Walk {
    let limit: Int
    /// The expanded size of each anchor defined so far (a later anchor of the same name wins,
    /// as in Yams).
    var anchorSizes: [String: Int] = [:]
    /// The lists and mappings open around the current event: their anchor and size so far.
    var open: [(anchor: String?, size: Int)] = []
    /// Values in the document so far, aliases expanded; capped at `limit + 1`.
    var total = 0

    enum Step {
      case more
      case end
      case overflow(Overflow)
    }

    mutating func take(_ event: yaml_event_t) -> Step {
      let mark = event.start_mark
      var added = 0
      var alias: String?
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return .end
      case YAML_SCALAR_EVENT:
        added = 1
        if let anchor = Self.string(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
        addToParent(1)
      case YAML_ALIAS_EVENT:
        alias = Self.string(event.data.alias.anchor)
        // An undefined alias counts 1; Yams.compose then reports it.
        added = alias.flatMap { anchorSizes[$0] } ?? 1
        addToParent(added)
      case YAML_SEQUENCE_START_EVENT:
        added = 1
        open.append((Self.string(event.data.sequence_start.anchor), 1))
      case YAML_MAPPING_START_EVENT:
        added = 1
        open.append((Self.string(event.data.mapping_start.anchor), 1))
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let closed = open.popLast() else { return .more }
        if let anchor = closed.anchor { anchorSizes[anchor] = closed.size }
        addToParent(closed.size)
      default:
        return .more
      }
      total = capped(total + added)
      guard total <= limit else {
        return .overflow(
          Overflow(line: Int(mark.line) + 1, column: Int(mark.column) + 1, alias: alias))
      }
      return .more
    }

    /// Adds a finished value's expanded size to the list or mapping that holds it.
    private mutating func addToParent(_ size: Int) {
      guard !open.isEmpty else { return }
      open[open.count - 1].size = capped(open[open.count - 1].size + size)
    }

    /// Sizes stop growing past the limit, so they cannot overflow `Int` however deep the nesting.
    private func capped(_ value: Int) -> Int { min(value, limit + 1) }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      guard let pointer else { return nil }
      return String(cString: pointer)
    }
  }
}
