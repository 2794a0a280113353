/// Reads an `EXPLAIN (VERBOSE)` text plan of a coordinator: which nodes scan foreign tables, and
/// whether each of them ships an aggregation to its shard.
struct PlanCheck {
  /// One `Foreign Scan` node with its detail lines (`Output:`, `Relations:`, `Remote SQL:`).
  struct ForeignScan {
    var lines: [String]
    /// The SQL the shard runs.
    var remoteSQL: String {
      lines.first { $0.contains("Remote SQL:") }.map {
        String($0[$0.range(of: "Remote SQL:")!.upperBound...]).trimmingCharacters(in: .whitespaces)
      } ?? ""
    }
    /// Whether the shard aggregates: the node scans an aggregate relation and its SQL groups.
    var aggregatesOnShard: Bool {
      lines.contains { $0.contains("Relations: Aggregate on") }
        && remoteSQL.contains("GROUP BY")
        && ["count(", "sum(", "min(", "max("].contains { remoteSQL.contains($0) }
    }
  }

  let plan: String

  /// Every Foreign Scan node of the plan.
  var foreignScans: [ForeignScan] {
    var scans: [ForeignScan] = []
    var current: [String]?
    for line in plan.split(separator: "\n").map(String.init) {
      let isNode = line.contains("->") || !line.hasPrefix(" ")
      if isNode {
        if let current { scans.append(ForeignScan(lines: current)) }
        current = line.contains("Foreign Scan") ? [line] : nil
      } else {
        current?.append(line)
      }
    }
    if let current { scans.append(ForeignScan(lines: current)) }
    return scans
  }

  /// Plan nodes that aggregate on the coordinator (`Aggregate`, `HashAggregate`, ...).
  var coordinatorAggregates: [String] {
    plan.split(separator: "\n").map(String.init).filter { line in
      let node = line.replacingOccurrences(of: "->", with: "").trimmingCharacters(in: .whitespaces)
      return node.hasPrefix("Aggregate") || node.hasPrefix("HashAggregate")
        || node.hasPrefix("GroupAggregate") || node.hasPrefix("Partial ")
        || node.hasPrefix("Finalize ")
    }
  }
}
