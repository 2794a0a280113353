import DriftData
import DriftStore

/// The time range `history` shows, and what to say when nothing in it matches.
struct HistoryWindow {
  /// How far before the monitor's newest stored window the default range starts: 7 days.
  static let defaultSpan: Int64 = 7 * 86_400

  /// Windows starting at or after this time, or nil for all.
  var since: Int64?
  /// Windows starting before this time, or nil for all.
  var until: Int64?

  /// The range asked for; without `--since`, the `defaultSpan` before the end of the newest
  /// window the store holds for the monitor (not before the wall clock: after a backfill of
  /// last year's data the newest windows are what a person wants to see).
  init(since: Int64?, until: Int64?, stored: StoredRange?) {
    self.since = since ?? stored.map { $0.newest.end - Self.defaultSpan }
    self.until = until
  }

  /// Why nothing matched, for standard error: what the store holds for `monitor` and which
  /// option to change. `filters` are the other options given (`--feature income`).
  func emptyResultHint(monitor: String, stored: StoredRange?, filters: [String]) -> String {
    guard let stored else {
      return "driftwatch: monitor '\(monitor)' has no stored windows yet; run-once, backfill or "
        + "serve store them"
    }
    let held =
      "the store holds \(stored.count) window\(stored.count == 1 ? "" : "s") of '\(monitor)', "
      + "from \(Timestamp.format(stored.oldest.start)) to \(Timestamp.format(stored.newest.end))"
    let overlaps =
      (since.map { $0 < stored.newest.end } ?? true)
      && (until.map { $0 > stored.oldest.start } ?? true)
    if overlaps && !filters.isEmpty {
      return "driftwatch: no stored result in that time matches \(filters.joined(separator: " ")); "
        + held
    }
    var options = ["--since \(Timestamp.format(stored.oldest.start))"]
    if until != nil { options.append("--until \(Timestamp.format(stored.newest.end))") }
    let asked =
      "\(since.map(Timestamp.format) ?? "the first window") and "
      + "\(until.map(Timestamp.format) ?? "now")"
    return "driftwatch: no stored window of '\(monitor)' starts between \(asked); \(held); "
      + "use \(options.joined(separator: " ")) to see them all"
  }
}
