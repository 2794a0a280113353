import DriftData
import DriftStats
import DriftStore
import Foundation

/// The terminal rendering of history: one line per feature and test.
struct HistoryTable {
  var rows: [HistoryRow]

  static let bars = Array("▁▂▃▄▅▆▇█")

  func render() -> String {
    guard !rows.isEmpty else { return "No stored results match.\n" }
    var groups = [String: [HistoryRow]]()
    var order = [String]()
    for row in rows {
      let key = row.result.feature + "\u{0}" + row.result.test.rawValue
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(row)
    }
    let first = rows.map(\.window.start).min() ?? 0
    let last = rows.map(\.window.end).max() ?? 0
    var out =
      "\(TerminalText.escaped(rows[0].monitor)): \(Timestamp.format(first)) to \(Timestamp.format(last))\n\n"
    // The contribution to the drift magnitude, when any window stored one (issue #6).
    let contributions = rows.contains { $0.contribution != nil }
    var header = ["", "FEATURE", "TEST", "WINDOWS", "DRIFTED", "LAST"]
    if contributions { header.append("CONTRIB") }
    var table: [[String]] = [header + ["STATISTIC (oldest -> newest)"]]
    for key in order {
      let group = groups[key] ?? []
      let drifted = group.filter(\.result.drifted).count
      var lastValue = group.last?.result.statistic.map { ReportTable.short($0) } ?? "-"
      // A binned push-down result shows its proven error bound (issue #18).
      if let bound = group.last?.result.exactness?.bound, group.last?.result.statistic != nil {
        lastValue += " ±" + ReportTable.short(bound)
      }
      var line = [
        group.last?.result.drifted == true ? "*" : "", group[0].result.feature,
        group[0].result.test.rawValue,
        String(group.count), String(drifted), lastValue,
      ]
      if contributions {
        line.append(group.last?.contribution.map(DatasetHistory.percent) ?? "-")
      }
      table.append(line + [Self.sparkline(group.map(\.result.statistic))])
    }
    out += ReportTable.align(table, rightAligned: contributions ? [3, 4, 5, 6] : [3, 4, 5])
    return out
  }

  /// One bar per window, scaled between the smallest and largest statistic; a gap for none.
  static func sparkline(_ values: [Double?], width: Int = 48) -> String {
    let tail = Array(values.suffix(width))
    let present = tail.compactMap { $0 }
    guard let low = present.min(), let high = present.max() else { return "" }
    let span = high - low
    return String(
      tail.map { value -> Character in
        guard let value else { return " " }
        let level = span > 0 ? Int(((value - low) / span * Double(bars.count - 1)).rounded()) : 0
        return bars[min(max(level, 0), bars.count - 1)]
      })
  }
}
