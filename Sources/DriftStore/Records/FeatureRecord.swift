import DriftStats

/// One test result on one feature of a window, as stored in `feature_results`: the feature's
/// name and kind with the evaluation's own ``TestResult`` (one shape for a test's result in the
/// evaluation, the store and the history; a field added to `TestResult` is read here through
/// `record.field` without a copy of it).
///
/// Doubles are stored as SQLite REAL (IEEE 754 binary64) and read back bit for bit, including
/// infinities; SQLite stores NaN as NULL, so a NaN comes back as `nil`. An empty threshold is
/// stored as none (`nil`).
@dynamicMemberLookup
public struct FeatureRecord: Sendable, Equatable {
  /// Feature name.
  public var feature: String
  /// Feature kind.
  public var kind: ColumnKind
  /// The test's result.
  public var result: TestResult

  /// The result's fields (`record.statistic`, `record.drifted`, ...).
  public subscript<Value>(dynamicMember path: WritableKeyPath<TestResult, Value>) -> Value {
    get { result[keyPath: path] }
    set { result[keyPath: path] = newValue }
  }

  /// The record of `result`, a test run on the feature `feature` of kind `kind`.
  public init(feature: String, kind: ColumnKind, result: TestResult) {
    self.feature = feature
    self.kind = kind
    self.result = result
  }

  /// Creates a record from the result's fields.
  public init(
    feature: String, kind: ColumnKind, test: DriftTest, statistic: Double? = nil,
    pValue: Double? = nil, adjustedPValue: Double? = nil, threshold: Threshold? = nil,
    effect: Double? = nil, drifted: Bool, error: String? = nil
  ) {
    self.init(
      feature: feature, kind: kind,
      result: TestResult(
        test: test, statistic: statistic, pValue: pValue, adjustedPValue: adjustedPValue,
        threshold: threshold, effect: effect, drifted: drifted, error: error))
  }

  /// The record of `result`, a test run on `feature`.
  public init(feature: FeatureResult, result: TestResult) {
    self.init(feature: feature.name, kind: feature.kind, result: result)
  }
}
