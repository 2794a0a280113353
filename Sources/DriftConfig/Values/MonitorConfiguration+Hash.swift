import Crypto
import DriftData
import DriftStats

extension MonitorConfiguration {
  /// One `key=value` line per effective setting, keys in a fixed order and dictionaries sorted,
  /// so equal settings render equally however the files were written. The name is left out: it
  /// identifies the monitor, it does not change its results.
  var canonicalRendering: String {
    var lines: [String] = []
    func add(_ key: String, _ value: String) { lines.append("\(key)=\(value)") }
    func quoted(_ text: String) -> String { String(reflecting: text) }
    func delimiter(_ byte: UInt8?) -> String { byte.map { String($0) } ?? "-" }

    add("baseline.path", quoted(baseline.path))
    add("baseline.format", baseline.format.rawValue)
    add("baseline.delimiter", delimiter(baseline.delimiter))
    // Only PostgreSQL baselines add a line, so the hashes of file monitors stay unchanged.
    if let postgres = baseline.postgres { add("baseline.postgres", postgres.canonicalRendering) }
    switch target.kind {
    case .files(let pattern, let format, let byte):
      add("target.files", quoted(pattern))
      add("target.format", format?.rawValue ?? "-")
      add("target.delimiter", delimiter(byte))
    case .sqlite(let path, let query):
      add("target.sqlite.path", quoted(path))
      add("target.sqlite.query", quoted(query))
    case .postgres(let source):
      add("target.postgres", source.canonicalRendering)
    }
    add("target.timestamp_column", quoted(target.timestampColumn))
    add("features.include", features.include.map { $0.map(quoted).joined(separator: ",") } ?? "*")
    add("features.exclude", features.exclude.sorted().map(quoted).joined(separator: ","))
    for (name, kind) in features.types.sorted(by: { $0.key < $1.key }) {
      add("features.types.\(quoted(name))", kind.rawValue)
    }
    add("tests.numeric", settings.numericTests.map(\.rawValue).joined(separator: ","))
    add("tests.categorical", settings.categoricalTests.map(\.rawValue).joined(separator: ","))
    // Effective thresholds of the tests that run: an explicit p-value threshold equal to the
    // default renders like no threshold at all.
    let running = Set(settings.numericTests + settings.categoricalTests).sorted()
    for test in running {
      let threshold = settings.thresholds[test] ?? Threshold.defaultThreshold(for: test)
      add("thresholds.\(test.rawValue)", render(threshold))
    }
    for (feature, tests) in settings.featureThresholds.sorted(by: { $0.key < $1.key }) {
      for (test, threshold) in tests.sorted(by: { $0.key < $1.key }) where running.contains(test) {
        add("thresholds.\(quoted(feature)).\(test.rawValue)", render(threshold))
      }
    }
    add("correction", settings.correction.rawValue)
    // Written only when set, so that every configuration hashed before the key existed keeps
    // its hash.
    if settings.family != .tests { add("family", settings.family.rawValue) }
    // The test weights when there are any: the default table is written (it changed the
    // verdicts, so the hash changes with it), `test_weights: equal` (none) writes nothing and
    // keeps the hash of a configuration from before weights existed.
    if !settings.testWeights.isEmpty {
      for (test, weight) in settings.testWeights.sorted(by: { $0.key < $1.key }) {
        add("test_weights.\(test.rawValue)", String(weight))
      }
    }
    add("min_effect", String(settings.minimumEffect))
    add("drift_share", String(settings.driftShare))
    let multivariate = settings.multivariate
    add("multivariate.enabled", String(multivariate.enabled))
    if multivariate.enabled {
      add("multivariate.max_rows", String(multivariate.maxRows))
      add("multivariate.seed", String(multivariate.seed))
      add("multivariate.variance", String(multivariate.varianceShare))
      add("multivariate.sigma", String(multivariate.sigma))
      add("multivariate.contributions", String(multivariate.contributions))
    }
    // Only monitors with calibrated thresholds render them, so older hashes stay unchanged.
    if let key = settings.calibrationProfileKey {
      add("calibration", key)
      add("calibration.sigma", String(settings.calibration.sigma))
      for (test, choice) in settings.calibration.perTest.sorted(by: { $0.key < $1.key }) {
        add("calibration.sigma.\(test.rawValue)", choice.sigma.map { String($0) } ?? "-")
      }
      for (feature, tests) in settings.calibration.perFeature.sorted(by: { $0.key < $1.key }) {
        for (test, choice) in tests.sorted(by: { $0.key < $1.key }) {
          add(
            "calibration.sigma.\(quoted(feature)).\(test.rawValue)",
            choice.sigma.map { String($0) } ?? "-")
        }
      }
    }
    add("schedule.window", schedule.window.description)
    add("schedule.delay", String(schedule.delay))
    add("schedule.min_rows", String(schedule.minRows))
    add("schedule.catch_up", String(schedule.catchUp))
    add("on_bad_row", onBadRow.rawValue)
    // Only monitors with alerts render them, so adding the feature left older hashes unchanged.
    for (index, rule) in alerts.enumerated() {
      add("alerts.\(index)", rule.canonicalRendering)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Hex SHA-256 of `text`'s UTF-8 bytes.
  static func hash(of text: String) -> String {
    Hex.string(SHA256.hash(data: Array(text.utf8)))
  }

  private func render(_ threshold: Threshold?) -> String {
    guard let threshold else { return "-" }
    let p = threshold.pValue.map { String($0) } ?? "-"
    let statistic = threshold.statistic.map { String($0) } ?? "-"
    // A default distance threshold also needs the distance beyond sampling noise; an explicit
    // one does not, so the two decide differently and must hash differently.
    let noise = threshold.beyondNoise.map { ";noise<\(String($0))" } ?? ""
    return "p<\(p);stat>\(statistic)\(noise)"
  }
}
