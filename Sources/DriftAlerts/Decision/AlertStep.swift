import DriftAlertModel
import DriftConfig
import DriftStore

/// One step of the alert state machine for one alert (rule and feature).
///
/// ```
/// inactive --holds--> pending --holds for `for` windows--> firing --stops--> resolved
///     ^                  |                                                  |
///     +----stops---------+<------------------stops (next window)------------+
/// ```
/// `for: 1` goes from inactive (or resolved) straight to firing. A resolved alert whose
/// condition holds again counts from 1, like an inactive one. A window without a verdict for
/// the condition (`holds == nil`) changes nothing but the window marker.
enum AlertStep {
  /// The state after a window.
  ///
  /// - Parameters:
  ///   - previous: The state before the window.
  ///   - holds: Whether the rule's condition held in the window; nil when it cannot tell.
  ///   - forWindows: The rule's `for`.
  ///   - windowStart: Start of the window.
  static func next(
    _ previous: AlertStateRow, holds: Bool?, forWindows: Int, windowStart: Int64
  ) -> AlertStateRow {
    var next = previous
    next.lastWindowStart = windowStart
    guard let holds else { return next }
    if holds {
      let counting = previous.state == .pending || previous.state == .firing
      next.consecutive = (counting ? previous.consecutive : 0) + 1
      next.state =
        previous.state == .firing || next.consecutive >= max(forWindows, 1) ? .firing : .pending
    } else {
      next.consecutive = 0
      next.state = previous.state == .firing ? .resolved : .inactive
    }
    if next.state != previous.state { next.since = windowStart }
    return next
  }

  /// The state of an alert never seen before.
  static func initial(rule: String, feature: String, windowStart: Int64) -> AlertStateRow {
    AlertStateRow(
      rule: rule, feature: feature, state: .inactive, consecutive: 0, since: windowStart,
      lastWindowStart: windowStart)
  }
}
