import DriftData
import DriftStats

/// Validates one entry of `monitors:` into a ``MonitorConfiguration``.
struct MonitorReader {
  /// The keys a monitor may hold.
  static let keys =
    ["name", "baseline", "target", "features", "schedule", "on_bad_row", "alerts"]
    + SettingsOverrides.keys

  /// Checks, environment and where problems go.
  let context: LoadContext
  /// `defaults:` applied to the built-in defaults.
  let defaults: DriftSettings
  /// Names defined under the top-level `notifiers:` section, for `alerts[].notify`.
  var notifierNames: Set<String> = []

  private var issues: IssueList { context.issues }

  /// The monitor, or nil when any part of it has a problem (all of them reported).
  func read(_ node: ConfigNode, keyPath: String) -> MonitorConfiguration? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: Self.keys, expected: "a monitor (a mapping)",
        issues: issues)
    else { return nil }
    let before = issues.issues.count
    let name = readName(reader)
    let baseline = reader.required("baseline").flatMap {
      readBaseline($0, keyPath: reader.path("baseline"))
    }
    let target = reader.required("target", hint: "give files: or sqlite:, and timestamp_column:")
      .flatMap { TargetReader(context: context).read($0, keyPath: reader.path("target")) }
    let features = reader.value("features").map {
      self.readFeatures(
        $0, keyPath: reader.path("features"), timestampColumn: target?.timestampColumn)
    }
    let overrides = SettingsOverrides(reading: reader, allowFeatureThresholds: true)
    let settings = overrides.applied(to: defaults)
    let schedule = reader.required("schedule", hint: "at least window:, e.g. { window: 1h }")
      .flatMap { self.readSchedule($0, keyPath: reader.path("schedule")) }
    let onBadRow: BadRowPolicy = reader.choice("on_bad_row") ?? .fail
    let alerts = reader.value("alerts").flatMap {
      AlertRuleReader(
        issues: issues, notifierNames: notifierNames, monitorFeatures: features ?? FeatureFilter()
      ).read($0, keyPath: reader.path("alerts"))
    }
    checkFeatureThresholds(overrides, features: features ?? FeatureFilter())
    checkThresholdsExist(settings, at: node.position, keyPath: keyPath)
    checkCalibration(settings, reader: reader)
    guard issues.issues.count == before, let name, let baseline, let target, let schedule else {
      return nil
    }
    return MonitorConfiguration(
      name: name, baseline: baseline, target: target, features: features ?? FeatureFilter(),
      settings: settings, schedule: schedule, onBadRow: onBadRow, alerts: alerts ?? [])
  }

  private func readName(_ reader: MappingReader) -> String? {
    guard let name = reader.string("name", required: true, expected: "a monitor name") else {
      return nil
    }
    let allowed = name.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0))
    }
    guard allowed, name.first != "-" else {
      issues.add(
        // The name as written: a value from the environment is never shown.
        "'\(reader.value("name")?.displayText ?? name)' is not a valid monitor name",
        at: reader.value("name")?.position ?? reader.node.position,
        keyPath: reader.path("name"),
        hint: "use letters, digits, '.', '_' and '-', not starting with '-'")
      return nil
    }
    return name
  }

  private func readBaseline(_ node: ConfigNode, keyPath: String) -> BaselineSource? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: ["path", "format", "delimiter", "postgres"],
        issues: issues)
    else { return nil }
    if let postgres = reader.value("postgres") {
      return readPostgresBaseline(postgres, reader: reader)
    }
    guard let (path, pathNode) = reader.path("path", required: true) else { return nil }
    let explicitFormat: DataFormat? = reader.choice("format")
    let delimiter = TargetReader.delimiter(
      reader, format: explicitFormat ?? DataFormat.inferred(fromPath: path))
    if context.checkFiles,
      let problem = PathResolution.problemReading(
        path, shownAs: PathResolution.shown(path, writtenIn: pathNode))
    {
      issues.add("baseline file: \(problem)", at: pathNode.position, keyPath: reader.path("path"))
    }
    guard let format = explicitFormat ?? DataFormat.inferred(fromPath: path) else {
      if reader.value("format") == nil {
        issues.add(
          "cannot tell the format of '\(PathResolution.shown(path, writtenIn: pathNode))' from its extension",
          at: pathNode.position, keyPath: reader.path("path"),
          hint: "add format: csv or format: jsonl")
      }
      return nil
    }
    return BaselineSource(path: path, format: format, delimiter: delimiter)
  }

  /// `baseline: { postgres: ... }`, alone in `baseline:`.
  private func readPostgresBaseline(_ node: ConfigNode, reader: MappingReader) -> BaselineSource? {
    var alone = true
    for key in ["path", "format", "delimiter"] {
      guard let other = reader.value(key) else { continue }
      alone = false
      issues.add(
        "\(key): applies to a baseline file, not to postgres:", at: other.position,
        keyPath: reader.path(key), hint: "give either path: or postgres:")
    }
    let source = PostgresBaselineReader(context: context).read(
      node, keyPath: reader.path("postgres"))
    guard alone, let source else { return nil }
    return BaselineSource(postgres: source)
  }

  private func readFeatures(_ node: ConfigNode, keyPath: String, timestampColumn: String?)
    -> FeatureFilter
  {
    var filter = FeatureFilter()
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: ["include", "exclude", "types"], issues: issues)
    else { return filter }
    if let include = reader.stringList("include", expected: "a list of feature names") {
      filter.include = include.map(\.text)
      if include.isEmpty {
        issues.add(
          "include: lists no features", at: reader.value("include")?.position ?? node.position,
          keyPath: reader.path("include"), hint: "leave include: out to test every column")
      }
      for (index, item) in include.enumerated() where item.text == timestampColumn {
        issues.add(
          "'\(item.node.displayText)' is the timestamp column, not a feature",
          at: item.node.position,
          keyPath: "\(reader.path("include"))[\(index)]")
      }
    }
    let exclude = reader.stringList("exclude", expected: "a list of column names") ?? []
    filter.exclude = exclude.map(\.text)
    for (index, item) in exclude.enumerated() where filter.include?.contains(item.text) == true {
      issues.add(
        "'\(item.node.displayText)' is both included and excluded", at: item.node.position,
        keyPath: "\(reader.path("exclude"))[\(index)]")
    }
    if let types = reader.value("types"),
      let typesReader = MappingReader(
        types, keyPath: reader.path("types"), allowedKeys: nil,
        expected: "a mapping of feature names to numeric | categorical | boolean", issues: issues)
    {
      for entry in typesReader.keys {
        if let include = filter.include, !include.contains(entry.key) {
          issues.add(
            "'\(entry.key)' is not among the included features", at: entry.keyPosition,
            keyPath: typesReader.path(entry.key),
            hint: MappingReader.hint(for: entry.key, among: include))
          continue
        }
        let kind: ColumnKind? = typesReader.choice(entry.key)
        if kind == .timestamp {
          issues.add(
            "a feature cannot be a timestamp", at: entry.value.position,
            keyPath: typesReader.path(entry.key), hint: "use numeric, categorical or boolean")
        } else if let kind {
          filter.types[entry.key] = kind
        }
      }
    }
    return filter
  }

  private func readSchedule(_ node: ConfigNode, keyPath: String) -> Schedule? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: ["window", "delay", "min_rows", "catch_up"],
        issues: issues),
      let windowNode = reader.required("window", hint: "e.g. window: 1h"),
      let text = reader.text(
        of: windowNode, keyPath: reader.path("window"), expected: "a window size")
    else { return nil }
    let delay = reader.duration("delay", allowZero: true)
    let minRows = reader.integer("min_rows", minimum: 0)
    let catchUp = reader.integer("catch_up", minimum: 0)
    guard let window = WindowSize(text) else {
      issues.add(
        "'\(windowNode.displayText)' is not a window size", at: windowNode.position,
        keyPath: reader.path("window"),
        hint: "write a count and a unit: 15m, 1h, 1d, 1w or 1mo (calendar-aligned, UTC)")
      return nil
    }
    return Schedule(
      window: window, delay: delay ?? Schedule.defaultDelay,
      minRows: minRows ?? Schedule.defaultMinRows,
      catchUp: catchUp ?? Schedule.defaultCatchUp)
  }

  /// A per-feature threshold must name a feature the monitor tests (when `include:` says which).
  private func checkFeatureThresholds(_ overrides: SettingsOverrides, features: FeatureFilter) {
    for key in overrides.featureKeys {
      if features.exclude.contains(key.name) {
        issues.add(
          "threshold for '\(key.name)', which features.exclude leaves out", at: key.position,
          keyPath: key.keyPath)
      } else if let include = features.include, !include.contains(key.name) {
        issues.add(
          "'\(key.name)' is neither a test nor an included feature", at: key.position,
          keyPath: key.keyPath,
          hint: MappingReader.hint(
            for: key.name, among: include + DriftTest.allCases.map(\.rawValue)))
      }
    }
  }

  /// Calibrated thresholds need the chunk size: the daemon profiles the baseline (and calibrates
  /// it, once per baseline content) before it has seen any window, so the window's row count
  /// cannot be known then.
  private func checkCalibration(_ settings: DriftSettings, reader: MappingReader) {
    guard settings.calibration.isRequested, settings.calibration.chunkRows == nil else { return }
    issues.add(
      "calibrated thresholds need calibration.chunk_rows", at: reader.node.position,
      keyPath: reader.path("calibration.chunk_rows"),
      hint:
        "set it to the rows of a typical window (the baseline is calibrated once, before any "
        + "window is read), e.g. calibration: { chunk_rows: 500 }")
  }

  /// Every test that runs needs a threshold; only `wasserstein` (in the feature's units) has no
  /// default.
  private func checkThresholdsExist(
    _ settings: DriftSettings, at position: SourcePosition, keyPath: String
  ) {
    let tests = Set(settings.numericTests + settings.categoricalTests)
    for test in tests.sorted()
    where settings.thresholds[test] == nil && Threshold.defaultThreshold(for: test) == nil {
      let covered =
        settings.featureThresholds.values.contains { $0[test] != nil }
        || settings.calibration.covers(test)
      if !covered {
        issues.add(
          "'\(test.rawValue)' runs but has no threshold", at: position, keyPath: keyPath,
          hint:
            "it is in the feature's own units; set thresholds: { \(test.rawValue): { statistic: X } }"
        )
      }
    }
  }
}
