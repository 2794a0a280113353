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
          + "dataset_drifted | no_data | failed (did you mean 'feature_drifted'?)"
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
          + "dataset_drifted, no_data, failed)",
        "8:19: monitors[0].alerts[0].severity: 'loud' is not one of info | warning | critical",
        "9:17: monitors[0].alerts[0].repeat: 'often' is not a positive duration (write a whole "
          + "number and a unit: 30s, 10m, 2h, 1d, 1w)",
        "10:24: monitors[0].alerts[0].send_resolved: expected true or false, got 'maybe'",
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
      ])
    #expect(config.notifierNames.isEmpty)
    #expect(config.monitors[0].configHash != plain.monitors[0].configHash)
    #expect(plain.monitors[0].alerts.isEmpty)
  }
}
