/// Validates a monitor's `alerts:` list into ``AlertRule`` values.
struct AlertRuleReader {
  /// The keys a rule may hold.
  static let keys = [
    "name", "when", "features", "share", "for", "severity", "notify", "repeat", "send_resolved",
  ]
  /// The names `when:` accepts.
  static let conditions = [
    "feature_drifted", "dataset_drifted", "no_data", "failed", "reconstruction_drifted",
    "magnitude_above",
  ]
  /// The conditions written as a one-key mapping with a value (`when: { magnitude_above: 30 }`).
  static let valuedConditions = ["magnitude_above"]

  /// Where problems go.
  let issues: IssueList
  /// Names defined under the top-level `notifiers:` section.
  let notifierNames: Set<String>
  /// The monitor's feature selection, to check each rule's `features:` against.
  let monitorFeatures: FeatureFilter

  /// The rules, or nil when any has a problem (all of them reported).
  func read(_ node: ConfigNode, keyPath: String) -> [AlertRule]? {
    guard case .sequence(let items) = node.content else {
      if case .unresolved = node.content { return nil }
      issues.add(
        "expected a list of alert rules, got \(node.kindDescription)", at: node.position,
        keyPath: keyPath)
      return nil
    }
    let before = issues.issues.count
    var rules: [AlertRule] = []
    var seen: [String: SourcePosition] = [:]
    for (index, item) in items.enumerated() {
      let itemPath = "\(keyPath)[\(index)]"
      guard let rule = readRule(item, keyPath: itemPath) else { continue }
      let namePosition = item["name"]?.position ?? item.position
      if let first = seen[rule.name] {
        issues.add(
          "duplicate alert name '\(rule.name)' (first at \(first.line):\(first.column))",
          at: namePosition, keyPath: "\(itemPath).name",
          hint: "alert names must be unique within a monitor")
        continue
      }
      seen[rule.name] = namePosition
      rules.append(rule)
    }
    return issues.issues.count == before ? rules : nil
  }

