import DriftAlertModel
import DriftConfig
import DriftStore

/// Decides, for one stored window, how every alert rule of its monitor moves and what to send.
///
/// Pure: the states come in (read inside the window's transaction), the decision goes out.
///
/// - One notification per (window, rule) at most: it lists every feature of the rule that is
///   firing after the window, plus those that resolved in it when `send_resolved` is true.
///   Its status is `firing` while any feature fires, else `resolved`. It is sent when a feature
///   enters firing, when one resolves (with `send_resolved`), or when `repeat` has passed (in
///   window time: window end minus the end of the window last notified) while firing.
/// - Order: a rule advances only on a window newer than the newest window that advanced it
///   (`last_window_start`). An older window (backfill, a late retry) never changes its state or
///   sends anything. The same window advances it again only as a retry of a failed attempt.
public enum AlertDecider {
  /// The alert changes `window` causes.
  ///
  /// - Parameters:
  ///   - rules: The monitor's rules.
  ///   - window: The window being stored.
  ///   - context: The monitor's current alert states, read in the window's transaction.
  ///   - now: Seconds since the epoch, for the payload's `created_at`.
  ///   - publicURL: `http.public_url`, for the payload's `url`; nil: no `url`.
  /// - Throws: `EncodingError` if a payload cannot be encoded (not expected: numbers that JSON
  ///   cannot hold are sent as null).
  public static func decide(
    rules: [AlertRule], window: WindowRecord, context: AlertContext, now: Int64,
    publicURL: String? = nil
  ) throws -> AlertDecision {
    var decision = AlertDecision.none
    for rule in rules {
      let known = context.states.filter { $0.rule == rule.name }
      if let newest = known.map(\.lastWindowStart).max(),
        window.window.start < newest || (window.window.start == newest && !context.isRetry)
      {
        continue
      }
      try decide(
        rule, window: window, known: known, now: now, publicURL: publicURL, into: &decision)
    }
    return decision
  }

  private static func decide(
    _ rule: AlertRule, window: WindowRecord, known: [AlertStateRow], now: Int64,
    publicURL: String?, into decision: inout AlertDecision
  ) throws {
    let start = window.window.start
    let previous = Dictionary(known.map { ($0.feature, $0) }, uniquingKeysWith: { a, _ in a })
    let verdicts = AlertCondition.verdicts(of: rule, in: window, known: Set(previous.keys))
    var steps: [(before: AlertStateRow, after: AlertStateRow)] = []
    for key in verdicts.keys.sorted() {
      let before =
        previous[key] ?? AlertStep.initial(rule: rule.name, feature: key, windowStart: start)
      let after = AlertStep.next(
        before, holds: verdicts[key] ?? nil, forWindows: rule.forWindows, windowStart: start)
      steps.append((before, after))
    }
    let entered = steps.contains { $0.after.state == .firing && $0.before.state != .firing }
    let resolved = steps.contains { $0.after.state == .resolved && $0.before.state == .firing }
    let repeatDue = rule.repeatInterval.map { interval in
      steps.contains {
        $0.before.state == .firing && $0.after.state == .firing
          && window.window.end - ($0.before.lastNotifiedAt ?? $0.before.since) >= interval
      }
    }
    let notify = entered || (resolved && rule.sendResolved) || repeatDue == true
    var notificationID: String?
    var told: Set<String> = []
    if notify {
      let firing = steps.filter { $0.after.state == .firing }.map(\.after)
      let resolvedNow =
        rule.sendResolved
        ? steps.filter { $0.after.state == .resolved && $0.before.state == .firing }.map(\.after)
        : []
      let status: AlertPayload.Status = firing.isEmpty ? .resolved : .firing
      let id = AlertPayload.notificationID(
        monitor: window.monitor, rule: rule.name, windowStart: start, status: status)
      let payload = AlertPayload(
        id: id, rule: rule, status: status, window: window,
        features: (firing + resolvedNow).map { ($0.feature, $0.state) }, createdAt: now,
        publicURL: publicURL)
      decision.notifications.append(
        OutboxNotification(id: id, notifiers: rule.notify, payload: try payload.encoded()))
      notificationID = id
      told = Set((firing + resolvedNow).map(\.feature))
    }
    for (before, after) in steps {
      var after = after
      let isTold = told.contains(after.feature)
      if isTold { after.lastNotifiedAt = window.window.end }
      decision.states.append(after)
      if before.state != after.state || isTold {
        decision.events.append(
          AlertTransition(
            rule: rule.name, feature: after.feature, from: before.state, to: after.state,
            severity: rule.severity.rawValue, notificationID: isTold ? notificationID : nil))
      }
    }
  }
}
