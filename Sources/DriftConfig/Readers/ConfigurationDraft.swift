import DriftStats

/// The configuration while its sections are read; ``ConfigLoader`` turns it into a
/// ``Configuration`` when no issue was found.
struct ConfigurationDraft {
  /// Everything a section handler needs besides its nodes.
  let context: LoadContext
  /// From `storage:`, or the default.
  var storage: StorageSettings
  /// From `daemon:`, or the defaults.
  var daemon = DaemonSettings()
  /// From `http:`; nil when the listener is off.
  var http: HTTPSettings?
  /// From `defaults:`.
  var defaults = SettingsOverrides()
  /// From `notifiers:`, by name.
  var notifiers: [String: NotifierConfiguration] = [:]
  /// Notifiers that became several lanes (`NAME` -> `NAME#1`, `NAME#2`, ...).
  var notifierLanes: [String: [String]] = [:]
  /// From `monitors:`, in order.
  var monitors: [MonitorConfiguration] = []
  /// Where each monitor name was first given, to report duplicates.
  var monitorNames: [String: SourcePosition] = [:]
  /// The keys of the top-level `notifiers:` section in any file, known before any section is
  /// read so that monitors can check their alerts' `notify:` lists.
  var notifierNames: Set<String> = []

  /// Creates a draft holding every default.
  init(context: LoadContext) {
    self.context = context
    self.storage = StorageSettings(
      path: StorageSettings.defaultPath(
        environment: context.environment, workingDirectory: PathResolution.workingDirectory))
  }

  /// Reads `storage:`.
  mutating func readStorage(_ nodes: [ConfigNode]) {
    guard let node = nodes.first,
      let reader = MappingReader(
        node, keyPath: "storage", allowedKeys: ["path"], issues: context.issues)
    else { return }
    if let (path, _) = reader.path("path", required: false) {
      storage.path = path
    }
  }

  /// Reads `daemon:`.
  mutating func readDaemon(_ nodes: [ConfigNode]) {
    guard let node = nodes.first,
      let reader = MappingReader(
        node, keyPath: "daemon", allowedKeys: ["max_concurrent_monitors", "tick"],
        issues: context.issues)
    else { return }
    if let count = reader.integer("max_concurrent_monitors", minimum: 1) {
      daemon.maxConcurrentMonitors = count
    }
    if let tick = reader.duration("tick", allowZero: false) {
      daemon.tick = tick
    }
  }

  /// Reads `defaults:` (already merged across files).
  mutating func readDefaults(_ nodes: [ConfigNode]) {
    guard let node = nodes.first,
      let reader = MappingReader(
        node, keyPath: "defaults", allowedKeys: SettingsOverrides.keys, issues: context.issues)
    else { return }
    defaults = SettingsOverrides(reading: reader, allowFeatureThresholds: false)
  }

  /// Reads `monitors:` from every file that has it.
  mutating func readMonitors(_ nodes: [ConfigNode]) {
    let base = defaults.applied(to: DriftSettings())
    for list in nodes {
      guard case .sequence(let items) = list.content else {
        context.issues.add(
          "expected a list of monitors, got \(list.kindDescription)", at: list.position,
          keyPath: "monitors")
        continue
      }
      for (index, item) in items.enumerated() {
        let keyPath = "monitors[\(index)]"
        guard
          let monitor = MonitorReader(
            context: context, defaults: base, notifierNames: notifierNames
          ).read(
            item, keyPath: keyPath)
        else { continue }
        if let first = monitorNames[monitor.name] {
          context.issues.add(
            "duplicate monitor name '\(monitor.name)' (first at \(first.file):\(first.line):"
              + "\(first.column))", at: item["name"]?.position ?? item.position,
            keyPath: "\(keyPath).name", hint: "monitor names must be unique")
          continue
        }
        monitorNames[monitor.name] = item["name"]?.position ?? item.position
        monitors.append(monitor)
      }
    }
  }
}

/// What every section handler needs besides its nodes.
struct LoadContext {
  /// The process environment (for defaults such as `$STATE_DIRECTORY`).
  let environment: [String: String]
  /// Whether to check that files and directories named in the configuration exist.
  let checkFiles: Bool
  /// Where problems go.
  let issues: IssueList
  /// Where secrets in files, password files and TLS opt-outs are recorded (for warnings).
  let notes: SecurityNotes
}
