/// How a parallel push-down window divides its work across connections (`parallel:`): each
/// feature's aggregate (and later its distinct-value read) goes to one connection, and the row
/// sample of the drift magnitude to one, balanced by estimated cost. The split decides only
/// where each statement runs: every feature's statement is the same as in a window on one
/// connection, so the results do not depend on it.
struct PushdownSplit: Equatable {
  /// What one connection computes.
  struct Part: Equatable {
    /// Indices of the features whose aggregates it reads, ascending.
    var features: [Int] = []
    /// Whether it reads the row sample.
    var sample = false
    /// The estimated cost of its work, in ``cost(of:)`` units.
    var cost = 0
  }

  /// The parts, at most one per connection, none empty.
  var parts: [Part]

  /// Divides `plans` (and the sample when `sample`) across at most `connections` parts: the
  /// costliest unit first, each to the part with the least cost so far (the lowest-numbered on
  /// a tie), so the split is the same for the same features every time.
  init(_ plans: [PushdownFeature], sample: Bool, connections: Int) {
    // Units: (cost, feature index), the sample as index -1.
    var units = plans.indices.map { (cost: Self.cost(of: plans[$0]), index: $0) }
    if sample { units.append((Self.sampleCost(features: plans.count), -1)) }
    let count = max(1, min(connections, units.count))
    var parts = [Part](repeating: Part(), count: count)
    for unit in units.sorted(by: { ($0.cost, $1.index) > ($1.cost, $0.index) }) {
      let lightest = parts.indices.min { (parts[$0].cost, $0) < (parts[$1].cost, $1) } ?? 0
      parts[lightest].cost += unit.cost
      if unit.index < 0 {
        parts[lightest].sample = true
      } else {
        parts[lightest].features.append(unit.index)
      }
    }
    for index in parts.indices { parts[index].features.sort() }
    self.parts = parts
  }

  /// A feature's estimated cost per window row, in tenths of a microsecond of PostgreSQL 15's
  /// executor: a numeric feature's `width_bucket` binary search over its edges (about a
  /// comparison per halving), its `CASE`, count, range and two sums; a categorical feature's
  /// text conversion and hash aggregate.
  static func cost(of plan: PushdownFeature) -> Int {
    switch plan.plan {
    case .numeric(let edges):
      // log2 of the edges, rounded up: the binary search's steps.
      let steps = edges.count < 2 ? 1 : Int.bitWidth - (edges.count - 1).leadingZeroBitCount
      return 10 + steps / 2
    case .categorical:
      return 8
    }
  }

  /// The row sample's estimated cost per window row: a 64-bit hash of every column's value
  /// and a bounded top-N heap.
  static func sampleCost(features: Int) -> Int {
    4 + features
  }
}
