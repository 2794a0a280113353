import DriftConfig
import Foundation
import Testing

/// Inputs the libFuzzer target `FuzzConfig` found (CONTRIBUTING.md, "Fuzzing"); the same files are in
/// `Fuzz/corpus/yaml/`.
@Suite struct ConfigFuzzRegressionTests {
  static let secret = "fz-Secret-4q7Lw2x9"

  /// The problems `yaml` has, loaded with `DW_SECRET` in the environment.
  static func issues(_ yaml: String) throws -> [ConfigIssue] {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("driftwatch.yaml", yaml)
    do {
      _ = try ConfigLoader.load(
        path: path, environment: ["DW_SECRET": secret], checkFiles: false)
      return []
    } catch {
      return error.issues
    }
  }

  /// `Fuzz/corpus/yaml/secret-in-monitor-name`: a monitor name from the environment that is not
  /// a valid name was shown, secret and all, in the error.
  @Test func invalidNamesFromTheEnvironmentAreShownAsWritten() throws {
    let issues = try Self.issues(
      """
      notifiers:
        hook: { type: command, command: [/bin/true] }
      monitors:
        - name: ${DW_SECRET}"
          baseline: { path: /b.csv }
          target: { files: /t/*.csv, timestamp_column: ts, features: { include: [a, "${DW_SECRET}"] } }
          schedule: { window: 1h }
          alerts:
            - { name: "${DW_SECRET}!", when: feature_drifted, features: ["${DW_SECRET}"], notify: ["${DW_SECRET}"] }
      """)
    #expect(issues.count >= 3, "\(issues)")
    for issue in issues {
      #expect(!issue.description.contains(Self.secret), "\(issue)")
    }
    #expect(issues.contains { $0.message.contains("'${DW_SECRET}\"' is not a valid monitor name") })
    #expect(issues.contains { $0.message.contains("'${DW_SECRET}!' is not a valid alert name") })
  }
}
