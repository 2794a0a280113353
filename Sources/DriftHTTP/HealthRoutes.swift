import DriftViews
import Hummingbird

/// `/healthz` (the process answers) and `/readyz` (database open, scheduler running, no
/// monitor stuck). Neither needs a token: they say nothing about the data.
struct HealthRoutes {
  let state: APIState

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("healthz") { _, _ in JSONResponse.make(.object([("status", .string("ok"))])) }
    router.get("readyz") { _, _ in await readiness() }
  }

  private func readiness() async -> Response {
    let database: String
    do {
      try await state.reads.run { [state] in
        try state.store.checkFileIdentity()
        _ = try state.store.outboxBacklog()
      }
      database = "ok"
    } catch {
      database = "\(error)"
    }
    let running = state.isSchedulerRunning
    let stuck = state.heartbeat.stuckMonitors()
    let ready = database == "ok" && running && stuck.isEmpty
    return JSONResponse.make(
      .object([
        ("ready", .bool(ready)),
        ("database", .string(database)),
        ("scheduler_running", .bool(running)),
        ("stuck_monitors", .array(stuck.map { .string($0) })),
      ]), status: ready ? .ok : .serviceUnavailable)
  }
}
