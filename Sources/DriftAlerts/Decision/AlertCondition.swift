import DriftConfig
import DriftStore

/// Whether a rule's condition held in a window, per alert key (feature, or "" for the monitor).
enum AlertCondition {
  /// The verdict of `rule` for each key it covers in `window`; nil for a key means the window
  /// has no verdict on it (the state holds).
  ///
  /// - `feature_drifted`: a feature holds when any of its tests drifted; decided only on `ok`
  ///   windows. Keys are the window's features (within the rule's filter) plus `known` keys,
  ///   so a feature that stops appearing resolves.
  /// - `dataset_drifted`: the data-set verdict, or drifted share >= `share`; only on `ok`.
  /// - `no_data`: holds on `insufficient_data`, not on `ok`; a `failed` window cannot tell.
  /// - `failed`: holds on `failed`, not on `ok` or `insufficient_data`.
  /// - `magnitude_above`: the drift magnitude is strictly above the percentage; decided only on
  ///   `ok` windows that have a magnitude. A window without one (not computed, too few rows, or
  ///   NaN) cannot tell: the state and its count hold, so it neither fires nor resolves.
  /// - `reconstruction_drifted`: the reconstruction error is outside its band; decided only on
  ///   `ok` windows that have a reconstruction result, otherwise the state holds.
  static func verdicts(of rule: AlertRule, in window: WindowRecord, known: Set<String>)
    -> [String: Bool?]
  {
    let status = window.status
    switch rule.condition {
    case .featureDrifted:
      guard status == .ok else {
        return Dictionary(uniqueKeysWithValues: known.map { ($0, Bool?.none) })
      }
      var drifted: [String: Bool?] = [:]
      for result in window.features where rule.features?.contains(result.feature) ?? true {
        drifted[result.feature] = ((drifted[result.feature] ?? false) ?? false) || result.drifted
      }
      for key in known where drifted[key] == nil { drifted[key] = false }
      return drifted
    case .datasetDrifted(let share):
      guard status == .ok, let dataset = window.dataset else { return ["": nil] }
      return ["": share.map { dataset.driftedShare >= $0 } ?? dataset.drifted]
    case .noData:
      switch status {
      case .insufficientData: return ["": true]
      case .ok: return ["": false]
      case .failed, .skipped: return ["": nil]
      }
    case .failed:
      switch status {
      case .failed: return ["": true]
      case .ok, .insufficientData: return ["": false]
      case .skipped: return ["": nil]
      }
    case .magnitudeAbove(let percent):
      guard status == .ok, let magnitude = window.dataset?.magnitude?.magnitude,
        !magnitude.isNaN
      else { return ["": nil] }
      return ["": magnitude > percent]
    case .reconstructionDrifted:
      guard status == .ok, let reconstruction = window.dataset?.reconstruction else {
        return ["": nil]
      }
      return ["": reconstruction.drifted]
    }
  }
}
