import Foundation
import Testing

@testable import DriftConfig

/// The ready files in `alerts/` load as includes of a real config, as a user would use them.
@Suite struct ReadyFilesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static let environment = [
    "DW_HOOK_URL": "https://hooks.example/drift", "DW_HOOK_SECRET": "s3cret",
    "DW_SLACK_WEBHOOK_URL": "https://hooks.slack.example/services/T/B/x",
    "DW_SMTP_HOST": "smtp.example.com", "DW_SMTP_USER": "dw", "DW_SMTP_PASSWORD": "pw",
    "DW_ALERT_EMAIL": "ml@example.com",
  ]

  @Test(arguments: ["strict.yaml", "lenient.yaml", "webhook.yaml", "slack.yaml", "smtp.yaml"])
  func readyFileLoads(file: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dw-ready-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let config = folder.appendingPathComponent("driftwatch.yaml").path
    try """
    storage: { path: \(folder.path)/driftwatch.db }
    include: [\(Self.root)/alerts/\(file)]
    monitors:
      - name: credit-model
        baseline: { path: \(Self.root)/baselines/credit-baseline.csv }
        target: { files: "\(Self.root)/baselines/inference/*.csv", timestamp_column: ts }
        schedule: { window: 1h }
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let loaded = try ConfigLoader.load(path: config, environment: Self.environment)
    #expect(loaded.files.count == 2)
    if file.hasPrefix("strict") || file.hasPrefix("lenient") {
      #expect(loaded.monitors[0].settings.correction == .bh)
      // strict.yaml sets no min_effect: the default floor of 0.02 (issue #13) applies.
      #expect(
        loaded.monitors[0].settings.minimumEffect
          == (file.hasPrefix("lenient") ? 0.1 : 0.02))
    } else {
      #expect(loaded.notifiers.count == 1)
    }
  }

  /// The data-set rule suggested in a comment of each threshold file is valid as written.
  @Test(arguments: [("strict.yaml", 30.0), ("lenient.yaml", 50.0)])
  func suggestedMagnitudeRuleLoads(file: String, percent: Double) throws {
    let text = try String(contentsOfFile: "\(Self.root)/alerts/\(file)", encoding: .utf8)
    let suggestion = try #require(
      text.split(separator: "\n").first { $0.hasPrefix("#   - { name: drift-magnitude") })
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dw-ready-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let config = folder.appendingPathComponent("driftwatch.yaml").path
    try """
    storage: { path: \(folder.path)/driftwatch.db }
    include: [\(Self.root)/alerts/\(file), \(Self.root)/alerts/webhook.yaml]
    monitors:
      - name: credit-model
        baseline: { path: \(Self.root)/baselines/credit-baseline.csv }
        target: { files: "\(Self.root)/baselines/inference/*.csv", timestamp_column: ts }
        schedule: { window: 1h }
        alerts:
        \(suggestion.dropFirst(3))
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let loaded = try ConfigLoader.load(path: config, environment: Self.environment)
    let rule = try #require(loaded.monitors[0].alerts.first)
    #expect(rule.condition == .magnitudeAbove(percent) && rule.forWindows == 2)
    #expect(rule.notify == ["ops-webhook"])
  }
}
