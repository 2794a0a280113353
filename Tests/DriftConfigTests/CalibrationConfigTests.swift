import DriftConfig
import DriftStats
import Testing

/// A monitor (its mapping at line 2 column 5, or after the `defaults:` lines) followed by
/// `extra` lines (line 6 without defaults).
private func config(defaults: String = "", extra: String) -> String {
  let head = defaults.isEmpty ? "" : "defaults:\n" + defaults + "\n"
  return head + """
    monitors:
      - name: m
        baseline: { path: /b.csv }
        target: { files: /t/*.csv, timestamp_column: ts }
        schedule: { window: 1h }

    """ + extra + "\n"
}

@Suite struct CalibrationConfigTests {
  static func load(_ yaml: String) throws -> MonitorConfiguration {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try dir.write("driftwatch.yaml", yaml)
    let loaded = try ConfigLoader.load(path: file, environment: [:], checkFiles: false)
    return try #require(loaded.monitors.first)
  }

  static func issues(_ yaml: String) throws -> [String] {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try dir.write("driftwatch.yaml", yaml)
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: file, environment: [:], checkFiles: false)
    }
    return error.issues.map { String($0.description.dropFirst(file.count + 1)) }
  }

  @Test func monitorWideAndPerTestSettingsMergeKeyByKey() throws {
    let monitor = try Self.load(
      config(
        defaults: """
            calibration: { tests: all, sigma: 2.5, max_chunks: 30 }
            thresholds: { psi: { calibrated: true }, ks: { p_value: 0.001 } }
          """,
        extra: """
              calibration: { chunk_rows: 500 }
              thresholds:
                jensenshannon: { calibrated: { sigma: 4 }, statistic: 0.15 }
                income: { psi: { statistic: 0.1 }, ks: { calibrated: false } }
          """))
    let calibration = monitor.settings.calibration
    #expect(calibration.selection == .all)
    #expect(calibration.sigma == 2.5 && calibration.maxChunks == 30 && calibration.chunkRows == 500)
    #expect(calibration.perTest[.psi] == CalibratedTest(enabled: true))
    #expect(calibration.perTest[.jensenshannon] == CalibratedTest(enabled: true, sigma: 4))
    // The fixed threshold next to calibrated: is the fallback.
    #expect(monitor.settings.thresholds[.jensenshannon] == Threshold(statistic: 0.15))
    #expect(monitor.settings.calibrationSigma(for: .jensenshannon, feature: "zip") == 4)
    #expect(monitor.settings.calibrationSigma(for: .psi, feature: "age") == 2.5)
    #expect(monitor.settings.calibrationSigma(for: .psi, feature: "income") == nil)
    #expect(monitor.settings.calibrationSigma(for: .ks, feature: "income") == nil)
    #expect(monitor.settings.calibrationSigma(for: .ks, feature: "age") == 2.5)
  }

  @Test func aMonitorEntryReplacesTheInheritedOneAsAWhole() throws {
    let monitor = try Self.load(
      config(
        defaults: "  thresholds: { psi: { calibrated: true } }\n  calibration: { chunk_rows: 100 }",
        extra: "    thresholds: { psi: { statistic: 0.3 } }"))
    #expect(monitor.settings.calibration.perTest[.psi] == nil)
    #expect(!monitor.settings.calibration.isRequested)
    #expect(monitor.settings.thresholds[.psi] == Threshold(statistic: 0.3))
  }

  @Test func calibrationIsPartOfTheConfigHash() throws {
    let plain = try Self.load(config(extra: ""))
    let calibrated = try Self.load(
      config(extra: "    calibration: { tests: [psi], chunk_rows: 500 }"))
    let wider = try Self.load(
      config(extra: "    calibration: { tests: [psi], chunk_rows: 500, sigma: 4 }"))
    let bigger = try Self.load(
      config(extra: "    calibration: { tests: [psi], chunk_rows: 800 }"))
    let hashes = Set([plain, calibrated, wider, bigger].map(\.configHash))
    #expect(hashes.count == 4)
    // Only the chunking shapes the stored chunk statistics; sigma applies when deciding.
    #expect(calibrated.settings.calibrationProfileKey == wider.settings.calibrationProfileKey)
    #expect(calibrated.settings.calibrationProfileKey != bigger.settings.calibrationProfileKey)
    #expect(plain.settings.calibrationProfileKey == nil)
  }

  static let invalid: [InvalidCase] = [
    InvalidCase(
      name: "calibration keys and values",
      yaml: config(extra: "    calibration: { tests: al, chunk_rows: 0, sigmaa: 3 }"),
      expected: [
        "6:27: monitors[0].calibration.tests: expected all, none or a list of tests, got 'al' "
          + "(did you mean 'all'?)",
        "6:43: monitors[0].calibration.chunk_rows: must be at least 1, got 0",
        "6:46: monitors[0].calibration.sigmaa: unknown key 'sigmaa' (did you mean 'sigma'?)",
      ]),
    InvalidCase(
      name: "calibrated value",
      yaml: config(extra: "    thresholds: { psi: { calibrated: yes } }"),
      expected: [
        "6:38: monitors[0].thresholds.psi.calibrated: expected true, false or { sigma: K }, got "
          + "'yes' (calibrated: true derives the threshold from the baseline)"
      ]),
    InvalidCase(
      name: "calibrated sigma",
      yaml: config(extra: "    thresholds: { psi: { calibrated: { sigm: 2, sigma: 0 } } }"),
      expected: [
        "6:40: monitors[0].thresholds.psi.calibrated.sigm: unknown key 'sigm' "
          + "(did you mean 'sigma'?)",
        "6:56: monitors[0].thresholds.psi.calibrated.sigma: must be in (0, 100] (standard "
          + "deviations from the mean), got 0",
      ]),
    InvalidCase(
      name: "mannwhitney cannot be calibrated",
      yaml: config(
        extra:
          "    calibration: { chunk_rows: 100 }\n    thresholds: { mannwhitney: { calibrated: true } }"
      ),
      expected: [
        "7:46: monitors[0].thresholds.mannwhitney.calibrated: 'mannwhitney' cannot be calibrated "
          + "(\(uncalibrated))"
      ]),
    InvalidCase(
      name: "calibration tests in defaults",
      yaml: config(defaults: "  calibration: { tests: [mannwhitney, kss] }", extra: ""),
      expected: [
        "2:26: defaults.calibration.tests[0]: 'mannwhitney' cannot be calibrated "
          + "(\(uncalibrated))",
        "2:39: defaults.calibration.tests[1]: unknown test 'kss' (did you mean 'ks'?)",
      ]),
    InvalidCase(
      name: "chunk_rows is required",
      yaml: config(defaults: "  calibration: { tests: all }", extra: ""),
      expected: [
        "4:5: monitors[0].calibration.chunk_rows: calibrated thresholds need "
          + "calibration.chunk_rows (set it to the rows of a typical window (the baseline is "
          + "calibrated once, before any window is read), e.g. calibration: { chunk_rows: 500 })"
      ]),
  ]

  static let uncalibrated =
    "its U statistic grows with the baseline's size, so baseline chunks cannot calibrate it; "
    + "calibrate ks or wasserstein_norm instead"

  @Test(arguments: invalid)
  func invalidCalibrationNamesPositionAndKeyPath(_ invalid: InvalidCase) throws {
    let found = try Self.issues(invalid.yaml)
    #expect(found == invalid.expected, "\(found)")
  }
}
