/// How exactly a test result was computed from a pushed-down window.
///
/// File, SQLite and `mode: pull` windows are always exact and carry no exactness (`nil`), so
/// their stored results and outputs stay as they were.
public enum Exactness: Sendable, Equatable {
  /// Computed from the window's exact values or counts: the file path's value.
  case exact
  /// Computed from counts on the fine grid of baseline quantiles; `bound` is a proven bound on
  /// `|binned statistic - exact statistic|`, in the statistic's unit.
  case binned(bound: Double)

  /// The stored and printed name: `exact` or `binned`.
  public var name: String {
    switch self {
    case .exact: "exact"
    case .binned: "binned"
    }
  }

  /// The bound of a binned result, `nil` for an exact one.
  public var bound: Double? {
    switch self {
    case .exact: nil
    case .binned(let bound): bound
    }
  }

  /// Rebuilds an exactness from its stored name and bound; `nil` for an unknown name.
  public init?(name: String, bound: Double?) {
    switch name {
    case "exact": self = .exact
    case "binned": self = .binned(bound: bound ?? .infinity)
    default: return nil
    }
  }
}
