extension DriftSettings {
  /// Everything that decides which chunk statistics a ``BaselineCalibration`` holds, as one
  /// line of text: `nil` when no test is calibrated. The band's width (`sigma`) is left out: it
  /// is applied when a window is decided, so changing it reuses the stored statistics.
  ///
  /// A cache of profiles keys each profile by the baseline's content plus this text.
  public var calibrationProfileKey: String? {
    guard calibration.isRequested else { return nil }
    var parts = [
      "numeric=" + numericTests.map(\.rawValue).joined(separator: ","),
      "categorical=" + categoricalTests.map(\.rawValue).joined(separator: ","),
      "tests=" + calibration.selection.rendering,
      "chunk_rows=" + (calibration.chunkRows.map { String($0) } ?? "-"),
      "max_chunks=\(calibration.maxChunks)",
    ]
    for (test, choice) in calibration.perTest.sorted(by: { $0.key < $1.key }) {
      parts.append("\(test.rawValue)=\(choice.enabled)")
    }
    for (feature, tests) in calibration.perFeature.sorted(by: { $0.key < $1.key }) {
      for (test, choice) in tests.sorted(by: { $0.key < $1.key }) {
        parts.append("\(String(reflecting: feature)).\(test.rawValue)=\(choice.enabled)")
      }
    }
    // A fixed per-feature threshold keeps that feature's test uncalibrated.
    for (feature, tests) in featureThresholds.sorted(by: { $0.key < $1.key }) {
      for test in tests.keys.sorted() {
        parts.append("\(String(reflecting: feature)).\(test.rawValue)=fixed")
      }
    }
    return parts.joined(separator: ";")
  }
}

extension CalibrationSettings.Selection {
  /// `none`, `all` or the tests, comma-separated.
  public var rendering: String {
    switch self {
    case .none: "none"
    case .all: "all"
    case .tests(let tests): "[" + tests.map(\.rawValue).joined(separator: ",") + "]"
    }
  }
}
