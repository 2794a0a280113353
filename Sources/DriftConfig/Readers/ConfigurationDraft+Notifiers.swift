extension ConfigurationDraft {
  /// Reads `notifiers:` (already merged across files, so an include may define a notifier and
  /// the main file override one of its keys).
  mutating func readNotifiers(_ nodes: [ConfigNode]) {
    guard let node = nodes.first,
      let reader = MappingReader(
        node, keyPath: "notifiers", allowedKeys: nil,
        expected: "a mapping of notifier names to notifiers", issues: context.issues)
    else { return }
    let notifierReader = NotifierReader(context: context)
    for entry in reader.keys {
      let keyPath = reader.path(entry.key)
      guard Self.isNotifierName(entry.key) else {
        context.issues.add(
          "'\(entry.key)' is not a usable notifier name", at: entry.keyPosition,
          keyPath: keyPath, hint: "use letters, digits, '-', '_' and '.'")
        continue
      }
      if let lanes = notifierReader.read(lanes: entry.key, node: entry.value, keyPath: keyPath) {
        for notifier in lanes { notifiers[notifier.name] = notifier }
        if lanes.count > 1 || lanes.first?.name != entry.key {
          notifierLanes[entry.key] = lanes.map(\.name)
        }
      }
    }
  }

  /// Names appear in logs, the outbox and Message-IDs: keep them to a safe alphabet.
  static func isNotifierName(_ name: String) -> Bool {
    !name.isEmpty
      && name.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == ".")
      }
  }

  /// Replaces, in every alert rule's `notify:`, a notifier that became several lanes (an
  /// Alertmanager notifier with several URLs) by those lanes.
  mutating func expandNotifierLanes() {
    guard !notifierLanes.isEmpty else { return }
    for index in monitors.indices {
      for rule in monitors[index].alerts.indices {
        monitors[index].alerts[rule].notify = monitors[index].alerts[rule].notify.flatMap {
          notifierLanes[$0] ?? [$0]
        }
      }
    }
  }
}
