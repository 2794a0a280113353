import DriftAlertModel
import DriftConfig
import DriftData
import DriftStats
import DriftStore
import Foundation
import FuzzSupport

// libFuzzer target for the notification payload and the texts written from it (Slack, email).
// Build and run with `make fuzz` (CONTRIBUTING.md, "Fuzzing").
@testable import DriftAlerts

/// One fuzz input: the fields of a stored window and a rule (names with any Unicode and control
/// characters, any doubles including NaN and infinities), made into a payload.
///
/// Properties checked: the payload JSON parses back with `JSONSerialization` to the same
/// strings and numbers (null for non-finite ones); the lenient ``PayloadView`` reads the same
/// names; the Slack body parses back to the Slack text; the email is 7-bit with CRLF line ends
/// only and no header line a name could inject.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPayload(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let monitor = input.string()
  let rule = AlertRule(
    name: input.string(), condition: .featureDrifted,
    severity: AlertRule.Severity.allCases[input.int(below: 3)])
  let status: AlertPayload.Status = input.bool() ? .firing : .resolved
  let start = Int64(input.int(below: 1 << 35))
  let window = Window(start: start, end: start + 1 + Int64(input.int(below: 1 << 24)))
  let runStatus = RunStatus.allCases[input.int(below: RunStatus.allCases.count)]
  let error = input.bool() ? input.string() : nil
  var records: [FeatureRecord] = []
  for _ in 0..<input.int(below: 6) {
    let threshold =
      input.bool() ? Threshold(pValue: input.double(), statistic: input.double()) : nil
    records.append(
      FeatureRecord(
        feature: input.string(), kind: ColumnKind.allCases[input.int(below: 4)],
        test: DriftTest.allCases[input.int(below: DriftTest.allCases.count)],
        statistic: input.bool() ? input.double() : nil, pValue: input.bool() ? input.double() : nil,
        adjustedPValue: input.bool() ? input.double() : nil, threshold: threshold,
        drifted: input.bool()))
  }
  let dataset =
    input.bool()
    ? DatasetResult(
      features: input.int(below: 1000), driftedFeatures: input.int(below: 1000),
      driftedShare: input.double(), driftShareThreshold: input.double(), drifted: input.bool())
    : nil
  let record = WindowRecord(
    monitor: monitor, window: window, status: runStatus, error: error, startedAt: 0,
    finishedAt: 0, features: records, dataset: dataset)
  let named = Array(Set(records.map(\.feature))).sorted().map {
    (name: $0, state: input.bool() ? AlertState.firing : .resolved)
  }
  let id = AlertPayload.notificationID(
    monitor: monitor, rule: rule.name, windowStart: start, status: status)
  let payload = AlertPayload(
    id: id, rule: rule, status: status, window: record, features: named,
    createdAt: Int64(input.int(below: 1 << 35)))
  let json: [UInt8]
  do {
    json = try payload.encoded()
  } catch {
    preconditionFailure("the payload does not encode: \(error)")
  }
  PayloadCheck.parsesBack(json, payload: payload)
  PayloadCheck.messages(json, payload: payload)
  return 0
}

/// Runs libFuzzer on ``fuzzPayload(_:_:)``.
@main
enum FuzzPayloadMain {
  static func main() {
    FuzzDriver.run(fuzzPayload)
  }
}
