import DriftStats
import Foundation
import Testing

@testable import DriftAlerts

@Suite struct AlertPayloadExactnessTests {
  /// A push-down test result names its exactness in the payload; other results leave the keys out.
  @Test func exactnessIsAddedOnlyWhenKnown() throws {
    let plain = TestResult(
      test: .ks, statistic: 0.25, pValue: 0.001, threshold: Threshold(pValue: 0.01), drifted: true)
    var binned = plain
    binned.exactness = .binned(bound: 0.5)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    func text(_ result: TestResult) throws -> String {
      let feature = AlertPayload.Feature(
        name: "amount", state: "firing", tests: [result], contribution: nil)
      return String(decoding: try encoder.encode(feature), as: UTF8.self)
    }
    let plainText = try text(plain)
    let binnedText = try text(binned)
    #expect(!plainText.contains("exactness"))
    #expect(binnedText.contains("\"exactness\":\"binned\""))
    #expect(binnedText.contains("\"exactness_bound\":0.5"))
  }
}
