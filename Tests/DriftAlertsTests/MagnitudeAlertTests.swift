import DriftAlertModel
import DriftConfig
import DriftStats
import DriftStore
import Foundation
import Testing

@testable import DriftAlerts

/// `magnitude_above` and `reconstruction_drifted`: data-set-level rules over the multivariate
/// results of a window (issue #6), and what their notifications carry.
@Suite struct MagnitudeAlertTests {
  /// An ok window (nothing drifted feature by feature) with the given magnitude, or none.
  static func window(
    _ index: Int64, magnitude: Double?, reconstructionDrifted: Bool? = nil,
    contributions: [String: Double] = [:]
  ) -> WindowRecord {
    var record = AlertHarness.ok(index, drifted: [])
    record.dataset?.magnitude = magnitude.map {
      DriftMagnitude(
        magnitude: $0, auc: 0.5 + $0 / 200, mcc: $0 / 100, baselineRows: 500,
        targetRows: 500)
    }
    record.dataset?.reconstruction = reconstructionDrifted.map {
      ReconstructionDrift(
        error: $0 ? 2.5 : 1, baselineMean: 1, baselineStd: 0.1, lower: 0.7, upper: 1.3,
        components: 3, drifted: $0)
    }
    record.contributions = contributions.sorted { $0.key < $1.key }.map {
      FeatureContribution(feature: $0.key, kind: .numeric, contribution: $0.value)
    }
    return record
  }

  @Test func pendingFiringResolvedWithFor() throws {
    var harness = AlertHarness([
      AlertRule(name: "mag", condition: .magnitudeAbove(30), forWindows: 2, notify: ["ops"])
    ])
    // 30 is not above 30; 31 starts counting; 45 fires; 10 resolves; 10 again: inactive.
    for (index, magnitude) in [30.0, 31, 45, 50, 10, 10].enumerated() {
      try harness.run(Self.window(Int64(index), magnitude: magnitude))
      let expected: [AlertState] = [.inactive, .pending, .firing, .firing, .resolved, .inactive]
      #expect(harness.state("mag") == expected[index], "window \(index)")
    }
    #expect(harness.sent == ["2:firing", "4:resolved"])
    #expect(harness.notifications.allSatisfy { $0.features == [""] })
  }

  @Test func windowsWithoutAMagnitudeNeitherFireNorResolve() throws {
    var harness = AlertHarness([
      AlertRule(name: "mag", condition: .magnitudeAbove(30), forWindows: 2)
    ])
    try harness.run(Self.window(0, magnitude: 40))
    #expect(harness.state("mag") == .pending)
    // Not computed (nil), NaN, a failed window: the count holds, nothing resets it.
    try harness.run(Self.window(1, magnitude: nil))
    try harness.run(Self.window(2, magnitude: .nan))
    try harness.run(AlertHarness.status(3, .failed))
    #expect(harness.state("mag") == .pending)
    try harness.run(Self.window(4, magnitude: 40))
    #expect(harness.state("mag") == .firing)
    // Firing holds through windows without a magnitude; it resolves on a measured quiet one.
    try harness.run(Self.window(5, magnitude: nil))
    try harness.run(AlertHarness.status(6, .insufficientData))
    #expect(harness.state("mag") == .firing)
    try harness.run(Self.window(7, magnitude: 5))
    #expect(harness.sent == ["4:firing", "7:resolved"])
  }

  @Test func magnitudeRuleIgnoresThePerFeatureVerdict() throws {
    var harness = AlertHarness([AlertRule(name: "mag", condition: .magnitudeAbove(50))])
    // Every feature drifted, but the magnitude is low: no alert; and the other way round.
    var drifted = AlertHarness.ok(0, drifted: ["age", "income"])
    drifted.dataset?.magnitude = DriftMagnitude(
      magnitude: 20, auc: 0.6, mcc: 0.2, baselineRows: 10, targetRows: 10)
    try harness.run(drifted)
    #expect(harness.state("mag") == .inactive)
    try harness.run(Self.window(1, magnitude: 50.000001))
    #expect(harness.state("mag") == .firing)
  }