  private func readRule(_ node: ConfigNode, keyPath: String) -> AlertRule? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: Self.keys, expected: "an alert rule (a mapping)",
        issues: issues)
    else { return nil }
    let before = issues.issues.count
    let name = readName(reader)
    let condition = readCondition(reader)
    let features = readFeatures(reader, condition: condition)
    let forWindows = reader.integer("for", minimum: 1) ?? 1
    let severity: AlertRule.Severity = reader.choice("severity") ?? .warning
    let notify = readNotify(reader)
    let repeatInterval = reader.duration("repeat", allowZero: false)
    let sendResolved = reader.bool("send_resolved") ?? true
    guard issues.issues.count == before, let name, let condition else { return nil }
    return AlertRule(
      name: name, condition: condition, features: features, forWindows: forWindows,
      severity: severity, notify: notify, repeatInterval: repeatInterval,
      sendResolved: sendResolved)
  }

  private func readName(_ reader: MappingReader) -> String? {
    guard let name = reader.string("name", required: true, expected: "an alert name") else {
      return nil
    }
    let allowed = name.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0))
    }
    guard allowed else {
      issues.add(
        // The name as written: a value from the environment is never shown.
        "'\(reader.value("name")?.displayText ?? name)' is not a valid alert name",
        at: reader.value("name")?.position ?? reader.node.position,
        keyPath: reader.path("name"), hint: "use letters, digits, '.', '_' and '-'")
      return nil
    }
    return name
  }

  private func readCondition(_ reader: MappingReader) -> AlertRule.Condition? {
    let shareNode = reader.value("share")
    let share = reader.number("share", in: { $0 > 0 && $0 <= 1 }, rangeText: "in (0, 1]")
    guard
      let node = reader.required("when", hint: "one of \(Self.conditions.joined(separator: ", "))")
    else { return nil }
    let condition: AlertRule.Condition
    if node.entries != nil {
      guard let valued = readValuedCondition(node, keyPath: reader.path("when")) else {
        return nil
      }
      condition = valued
    } else {
      guard let text = reader.text(of: node, keyPath: reader.path("when"), expected: "a condition")
      else { return nil }
      switch text {
      case "feature_drifted": condition = .featureDrifted
      case "dataset_drifted": condition = .datasetDrifted(share: share)
      case "no_data": condition = .noData
      case "failed": condition = .failed
      case "reconstruction_drifted": condition = .reconstructionDrifted
      case "magnitude_above":
        issues.add(
          "magnitude_above needs a percentage", at: node.position, keyPath: reader.path("when"),
          hint: "write when: { magnitude_above: 30 } to fire above 30 %")
        return nil
      default:
        issues.add(
          "'\(node.displayText)' is not one of \(Self.conditions.joined(separator: " | "))",
          at: node.position, keyPath: reader.path("when"),
          hint: MappingReader.hint(for: text, among: Self.conditions))
        return nil
      }
    }
    if let shareNode, condition.name != "dataset_drifted" {
      issues.add(
        "share: only applies to when: dataset_drifted", at: shareNode.position,
        keyPath: reader.path("share"))
    }
    return condition
  }

  /// A condition written as a one-key mapping: `when: { magnitude_above: 30 }`.
  private func readValuedCondition(_ node: ConfigNode, keyPath: String) -> AlertRule.Condition? {
    guard
      let reader = MappingReader(node, keyPath: keyPath, allowedKeys: nil, issues: issues),
      let entry = reader.keys.first
    else {
      issues.add(
        "expected a condition, got an empty mapping", at: node.position, keyPath: keyPath,
        hint: "e.g. when: { magnitude_above: 30 }")
      return nil
    }
    guard reader.keys.count == 1 else {
      let second = reader.keys[1]
      issues.add(
        "a rule has one condition, got \(reader.keys.count)", at: second.keyPosition,
        keyPath: reader.path(second.key), hint: "write one rule per condition")
      return nil
    }
    guard Self.valuedConditions.contains(entry.key) else {
      if Self.conditions.contains(entry.key) {
        issues.add(
          "\(entry.key) takes no value", at: entry.keyPosition, keyPath: reader.path(entry.key),
          hint: "write when: \(entry.key)")
      } else {
        issues.add(
          "'\(entry.key)' is not a condition with a value", at: entry.keyPosition,
          keyPath: reader.path(entry.key),
          hint: MappingReader.hint(for: entry.key, among: Self.valuedConditions))
      }
      return nil
    }
    guard reader.value(entry.key) != nil else {
      issues.add(
        "magnitude_above needs a percentage", at: entry.keyPosition,
        keyPath: reader.path(entry.key), hint: "e.g. magnitude_above: 30")
      return nil
    }
    // Percent of the drift magnitude (max(0, MCC) x 100): 0 would fire on every window.
    guard
      let percent = reader.number(
        entry.key, in: { $0 > 0 && $0 <= 100 }, rangeText: "a percentage in (0, 100]")
    else { return nil }
    return .magnitudeAbove(percent)
  }

  private func readFeatures(_ reader: MappingReader, condition: AlertRule.Condition?)
    -> [String]?
  {
    guard let node = reader.value("features"),
      let items = reader.stringList("features", expected: "a list of feature names")
    else { return nil }
    if let condition, !condition.isPerFeature {
      issues.add(
        "features: only applies to when: feature_drifted", at: node.position,
        keyPath: reader.path("features"))
    }
    if items.isEmpty {
      issues.add(
        "features: lists no features", at: node.position, keyPath: reader.path("features"),
        hint: "leave features: out to alert on every feature")
    }
    for (index, item) in items.enumerated() {
      let itemPath = "\(reader.path("features"))[\(index)]"
      if monitorFeatures.exclude.contains(item.text) {
        issues.add(
          "'\(item.node.displayText)' is excluded from this monitor (features.exclude)",
          at: item.node.position, keyPath: itemPath)
      } else if let include = monitorFeatures.include, !include.contains(item.text) {
        issues.add(
          "'\(item.node.displayText)' is not among the monitor's included features",
          at: item.node.position,
          keyPath: itemPath, hint: MappingReader.hint(for: item.text, among: include))
      }
    }
    return items.map(\.text)
  }

  private func readNotify(_ reader: MappingReader) -> [String] {
    guard let items = reader.stringList("notify", expected: "a list of notifier names") else {
      return []
    }
    for (index, item) in items.enumerated() where !notifierNames.contains(item.text) {
      let known = notifierNames.sorted()
      issues.add(
        "no notifier '\(item.node.displayText)'", at: item.node.position,
        keyPath: "\(reader.path("notify"))[\(index)]",
        hint: known.isEmpty
          ? "define it under the top-level notifiers: section"
          : MappingReader.hint(for: item.text, among: known))
    }
    return items.map(\.text)
  }
}
