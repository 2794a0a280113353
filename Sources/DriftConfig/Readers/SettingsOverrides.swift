import DriftStats

/// The drift settings one level of the configuration sets (`defaults:` or one monitor); nil and
/// empty mean "not set here".
struct SettingsOverrides {
  /// The keys that hold settings, in `defaults:` and in each monitor.
  static let keys = [
    "tests", "thresholds", "correction", "family", "min_effect", "drift_share", "multivariate",
    "calibration", "test_weights",
  ]
  /// The keys of `multivariate:`.
  static let multivariateKeys = [
    "enabled", "max_rows", "seed", "variance", "sigma", "contributions",
  ]

  var numericTests: [DriftTest]?
  var categoricalTests: [DriftTest]?
  var thresholds: [DriftTest: Threshold] = [:]
  var featureThresholds: [String: [DriftTest: Threshold]] = [:]
  /// Where each per-feature threshold was written, to check it names a monitored feature.
  var featureKeys: [(name: String, position: SourcePosition, keyPath: String)] = []
  var correction: MultipleTesting.Correction?
  var family: WindowFamily?
  /// `test_weights:`, test by test; each replaces the inherited weight of its test.
  var testWeights: [DriftTest: Double] = [:]
  /// `test_weights: equal`: every member weighs 1 (the plain correction), before `testWeights`.
  var equalTestWeights = false
  var minimumEffect: Double?
  var driftShare: Double?
  /// `multivariate:` keys set here; each replaces the inherited value on its own.
  var multivariateEnabled: Bool?
  var multivariateMaxRows: Int?
  var multivariateSeed: UInt64?
  var multivariateVariance: Double?
  var multivariateSigma: Double?
  var multivariateContributions: Bool?
  /// `calibration:`, key by key.
  var calibration = CalibrationOverrides()
  /// Tests given a monitor-wide `thresholds:` entry here: the entry replaces the inherited fixed
  /// threshold and calibration choice of the test as a whole.
  var thresholdTests: Set<DriftTest> = []
  /// Monitor-wide `calibrated:` choices.
  var calibratedTests: [DriftTest: CalibratedTest] = [:]
  /// Per-feature `calibrated:` choices.
  var featureCalibrated: [String: [DriftTest: CalibratedTest]] = [:]

  /// Nothing set.
  init() {}

  /// Reads the settings keys of `reader`'s mapping.
  ///
  /// - Parameters:
  ///   - reader: The `defaults:` mapping or a monitor's.
  ///   - allowFeatureThresholds: Whether `thresholds:` may hold feature names (monitors only).
  init(reading reader: MappingReader, allowFeatureThresholds: Bool) {
    if let tests = reader.value("tests"),
      let testsReader = MappingReader(
        tests, keyPath: reader.path("tests"), allowedKeys: ["numeric", "categorical"],
        expected: "a mapping with numeric: and categorical: lists", issues: reader.issues)
    {
      numericTests = Self.tests(in: testsReader, key: "numeric")
      categoricalTests = Self.tests(in: testsReader, key: "categorical")
    }
    if let node = reader.value("thresholds") {
      readThresholds(
        node, keyPath: reader.path("thresholds"), allowFeatures: allowFeatureThresholds,
        issues: reader.issues)
    }
    correction = reader.choice("correction")
    family = reader.choice("family")
    if let node = reader.value("test_weights") {
      readTestWeights(node, keyPath: reader.path("test_weights"), issues: reader.issues)
    }
    minimumEffect = reader.number("min_effect", limit: .minimumEffect)
    driftShare = reader.number("drift_share", limit: .driftShare)
    if let node = reader.value("multivariate"),
      let multivariate = MappingReader(
        node, keyPath: reader.path("multivariate"), allowedKeys: Self.multivariateKeys,
        expected: "a mapping with enabled:, max_rows:, seed:, variance:, sigma:, contributions:",
        issues: reader.issues)
    {
      readMultivariate(multivariate)
    }
    calibration = CalibrationOverrides(reading: reader)
  }