  @Test func reconstructionDriftedRule() throws {
    var harness = AlertHarness([
      AlertRule(name: "pca", condition: .reconstructionDrifted, sendResolved: false)
    ])
    try harness.run(Self.window(0, magnitude: nil, reconstructionDrifted: false))
    #expect(harness.state("pca") == .inactive)
    try harness.run(Self.window(1, magnitude: nil, reconstructionDrifted: true))
    #expect(harness.state("pca") == .firing)
    try harness.run(Self.window(2, magnitude: nil, reconstructionDrifted: nil))
    #expect(harness.state("pca") == .firing)
    try harness.run(Self.window(3, magnitude: nil, reconstructionDrifted: false))
    #expect(harness.state("pca") == .resolved)
    #expect(harness.sent == ["1:firing"])
  }

  @Test func payloadCarriesMagnitudeReconstructionAndContributions() throws {
    var harness = AlertHarness([
      AlertRule(name: "mag", condition: .magnitudeAbove(30)),
      AlertRule(name: "d", condition: .featureDrifted),
    ])
    var record = Self.window(
      0, magnitude: 42.5, reconstructionDrifted: true,
      contributions: ["age": 25.25, "income": 74.75])
    record.features[1].drifted = true
    let decision = try harness.run(record)
    #expect(decision.notifications.count == 2)
    let mag = try PayloadFields(decision.notifications[0].payload).json
    let dataset = try #require(mag["dataset"] as? [String: Any])
    #expect(dataset["magnitude"] as? Double == 42.5)
    #expect(dataset["auc"] as? Double == 0.5 + 42.5 / 200)
    #expect(dataset["reconstruction_error"] as? Double == 2.5)
    #expect(dataset["reconstruction_lower"] as? Double == 0.7)
    #expect(dataset["reconstruction_upper"] as? Double == 1.3)
    #expect(dataset["reconstruction_drifted"] as? Bool == true)
    #expect(dataset["contributions"] as? [String: Double] == ["age": 25.25, "income": 74.75])
    let features = try #require(mag["features"] as? [[String: Any]])
    #expect(features.count == 1 && features[0]["name"] as? String == "")
    #expect(features[0].keys.contains("contribution") && features[0]["contribution"] is NSNull)

    let feature = try PayloadFields(decision.notifications[1].payload).json
    let income = try #require((feature["features"] as? [[String: Any]])?.first)
    #expect(income["name"] as? String == "income" && income["contribution"] as? Double == 74.75)

    // Keys stay sorted, so equal notifications are equal bytes.
    let text = String(decoding: decision.notifications[0].payload, as: UTF8.self)
    let order = [
      "\"auc\"", "\"contributions\"", "\"drifted\"", "\"drifted_features\"",
      "\"drifted_share\"", "\"features\"", "\"magnitude\"", "\"reconstruction_drifted\"",
      "\"reconstruction_error\"", "\"reconstruction_lower\"", "\"reconstruction_upper\"",
    ]
    let datasetStart = try #require(text.range(of: "\"dataset\":{"))
    let datasetText = String(text[datasetStart.lowerBound...])
    let positions = order.compactMap { datasetText.range(of: $0)?.lowerBound }
    #expect(positions.count == order.count && positions == positions.sorted())

    // The messages people read show the magnitude and the band.
    let message = AlertMessage(payload: PayloadView(bytes: decision.notifications[0].payload))
    #expect(message.plainText.contains("Drift magnitude: 42.5 % (AUC 0.7125)"))
    #expect(message.plainText.contains("Reconstruction error: 2.5 (band 0.7 - 1.3): drifted"))
    #expect(message.slackText.contains("Drift magnitude: 42.5 % (AUC 0.7125)"))
    #expect(message.html.contains("<p>Drift magnitude: 42.5 % (AUC 0.7125)</p>"))
    let featureMessage = AlertMessage(
      payload: PayloadView(bytes: decision.notifications[1].payload))
    #expect(featureMessage.plainText.contains("income: firing (contribution 74.75 %)"))
  }

  @Test func payloadWithoutMultivariateResultsHasNullFields() throws {
    var harness = AlertHarness([AlertRule(name: "any", condition: .datasetDrifted(share: 0.5))])
    let decision = try harness.run(AlertHarness.ok(0, drifted: ["age"]))
    let json = try PayloadFields(try #require(decision.notifications.first).payload).json
    let dataset = try #require(json["dataset"] as? [String: Any])
    for key in [
      "magnitude", "auc", "reconstruction_error", "reconstruction_lower", "reconstruction_upper",
      "reconstruction_drifted", "contributions",
    ] {
      #expect(dataset[key] is NSNull, "\(key)")
    }
    let message = AlertMessage(payload: PayloadView(bytes: decision.notifications[0].payload))
    #expect(!message.plainText.contains("magnitude") && !message.slackText.contains("magnitude"))
  }
}
