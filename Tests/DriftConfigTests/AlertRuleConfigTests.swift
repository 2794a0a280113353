import DriftConfig
import Testing

@Suite struct AlertRuleConfigTests {
  /// A valid monitor on lines 1-5; `extra` starts on line 6.
  static func config(_ extra: String) -> String {
    """
    monitors:
      - name: m
        baseline: { path: /b.csv }
        target: { files: /t/*.csv, timestamp_column: ts }
        schedule: { window: 1h }
    \(extra)

    """
  }

  static let cases: [InvalidCase] = [
    InvalidCase(
      name: "unknown condition",
      yaml: config("    alerts:\n      - name: a\n        when: feature_drifts"),
      expected: [
        "8:15: monitors[0].alerts[0].when: 'feature_drifts' is not one of feature_drifted | "
          + "dataset_drifted | no_data | failed | reconstruction_drifted | magnitude_above "
          + "(did you mean 'feature_drifted'?)"
      ]),
    InvalidCase(
      name: "unknown notifier",
      yaml: config("    alerts:\n      - name: a\n        when: failed\n        notify: [ops]"),
      expected: [
        "9:18: monitors[0].alerts[0].notify[0]: no notifier 'ops' (define it under the "
          + "top-level notifiers: section)"
      ]),
    InvalidCase(
      name: "duplicate rule name",
      yaml: config(
        "    alerts:\n      - { name: a, when: failed }\n      - { name: a, when: no_data }"),
      expected: [
        "8:17: monitors[0].alerts[1].name: duplicate alert name 'a' (first at 7:17) (alert "
          + "names must be unique within a monitor)"
      ]),
    InvalidCase(
      name: "excluded feature",
      yaml: config(
        "    features: { exclude: [id] }\n    alerts:\n      - name: a\n"
          + "        when: feature_drifted\n        features: [id]"),
      expected: [
        "10:20: monitors[0].alerts[0].features[0]: 'id' is excluded from this monitor "
          + "(features.exclude)"
      ]),
    InvalidCase(
      name: "share without dataset_drifted, for below 1",
      yaml: config(
        "    alerts:\n      - name: a\n        when: failed\n        share: 0.3\n        for: 0"),
      expected: [
        "9:16: monitors[0].alerts[0].share: share: only applies to when: dataset_drifted",
        "10:14: monitors[0].alerts[0].for: must be at least 1, got 0",
      ]),
    InvalidCase(
      name: "missing when, bad severity and repeat",
      yaml: config(
        "    alerts:\n      - name: a\n        severity: loud\n        repeat: often\n"
          + "        send_resolved: maybe"),
      expected: [
        "7:9: monitors[0].alerts[0]: missing required key 'when' (one of feature_drifted, "
          + "dataset_drifted, no_data, failed, reconstruction_drifted, magnitude_above)",
        "8:19: monitors[0].alerts[0].severity: 'loud' is not one of info | warning | critical",
        "9:17: monitors[0].alerts[0].repeat: 'often' is not a positive duration (write a whole "
          + "number and a unit: 30s, 10m, 2h, 1d, 1w)",
        "10:24: monitors[0].alerts[0].send_resolved: expected true or false, got 'maybe'",
      ]),
    InvalidCase(
      name: "magnitude_above out of range",
      yaml: config(
        "    alerts:\n      - name: a\n        when: { magnitude_above: 0 }\n"
          + "      - name: b\n        when: { magnitude_above: 150 }\n"
          + "      - name: c\n        when:\n          magnitude_above: -5"),
      expected: [
        "8:34: monitors[0].alerts[0].when.magnitude_above: must be a percentage in (0, 100], "
          + "got 0",
        "10:34: monitors[0].alerts[1].when.magnitude_above: must be a percentage in (0, 100], "
          + "got 150",
        "13:28: monitors[0].alerts[2].when.magnitude_above: must be a percentage in (0, 100], "
          + "got -5 (negative numbers are never valid here)",
      ]),
    InvalidCase(
      name: "magnitude_above misspelt, without value, not a number",
      yaml: config(
        "    alerts:\n      - name: a\n        when: { magnitude_abov: 30 }\n"
          + "      - name: b\n        when: magnitude_above\n"
          + "      - name: c\n        when: { magnitude_above: high }"),
      expected: [
        "8:17: monitors[0].alerts[0].when.magnitude_abov: 'magnitude_abov' is not a condition "
          + "with a value (did you mean 'magnitude_above'?)",
        "10:15: monitors[0].alerts[1].when: magnitude_above needs a percentage (write when: "
          + "{ magnitude_above: 30 } to fire above 30 %)",
        "12:34: monitors[0].alerts[2].when.magnitude_above: expected a number, got 'high'",
      ]),
    InvalidCase(
      name: "condition without value written as a mapping, two conditions, stray keys",
      yaml: config(
        "    alerts:\n      - name: a\n        when: { feature_drifted: 1 }\n"
          + "      - name: b\n        when: { magnitude_above: 30, reconstruction_drifted: 1 }\n"
          + "      - name: c\n        when: reconstruction_drifted\n        share: 0.5\n"
          + "        features: [age]"),
      expected: [
        "8:17: monitors[0].alerts[0].when.feature_drifted: feature_drifted takes no value "
          + "(write when: feature_drifted)",
        "10:38: monitors[0].alerts[1].when.reconstruction_drifted: a rule has one condition, "
          + "got 2 (write one rule per condition)",
        "13:16: monitors[0].alerts[2].share: share: only applies to when: dataset_drifted",
        "14:19: monitors[0].alerts[2].features: features: only applies to when: feature_drifted",
      ]),
  ]

