import Foundation
import Testing

@testable import DriftAlerts

@Suite struct AlertPayloadExactnessTests {
  /// A push-down test result names its exactness in the payload; other results leave the keys out.
  @Test func exactnessIsAddedOnlyWhenKnown() throws {
    let plain = AlertPayload.Test(
      test: "ks", statistic: 0.25, pValue: 0.001, threshold: "p < 0.01", drifted: true)
    let binned = AlertPayload.Test(
      test: "ks", statistic: 0.25, pValue: 0.001, threshold: "p < 0.01", drifted: true,
      exactness: "binned", exactnessBound: 0.5)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let plainText = String(decoding: try encoder.encode(plain), as: UTF8.self)
    let binnedText = String(decoding: try encoder.encode(binned), as: UTF8.self)
    #expect(!plainText.contains("exactness"))
    #expect(binnedText.contains("\"exactness\":\"binned\""))
    #expect(binnedText.contains("\"exactness_bound\":0.5"))
  }
}
