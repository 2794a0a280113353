import DriftConfig
import Testing

/// One invalid configuration and the issues it must produce, as `line:column: keyPath: message
/// (hint)` (the description without the file name).
struct InvalidCase: Sendable, CustomTestStringConvertible {
  let name: String
  let yaml: String
  let expected: [String]
  var testDescription: String { name }
}

/// A valid monitor whose lines the cases replace: `name` on line 2, column 5.
private func monitor(
  name: String = "    name: m",
  baseline: String = "    baseline: { path: /b.csv }",
  target: String = "    target: { files: /t/*.csv, timestamp_column: ts }",
  schedule: String = "    schedule: { window: 1h }",
  extra: String = ""
) -> String {
  let lines = ["monitors:", "  -" + name.dropFirst(3), baseline, target, schedule, extra]
  return lines.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
}

@Suite struct ConfigIssueTests {
  static let cases: [InvalidCase] = [
    InvalidCase(
      name: "unknown section", yaml: "monitor: []\n",
      expected: ["1:1: monitor: unknown section 'monitor' (did you mean 'monitors'?)"]),
    InvalidCase(
      name: "unknown monitor key", yaml: monitor(schedule: "    shedule: { window: 1h }"),
      expected: [
        "2:5: monitors[0]: missing required key 'schedule' (at least window:, e.g. { window: 1h })",
        "5:5: monitors[0].shedule: unknown key 'shedule' (did you mean 'schedule'?)",
      ]),
    InvalidCase(
      name: "tests of the wrong type", yaml: monitor(extra: "    tests: { numeric: { ks: 1 } }"),
      expected: [
        "6:23: monitors[0].tests.numeric: expected a list of test names, got a mapping"
      ]),
    InvalidCase(
      name: "bad window size", yaml: monitor(schedule: "    schedule: { window: 2x }"),
      expected: [
        "5:25: monitors[0].schedule.window: '2x' is not a window size (write a count and a unit: "
          + "15m, 1h, 1d, 1w or 1mo (calendar-aligned, UTC))"
      ]),
    InvalidCase(
      name: "bad duration",
      yaml: monitor(schedule: "    schedule: { window: 1h, delay: 10 minutes }"),
      expected: [
        "5:36: monitors[0].schedule.delay: '10 minutes' is not a duration (write a whole number "
          + "and a unit: 30s, 10m, 2h, 1d, 1w)"
      ]),
    InvalidCase(
      name: "unknown test", yaml: monitor(extra: "    tests: { numeric: [ks, kss] }"),
      expected: ["6:28: monitors[0].tests.numeric[1]: unknown test 'kss' (did you mean 'ks'?)"]),
    InvalidCase(
      name: "test under the wrong feature type",
      yaml: monitor(extra: "    tests: { numeric: [chisquare], categorical: [ks] }"),
      expected: [
        "6:24: monitors[0].tests.numeric[0]: 'chisquare' does not apply to numeric features "
          + "(it compares category frequencies; list it under categorical)",
        "6:50: monitors[0].tests.categorical[0]: 'ks' does not apply to categorical features "
          + "(it compares numeric distributions; list it under numeric)",
      ]),
    InvalidCase(
      name: "p_value outside (0, 1)",
      yaml: monitor(extra: "    thresholds: { ks: { p_value: 1.5 } }"),
      expected: ["6:34: monitors[0].thresholds.ks.p_value: must be in (0, 1), got 1.5"]),
    InvalidCase(
      name: "p_value for a distance",
      yaml: monitor(extra: "    thresholds: { psi: { p_value: 0.1 } }"),
      expected: [
        "6:35: monitors[0].thresholds.psi.p_value: 'psi' is a distance and has no p-value "
          + "(use statistic: instead)"
      ]),
    InvalidCase(
      name: "negative numbers",
      yaml: monitor(
        schedule: "    schedule: { window: 1h, min_rows: -5 }",
        extra: "    thresholds: { psi: { statistic: -0.2 } }"),
      expected: [
        "5:39: monitors[0].schedule.min_rows: must be at least 0, got -5",
        "6:37: monitors[0].thresholds.psi.statistic: must be at least 0, got -0.2 "
          + "(negative numbers are never valid here)",
      ]),
    InvalidCase(
      name: "duplicate monitor names",
      yaml: monitor() + "  - name: m\n    baseline: { path: /c.csv }\n"
        + "    target: { files: /t/*.csv, timestamp_column: ts }\n    schedule: { window: 1d }\n",
      expected: [
        "6:11: monitors[1].name: duplicate monitor name 'm' (first at FILE:2:11) "
          + "(monitor names must be unique)"
      ]),
    InvalidCase(
      name: "duplicate keys", yaml: monitor(extra: "    name: n"),
      expected: [
        "2:5: duplicate key 'name' in one mapping (give each key once; nothing else in this file "
          + "was checked)"
      ]),
    InvalidCase(
      name: "missing baseline path", yaml: monitor(baseline: "    baseline: { format: csv }"),
      expected: ["3:15: monitors[0].baseline: missing required key 'path'"]),
    InvalidCase(
      name: "missing name, target and schedule",
      yaml: "monitors:\n  - baseline: { path: /b.csv }\n",
      expected: [
        "2:5: monitors[0]: missing required key 'name'",
        "2:5: monitors[0]: missing required key 'target' (give files: or sqlite:, and timestamp_column:)",
        "2:5: monitors[0]: missing required key 'schedule' (at least window:, e.g. { window: 1h })",
      ]),
    InvalidCase(
      name: "target with both sources and no timestamp",
      yaml: monitor(target: "    target: { files: /t/*.csv, sqlite: { path: /d.db, query: q } }"),
      expected: [
        "4:13: monitors[0].target: missing required key 'timestamp_column'",
        "4:40: monitors[0].target.sqlite: give either files: or sqlite:, not both",
      ]),
    InvalidCase(
      name: "target without a source",
      yaml: monitor(target: "    target: { timestamp_column: ts }"),
      expected: [
        "4:13: monitors[0].target: missing the data source: give files: (a glob), "
          + "sqlite: { path:, query: } or postgres: { host:, database:, user:, table: }"
      ]),
    InvalidCase(
      name: "query without :end",
      yaml: monitor(
        target:
          "    target: { sqlite: { path: /d.db, query: 'SELECT * FROM t WHERE ts >= :start AND ts < :ending' }, timestamp_column: ts }"
      ),
      expected: [
        "4:45: monitors[0].target.sqlite.query: the query must use the parameters :start and :end; "
          + "it lacks :end (they are bound to the window's bounds (seconds since the epoch, UTC), "
          + "e.g. WHERE ts >= :start AND ts < :end; never paste times into the query)"
      ]),
    InvalidCase(
      name: "test weights", yaml: "defaults:\n  test_weights: { kss: 2, ks: -1, psi: x }\n",
      expected: [
        "2:19: defaults.test_weights.kss: unknown test 'kss' (did you mean 'ks'?)",
        "2:31: defaults.test_weights.ks: must be in (0, 100] (a test's weight), got -1 "
          + "(negative numbers are never valid here)",
        "2:40: defaults.test_weights.psi: expected a number, got 'x'",
      ]),
    InvalidCase(
      name: "correction typo", yaml: "defaults: { correction: bhh }\n",
      expected: [
        "1:25: defaults.correction: 'bhh' is not one of bh | bonferroni | none (did you mean 'bh'?)"
      ]),
    InvalidCase(
      name: "unknown key in defaults", yaml: "defaults:\n  drift_shar: 0.5\n  min_effect: 2\n",
      expected: [
        "2:3: defaults.drift_shar: unknown key 'drift_shar' (did you mean 'drift_share'?)",
        "3:15: defaults.min_effect: must be in [0, 1], got 2",
      ]),
    InvalidCase(
      name: "feature thresholds in defaults",
      yaml: "defaults: { thresholds: { income: { psi: { statistic: 1 } } } }\n",
      expected: [
        "1:27: defaults.thresholds.income: unknown test 'income' (only a monitor's thresholds may name features)"
      ]),
    InvalidCase(
      name: "threshold for a feature not included",
      yaml: monitor(
        extra:
          "    features: { include: [income, age] }\n    thresholds: { incme: { psi: { statistic: 0.1 } } }"
      ),
      expected: [
        "7:19: monitors[0].thresholds.incme: 'incme' is neither a test nor an included feature "
          + "(did you mean 'income'?)"
      ]),
    InvalidCase(
      name: "YAML syntax error", yaml: "monitors: [\n  - name: m\n",
      expected: [
        "2:3: YAML syntax error: while parsing a flow node, did not find expected node content "
          + "(fix the YAML syntax; nothing else in this file was checked)"
      ]),
    InvalidCase(
      name: "invalid monitor name", yaml: monitor(name: "    name: credit model"),
      expected: [
        "2:11: monitors[0].name: 'credit model' is not a valid monitor name (use letters, digits, "
          + "'.', '_' and '-', not starting with '-')"
      ]),
    InvalidCase(
      name: "wasserstein without a threshold",
      yaml: monitor(extra: "    tests: { numeric: [wasserstein] }"),
      expected: [
        "2:5: monitors[0]: 'wasserstein' runs but has no threshold (it is in the feature's own "
          + "units; set thresholds: { wasserstein: { statistic: X } })"
      ]),
    InvalidCase(
      name: "storage and daemon types",
      yaml: "storage: /x.db\ndaemon: { tick: 0s, max_concurrent_monitors: 0 }\n",
      expected: [
        "1:10: storage: expected a mapping, got '/x.db'",
        "2:17: daemon.tick: '0s' is not a positive duration (write a whole number and a unit: 30s, "
          + "10m, 2h, 1d, 1w)",
        "2:46: daemon.max_concurrent_monitors: must be at least 1, got 0",
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
    #expect(error.issues.allSatisfy { $0.file == file })
    let found = error.issues.map {
      String($0.description.dropFirst(file.count + 1)).replacingOccurrences(of: file, with: "FILE")
    }
    #expect(found == invalid.expected)
  }

  @Test func descriptionHasFileLineColumnKeyPathMessageAndHint() {
    let issue = ConfigIssue(
      file: "/etc/driftwatch/driftwatch.yaml", line: 12, column: 5,
      keyPath: "monitors[0].shedule", message: "unknown key 'shedule'",
      hint: "did you mean 'schedule'?")
    #expect(
      issue.description
        == "/etc/driftwatch/driftwatch.yaml:12:5: monitors[0].shedule: unknown key 'shedule' "
        + "(did you mean 'schedule'?)")
    let error = ConfigError(issues: [issue, issue])
    #expect(error.description == issue.description + "\n" + issue.description)
  }
}
