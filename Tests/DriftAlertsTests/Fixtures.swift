import DriftAlerts
import DriftStore
import Foundation
import Logging

/// Shared pieces: a store on disk, payloads, a dispatcher with a seeded backoff.
enum Fixtures {
  static let log = Logger(label: "driftwatch.tests") { _ in SwiftLogNoOpLogHandler() }

  static let t0: Int64 = 1_793_000_000

  static func store(in directory: TemporaryDirectory) throws -> DriftStore {
    try DriftStore(path: directory.file("history.db"))
  }

  /// A payload as the alert-rules branch writes it.
  static func payload(id: String, status: String = "firing") -> [UInt8] {
    let json = """
      {"version":1,"id":"\(id)","monitor":"credit-model","rule":"feature-drift",\
      "severity":"critical","status":"\(status)","window":{"start":1792998000,"end":1793001600},\
      "features":[{"name":"income","state":"firing","tests":[{"test":"ks","statistic":0.31,\
      "p_value":0.00012,"threshold":"p < 0.01","drifted":true}]},{"name":"region","state":"firing",\
      "tests":[{"test":"psi","statistic":0.42,"p_value":null,"threshold":"stat > 0.2","drifted":true}]}],\
      "dataset":{"drifted_share":0.5},"history_command":"driftwatch history --monitor credit-model",\
      "created_at":1793001700}
      """
    return Array(json.utf8)
  }

  static func enqueue(_ store: DriftStore, id: String, notifiers: [String], at now: Int64 = t0)
    throws
  {
    try store.enqueue(
      notificationID: id, notifiers: notifiers, monitorID: 1, windowStart: 1_792_998_000,
      payload: payload(id: id), now: now)
  }

  static func dispatcher(
    _ store: DriftStore, _ notifiers: [String: any Notifier], maxAge: Int64 = 86_400
  ) -> Dispatcher {
    Dispatcher(
      store: store, notifiers: notifiers, log: log, maxAge: maxAge,
      backoff: Backoff(base: 30, cap: 3600, seed: 42))
  }
}