  /// Reads `test_weights:`, a mapping of test names to positive weights, or `equal`.
  private mutating func readTestWeights(_ node: ConfigNode, keyPath: String, issues: IssueList) {
    if case .scalar(let scalar) = node.content, scalar.text == "equal" {
      equalTestWeights = true
      return
    }
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: nil,
        expected: "a mapping of test names to weights (e.g. welch_t: 2) or equal", issues: issues)
    else { return }
    for entry in reader.keys {
      guard let test = DriftTest(rawValue: entry.key) else {
        issues.add(
          "unknown test '\(entry.key)'", at: entry.keyPosition, keyPath: reader.path(entry.key),
          hint: MappingReader.hint(for: entry.key, among: DriftTest.allCases.map(\.rawValue)))
        continue
      }
      if let weight = reader.number(entry.key, limit: .testWeight) { testWeights[test] = weight }
    }
  }

  /// Reads the keys of `multivariate:`.
  private mutating func readMultivariate(_ reader: MappingReader) {
    multivariateEnabled = reader.bool("enabled")
    multivariateMaxRows = reader.integer("max_rows", minimum: MultivariateSettings.minimumRows)
    multivariateSeed = reader.integer("seed", minimum: 0).map { UInt64($0) }
    multivariateVariance = reader.number("variance", limit: .multivariateVariance)
    multivariateSigma = reader.number("sigma", limit: .multivariateSigma)
    multivariateContributions = reader.bool("contributions")
  }

  /// `settings` with everything set here replacing what it holds; thresholds replace per test.
  func applied(to settings: DriftSettings) -> DriftSettings {
    var result = settings
    if let numericTests { result.numericTests = numericTests }
    if let categoricalTests { result.categoricalTests = categoricalTests }
    for test in thresholdTests {
      result.thresholds[test] = thresholds[test]
      result.calibration.perTest[test] = calibratedTests[test]
    }
    for (feature, tests) in featureThresholds {
      result.featureThresholds[feature, default: [:]].merge(tests) { _, new in new }
    }
    for (feature, tests) in featureCalibrated {
      result.calibration.perFeature[feature, default: [:]].merge(tests) { _, new in new }
    }
    result.calibration = calibration.applied(to: result.calibration)
    if let correction { result.correction = correction }
    if let family { result.family = family }
    if equalTestWeights { result.testWeights = [:] }
    if !testWeights.isEmpty {
      // Merged over the weights already set (the default table, or a monitor's over its
      // defaults'); unnamed tests keep the weight they had.
      result.testWeights.merge(testWeights) { _, new in new }
    }
    if let minimumEffect { result.minimumEffect = minimumEffect }
    if let driftShare { result.driftShare = driftShare }
    if let multivariateEnabled { result.multivariate.enabled = multivariateEnabled }
    if let multivariateMaxRows { result.multivariate.maxRows = multivariateMaxRows }
    if let multivariateSeed { result.multivariate.seed = multivariateSeed }
    if let multivariateVariance { result.multivariate.varianceShare = multivariateVariance }
    if let multivariateSigma { result.multivariate.sigma = multivariateSigma }
    if let multivariateContributions {
      result.multivariate.contributions = multivariateContributions
    }
    return result
  }

  /// The tests listed under `tests.numeric` or `tests.categorical`, each checked to apply there.
  private static func tests(in reader: MappingReader, key: String) -> [DriftTest]? {
    guard
      let names = reader.stringList(key, expected: "a list of test names")
    else { return nil }
    let numeric = key == "numeric"
    var tests: [DriftTest] = []
    for (index, (name, node)) in names.enumerated() {
      let keyPath = "\(reader.path(key))[\(index)]"
      guard let test = testNamed(name, node: node, keyPath: keyPath, issues: reader.issues) else {
        continue
      }
      let applies = numeric ? test.appliesToNumeric : test.appliesToCategorical
      guard applies else {
        reader.issues.add(
          "'\(name)' does not apply to \(key) features", at: node.position, keyPath: keyPath,
          hint: numeric
            ? "it compares category frequencies; list it under categorical"
            : "it compares numeric distributions; list it under numeric")
        continue
      }
      tests.append(test)
    }
    return tests
  }

  /// The test with the identifier `name`, or nil after reporting an unknown name.
  static func testNamed(_ name: String, node: ConfigNode, keyPath: String, issues: IssueList)
    -> DriftTest?
  {
    if let test = DriftTest(rawValue: name) { return test }
    issues.add(
      "unknown test '\(node.displayText)'", at: node.position, keyPath: keyPath,
      hint: MappingReader.hint(for: name, among: DriftTest.allCases.map(\.rawValue)))
    return nil
  }

  /// Reads `thresholds:`: test ids map to thresholds; other keys (monitors only) to features.
  private mutating func readThresholds(
    _ node: ConfigNode, keyPath: String, allowFeatures: Bool, issues: IssueList
  ) {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: nil, expected: "a mapping of tests to thresholds",
        issues: issues)
    else { return }
    let testNames = DriftTest.allCases.map(\.rawValue)
    for entry in reader.keys {
      let entryPath = reader.path(entry.key)
      if let test = DriftTest(rawValue: entry.key) {
        if let parsed = Self.threshold(
          entry.value, test: test, keyPath: entryPath, issues: issues)
        {
          thresholdTests.insert(test)
          thresholds[test] = parsed.fixed
          calibratedTests[test] = parsed.calibrated
        }
        continue
      }
      let looksLikeThreshold =
        entry.value["p_value"] != nil || entry.value["statistic"] != nil
        || entry.value["calibrated"] != nil
      guard allowFeatures, !looksLikeThreshold else {
        issues.add(
          "unknown test '\(entry.key)'", at: entry.keyPosition, keyPath: entryPath,
          hint: allowFeatures || Suggestion.closest(to: entry.key, among: testNames) != nil
            ? MappingReader.hint(for: entry.key, among: testNames)
            : "only a monitor's thresholds may name features")
        continue
      }
      guard
        let featureReader = MappingReader(
          entry.value, keyPath: entryPath, allowedKeys: nil,
          expected: "a mapping of tests to thresholds for feature '\(entry.key)'", issues: issues)
      else { continue }
      featureKeys.append((entry.key, entry.keyPosition, entryPath))
      var perTest: [DriftTest: Threshold] = [:]
      var perTestCalibrated: [DriftTest: CalibratedTest] = [:]
      for testEntry in featureReader.keys {
        let testPath = featureReader.path(testEntry.key)
        guard DriftTest(rawValue: testEntry.key) != nil else {
          issues.add(
            "unknown test '\(testEntry.key)'", at: testEntry.keyPosition, keyPath: testPath,
            hint: MappingReader.hint(for: testEntry.key, among: testNames))
          continue
        }
        if let test = DriftTest(rawValue: testEntry.key),
          let parsed = Self.threshold(
            testEntry.value, test: test, keyPath: testPath, issues: issues)
        {
          perTest[test] = parsed.fixed
          perTestCalibrated[test] = parsed.calibrated
        }
      }
      featureThresholds[entry.key] = perTest
      if !perTestCalibrated.isEmpty { featureCalibrated[entry.key] = perTestCalibrated }
    }
  }

  /// One test's `{ p_value:, statistic:, calibrated: }`: the fixed threshold (also the fallback
  /// of a calibrated one) and the calibration choice; nil after reporting a problem.
  private static func threshold(
    _ node: ConfigNode, test: DriftTest, keyPath: String, issues: IssueList
  ) -> (fixed: Threshold?, calibrated: CalibratedTest?)? {
    guard
      let reader = MappingReader(
        node, keyPath: keyPath, allowedKeys: ["p_value", "statistic", "calibrated"],
        expected: "a mapping with p_value:, statistic: and/or calibrated:", issues: issues)
    else { return nil }
    var calibrated: CalibratedTest?
    if let calibratedNode = reader.value("calibrated") {
      let before = issues.issues.count
      calibrated = CalibrationOverrides.calibrated(
        calibratedNode, test: test, keyPath: reader.path("calibrated"), issues: issues)
      guard issues.issues.count == before else { return nil }
      if reader.value("p_value") == nil && reader.value("statistic") == nil {
        return (nil, calibrated)
      }
    }
    if reader.value("p_value") == nil && reader.value("statistic") == nil {
      issues.add(
        "a threshold needs p_value, statistic, calibrated or a mix", at: node.position,
        keyPath: keyPath,
        hint: "drift when p < p_value or the statistic > statistic; calibrated: true derives "
          + "the threshold from the baseline")
      return nil
    }
    if let pNode = reader.value("p_value"), !test.hasPValue {
      issues.add(
        "'\(test.rawValue)' is a distance and has no p-value", at: pNode.position,
        keyPath: reader.path("p_value"), hint: "use statistic: instead")
      return nil
    }
    let pValue = reader.number("p_value", limit: .pValue)
    let statistic = reader.number("statistic", limit: .statistic)
    guard pValue != nil || statistic != nil else { return nil }
    return (Threshold(pValue: pValue, statistic: statistic), calibrated)
  }
}
