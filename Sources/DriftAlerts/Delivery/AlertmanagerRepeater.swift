import DriftConfig
import DriftData
import DriftStore
import Foundation
import Logging

/// Re-posts the firing alerts to each Alertmanager every `repeat_interval`, so Alertmanager
/// keeps them active past its `resolve_timeout`.
///
/// The transitions themselves (firing, resolved) go through the durable outbox and are never
/// lost. The re-posts are derived from the store's alert states each time: they are idempotent
/// (the same labels refresh the same alert), so one that fails is simply made again next time.
public struct AlertmanagerRepeater: Sendable {
  let store: DriftStore
  let configuration: Configuration
  let lanes: [String: AlertmanagerNotifier]
  let log: Logger
  let clock: any WallClock

  /// Creates a repeater for the Alertmanager notifiers among `notifiers`; nil when there is none.
  public init?(
    store: DriftStore, configuration: Configuration, notifiers: [String: any Notifier],
    log: Logger, clock: any WallClock
  ) {
    let lanes = notifiers.compactMapValues { $0 as? AlertmanagerNotifier }
    guard !lanes.isEmpty else { return nil }
    self.store = store
    self.configuration = configuration
    self.lanes = lanes
    self.log = log
    self.clock = clock
  }

  /// The firing alerts each lane is told about, from the stored alert states.
  func firingAlerts() throws(StoreError) -> [String: [AlertmanagerAlert]] {
    var result: [String: [AlertmanagerAlert]] = [:]
    for monitor in configuration.monitors {
      let rules = Dictionary(monitor.alerts.map { ($0.name, $0) }) { first, _ in first }
      for state in try store.alertStates(monitor: monitor.name) where state.state == .firing {
        guard let rule = rules[state.rule] else { continue }
        var alert = AlertmanagerAlert(
          labels: AlertmanagerAlert.labels(
            rule: rule.name, monitor: monitor.name, severity: rule.severity.rawValue,
            feature: state.feature),
          annotations: [
            "window": AlertmanagerAlert.time(state.lastWindowStart),
            "summary": "driftwatch: \(rule.name) firing on \(monitor.name)",
            "description":
              "Firing since the window \(AlertmanagerAlert.time(state.since)); last window "
              + "\(AlertmanagerAlert.time(state.lastWindowStart)).",
          ],
          startsAt: AlertmanagerAlert.time(min(state.since, clock.now())), endsAt: nil)
        // The same annotation as the transition's post, so a re-post does not drop the link.
        if let publicURL = configuration.http?.publicURL {
          alert.annotations["dashboard_url"] = HTTPSettings.windowLink(
            publicURL: publicURL, monitor: monitor.name,
            windowStart: Timestamp.format(state.lastWindowStart))
        }
        for lane in rule.notify where lanes[lane] != nil {
          result[lane, default: []].append(alert)
        }
      }
    }
    return result
  }

  /// Re-posts until the task is cancelled.
  public func run() async {
    var last: [String: ContinuousClock.Instant] = [:]
    let tick = Duration.seconds(max(lanes.values.map(\.settings.repeatInterval).min() ?? 60, 1))
    while !Task.isCancelled {
      try? await Task.sleep(for: tick)
      guard !Task.isCancelled else { return }
      let alerts: [String: [AlertmanagerAlert]]
      do {
        alerts = try firingAlerts()
      } catch {
        log.error("alertmanager re-post: \(error)")
        continue
      }
      for (name, notifier) in lanes.sorted(by: { $0.key < $1.key }) {
        let due = last[name].map {
          ContinuousClock.now - $0 >= .seconds(notifier.settings.repeatInterval)
            - .milliseconds(500)
        }
        guard due ?? true, let firing = alerts[name], !firing.isEmpty else { continue }
        last[name] = .now
        switch await notifier.post(firing) {
        case .delivered: log.debug("alertmanager \(name): re-posted \(firing.count) firing alerts")
        case .retry(_, let reason), .dead(let reason):
          log.warning("alertmanager \(name): re-post failed, trying again later: \(reason)")
        }
      }
    }
  }
}
