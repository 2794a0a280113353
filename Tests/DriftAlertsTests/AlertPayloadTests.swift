import DriftAlerts
import DriftConfig
import DriftStore
import Foundation
import Testing

@Suite struct AlertPayloadTests {
  @Test func payloadHoldsTheDocumentedFields() throws {
    var harness = AlertHarness([
      AlertRule(name: "d", condition: .featureDrifted, severity: .critical, notify: ["ops"])
    ])
    let decision = try harness.run(AlertHarness.ok(0, drifted: ["income"]))
    let notification = try #require(decision.notifications.first)
    #expect(notification.notifiers == ["ops"])
    let json = try PayloadFields(notification.payload).json
    #expect(json["version"] as? Int == 1)
    #expect(json["id"] as? String == notification.id)
    #expect(json["monitor"] as? String == "credit")
    #expect(json["rule"] as? String == "d")
    #expect(json["severity"] as? String == "critical")
    #expect(json["status"] as? String == "firing")
    #expect(
      json["window"] as? [String: String] == [
        "start": "2026-11-02T00:00:00Z", "end": "2026-11-02T01:00:00Z",
      ])
    let features = try #require(json["features"] as? [[String: Any]])
    #expect(features.count == 1 && features[0]["name"] as? String == "income")
    let tests = try #require(features[0]["tests"] as? [[String: Any]])
    #expect(tests[0]["test"] as? String == "ks")
    #expect(tests[0]["p_value"] as? Double == 0.0001)
    #expect(tests[0]["drifted"] as? Bool == true)
    #expect(tests[0]["threshold"] as? String != nil)
    let dataset = try #require(json["dataset"] as? [String: Any])
    #expect(dataset["drifted_share"] as? Double == 0.5)
    #expect(
      json["history_command"] as? String
        == "driftwatch history --monitor credit --since 2026-10-26T00:00:00Z"
        + " --until 2026-11-02T01:00:00Z")
    #expect(json["created_at"] as? String == "2026-11-02T01:01:00Z")
  }

  /// A test result is written from the evaluation's own `TestResult`: the corrected p-value when
  /// there is one, null for numbers JSON cannot hold, keys sorted (the bytes a receiver signs).
  @Test func aTestResultIsWrittenWithItsCorrectedPValueAndNullForNonFiniteNumbers() throws {
    var harness = AlertHarness([
      AlertRule(name: "d", condition: .featureDrifted, severity: .critical, notify: ["ops"])
    ])
    var window = AlertHarness.ok(0, drifted: ["income"])
    let index = try #require(window.features.firstIndex { $0.feature == "income" })
    window.features[index].statistic = .infinity
    window.features[index].pValue = 0.0001
    window.features[index].adjustedPValue = 0.0002
    let decision = try harness.run(window)
    let payload = String(
      decoding: try #require(decision.notifications.first).payload, as: UTF8.self)
    #expect(
      payload.contains(
        #""tests":[{"drifted":true,"p_value":0.0002,"statistic":null,"test":"ks","threshold":"p<0.05"}]"#
      ), "\(payload)")
  }
}
