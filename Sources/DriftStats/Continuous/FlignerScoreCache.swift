import Synchronization

/// The ``FlignerScores`` tables one evaluation's features share, by total sample size N.
///
/// Made by ``Evaluator`` for one comparison and dropped with it, so no table outlives the
/// evaluation (an idle daemon holds none). A table is built on the second request for its N:
/// the first feature with a given N computes its scores directly (a table used once would save
/// nothing and hold memory), the second builds the table and the later ones read it. A request
/// while another thread builds the table for the same N computes directly instead of waiting.
/// Tables are built only while they fit ``budget`` entries in all; beyond it every feature
/// computes its scores as before. Results are the same bits whichever path a feature takes.
final class FlignerScoreCache: Sendable {
  private enum Entry {
    case seen
    case building
    case ready(FlignerScores)
  }

  private enum Lookup {
    case direct
    case build
    case ready(FlignerScores)
  }

  private struct State {
    var entries: [Int: Entry] = [:]
    var reserved = 0
  }

  /// Scores held at most, over all tables (8 bytes each: 32 MB).
  let budget: Int
  private let state = Mutex(State())

  /// A cache for one evaluation.
  ///
  /// - Parameter budget: Scores held at most over all tables.
  init(budget: Int = 1 << 22) {
    self.budget = budget
  }

  /// The table for total sample size `total`, when there is one or this call should build it;
  /// nil when the caller should compute its scores directly.
  ///
  /// - Parameter total: N, the two sides' finite values together.
  /// - Returns: A table whose ``FlignerScores/total`` is `total`, or nil.
  func scores(total: Int) -> FlignerScores? {
    guard total >= 1 else { return nil }
    let lookup = state.withLock { state -> Lookup in
      switch state.entries[total] {
      case .none:
        state.entries[total] = .seen
        return .direct
      case .seen:
        guard state.reserved + total <= budget else { return .direct }
        state.reserved += total
        state.entries[total] = .building
        return .build
      case .building:
        return .direct
      case .ready(let table):
        return .ready(table)
      }
    }
    switch lookup {
    case .direct:
      return nil
    case .ready(let table):
      return table
    case .build:
      let table = FlignerScores(total: total)
      state.withLock { $0.entries[total] = .ready(table) }
      return table
    }
  }
}
