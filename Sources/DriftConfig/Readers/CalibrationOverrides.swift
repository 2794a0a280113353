import DriftStats

/// The `calibration:` key of one level (`defaults:` or a monitor): each sub-key set here
/// replaces the one inherited, key by key.
///
/// ```yaml
/// calibration: { tests: all, sigma: 3, chunk_rows: 500, max_chunks: 50 }
/// ```
struct CalibrationOverrides {
  /// The keys `calibration:` may hold.
  static let keys = ["tests", "sigma", "chunk_rows", "max_chunks"]

  var selection: CalibrationSettings.Selection?
  var sigma: Double?
  var chunkRows: Int?
  var maxChunks: Int?

  /// Nothing set.
  init() {}

  /// Reads `calibration:` of `parent`, if present.
  init(reading parent: MappingReader) {
    guard let node = parent.value("calibration"),
      let reader = MappingReader(
        node, keyPath: parent.path("calibration"), allowedKeys: Self.keys,
        expected: "a mapping with tests:, sigma:, chunk_rows:, max_chunks:", issues: parent.issues)
    else { return }
    if let tests = reader.value("tests") {
      selection = Self.selection(tests, keyPath: reader.path("tests"), issues: reader.issues)
    }
    sigma = Self.sigma(in: reader)
    chunkRows = reader.integer("chunk_rows", minimum: 1)
    maxChunks = reader.integer("max_chunks", minimum: CalibrationSettings.minimumChunks)
  }

  /// `settings` with what is set here replacing what it holds.
  func applied(to settings: CalibrationSettings) -> CalibrationSettings {
    var result = settings
    if let selection { result.selection = selection }
    if let sigma { result.sigma = sigma }
    if let chunkRows { result.chunkRows = chunkRows }
    if let maxChunks { result.maxChunks = maxChunks }
    return result
  }

  /// `sigma:` of `reader`: a number above 0.
  static func sigma(in reader: MappingReader) -> Double? {
    reader.number("sigma", limit: .calibrationSigma)
  }

  /// `tests: all`, `tests: none` or `tests: [psi, ks]`.
  private static func selection(_ node: ConfigNode, keyPath: String, issues: IssueList)
    -> CalibrationSettings.Selection?
  {
    if case .scalar(let scalar) = node.content {
      switch scalar.text {
      case "all": return .all
      case "none": return CalibrationSettings.Selection.none
      default:
        issues.add(
          "expected all, none or a list of tests, got '\(node.displayText)'", at: node.position,
          keyPath: keyPath, hint: MappingReader.hint(for: scalar.text, among: ["all", "none"]))
        return nil
      }
    }
    guard
      let names = MappingReader.stringList(
        node, keyPath: keyPath, expected: "all, none or a list of test names", issues: issues)
    else { return nil }
    var tests = [DriftTest]()
    let before = issues.issues.count
    for (index, (name, item)) in names.enumerated() {
      let itemPath = "\(keyPath)[\(index)]"
      guard
        let test = SettingsOverrides.testNamed(name, node: item, keyPath: itemPath, issues: issues)
      else { continue }
      guard test.canBeCalibrated else {
        issues.add(
          "'\(name)' cannot be calibrated", at: item.position, keyPath: itemPath,
          hint: uncalibratedHint)
        continue
      }
      tests.append(test)
    }
    return issues.issues.count == before ? .tests(tests) : nil
  }

  /// Why `mannwhitney` cannot be calibrated, and what to use instead.
  static let uncalibratedHint =
    "its U statistic grows with the baseline's size, so baseline chunks cannot calibrate it; "
    + "calibrate ks or wasserstein_norm instead"

  /// A threshold entry's `calibrated:` value: `true`, `false` or `{ sigma: K }`.
  static func calibrated(
    _ node: ConfigNode, test: DriftTest, keyPath: String, issues: IssueList
  ) -> CalibratedTest? {
    let choice: CalibratedTest?
    if case .scalar(let scalar) = node.content {
      switch scalar.text {
      case "true": choice = CalibratedTest(enabled: true)
      case "false": choice = CalibratedTest(enabled: false)
      default:
        issues.add(
          "expected true, false or { sigma: K }, got '\(node.displayText)'", at: node.position,
          keyPath: keyPath, hint: "calibrated: true derives the threshold from the baseline")
        return nil
      }
    } else {
      guard
        let reader = MappingReader(
          node, keyPath: keyPath, allowedKeys: ["sigma"],
          expected: "true, false or a mapping with sigma:", issues: issues)
      else { return nil }
      let before = issues.issues.count
      let sigma = Self.sigma(in: reader)
      guard issues.issues.count == before else { return nil }
      choice = CalibratedTest(enabled: true, sigma: sigma)
    }
    if choice?.enabled == true && !test.canBeCalibrated {
      issues.add(
        "'\(test.rawValue)' cannot be calibrated", at: node.position, keyPath: keyPath,
        hint: uncalibratedHint)
      return nil
    }
    return choice
  }
}