  @Test(arguments: cases)
  func reportsIssueWithPosition(_ invalid: InvalidCase) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let file = try dir.write("driftwatch.yaml", invalid.yaml)
    let error = try #require(throws: ConfigError.self) {
      try ConfigLoader.load(path: file, environment: [:], checkFiles: false)
    }
    let found = error.issues.map { String($0.description.dropFirst(file.count + 1)) }
    #expect(found == invalid.expected)
  }

  @Test func rulesParseWithDefaultsAndEnterTheHash() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let plain = try ConfigLoader.load(
      path: dir.write("plain.yaml", Self.config("")), environment: [:], checkFiles: false)
    let yaml = Self.config(
      """
          alerts:
            - name: drift
              when: feature_drifted
              features: [income]
              for: 2
              severity: critical
              repeat: 24h
              send_resolved: false
            - { name: share, when: dataset_drifted, share: 0.3 }
            - { name: quiet, when: no_data }
            - name: magnitude
              when: { magnitude_above: 30 }
              for: 2
            - { name: pca, when: reconstruction_drifted }
      """)
    let config = try ConfigLoader.load(
      path: dir.write("alerts.yaml", yaml), environment: [:], checkFiles: false)
    let rules = config.monitors[0].alerts
    #expect(
      rules == [
        AlertRule(
          name: "drift", condition: .featureDrifted, features: ["income"], forWindows: 2,
          severity: .critical, repeatInterval: 86_400, sendResolved: false),
        AlertRule(name: "share", condition: .datasetDrifted(share: 0.3)),
        AlertRule(name: "quiet", condition: .noData),
        AlertRule(name: "magnitude", condition: .magnitudeAbove(30), forWindows: 2),
        AlertRule(name: "pca", condition: .reconstructionDrifted),
      ])
    #expect(config.notifierNames.isEmpty)
    #expect(config.monitors[0].configHash != plain.monitors[0].configHash)
    #expect(plain.monitors[0].alerts.isEmpty)
  }

  /// The percentage of `magnitude_above` is part of the monitor's configuration hash.
  @Test func magnitudeThresholdEntersTheHash() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    func hash(_ when: String) throws -> String {
      let yaml = Self.config("    alerts:\n      - { name: m, when: \(when) }")
      return try ConfigLoader.load(
        path: dir.write("h.yaml", yaml), environment: [:], checkFiles: false
      ).monitors[0].configHash
    }
    let thirty = try hash("{ magnitude_above: 30 }")
    #expect(thirty == (try hash("{ magnitude_above: 30.0 }")))
    #expect(thirty != (try hash("{ magnitude_above: 50 }")))
    #expect(thirty != (try hash("reconstruction_drifted")))
  }
}
