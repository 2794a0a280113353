import DriftConfig
import DriftStats
import DriftStore
import DriftViews
import Hummingbird

/// The read API under `/api/v1/`: monitors with their status, feature and data-set history,
/// alert transitions. Every answer is built by the same views as the CLI's `--format json`.
struct APIRoutes {
  let state: APIState

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    let api = router.group("api/v1")
    api.get("monitors") { _, _ in try await answer { try await monitors() } }
    api.get("monitors/:name") { _, context in
      try await answer { try await monitor(context.parameters.get("name") ?? "") }
    }
    api.get("monitors/:name/history") { request, context in
      try await answer { try await history(request, monitor: context.parameters.get("name") ?? "") }
    }
    api.get("monitors/:name/dataset-history") { request, context in
      try await answer {
        try await datasetHistory(request, monitor: context.parameters.get("name") ?? "")
      }
    }
    api.get("alerts") { request, _ in try await answer { try await alerts(request) } }
  }

  /// Runs a handler, turning refusals and store failures into JSON errors.
  private func answer(_ body: () async throws -> JSONValue) async throws -> Response {
    do {
      return JSONResponse.make(try await body())
    } catch let error as APIError {
      return JSONResponse.error(error.status, error.message)
    } catch let error as StoreError {
      return JSONResponse.error(.serviceUnavailable, "the store cannot be read: \(error.message)")
    }
  }

  /// The configured monitor `name`, or a 404 naming the monitors there are.
  private func configured(_ name: String) throws(APIError) -> MonitorConfiguration {
    let configuration = state.configuration
    guard let monitor = configuration.monitor(named: name) else {
      let names = configuration.monitors.map(\.name)
      throw .notFound(
        "no monitor '\(name)'\(Suggestion.didYouMean(name, among: names)); monitors: "
          + names.joined(separator: ", "))
    }
    return monitor
  }

  private func monitors() async throws -> JSONValue {
    let configuration = state.configuration
    let now = state.now()
    let views = try await state.reads.run { [state] in
      try StatusView.all(configuration: configuration, store: state.store, now: now)
    }
    return .object([("monitors", .array(views.map(\.json)))])
  }

  private func monitor(_ name: String) async throws -> JSONValue {
    let monitor = try configured(name)
    let now = state.now()
    let status = try await state.reads.run { [state] in
      try state.store.status().first { $0.monitor == name }
    }
    return StatusView(monitor: monitor, status: status, now: now).json
  }

  private func history(_ request: Request, monitor name: String) async throws -> JSONValue {
    _ = try configured(name)
    let query = QueryReader(request: request, now: state.now())
    if query.string("feature") == DriftStore.datasetFeatureName {
      return try await datasetHistory(request, monitor: name)
    }
    let limit = try query.limit()
    var history = HistoryQuery(
      monitor: name, feature: query.string("feature"), test: try query.test(),
      since: try query.time("since") ?? state.now() - 7 * 86_400, until: try query.time("until"),
      driftedOnly: try query.flag("drifted_only"), limit: limit + 1)
    if let cursor = query.string("cursor") { history.after = try PageCursor.history(cursor) }
    let asked = history
    var rows = try await state.reads.run { [state] in try state.store.history(asked) }
    var next: JSONValue = .null
    if rows.count > limit {
      rows.removeLast(rows.count - limit)
      if let last = rows.last {
        next = .string(
          PageCursor.encode(
            HistoryCursor(
              windowStart: last.window.start, feature: last.result.feature,
              test: last.result.test.rawValue)))
      }
    }
    return .object([("results", .array(rows.map(HistoryView.json))), ("next_cursor", next)])
  }

  private func datasetHistory(_ request: Request, monitor name: String) async throws -> JSONValue {
    _ = try configured(name)
    let query = QueryReader(request: request, now: state.now())
    if query.string("test") != nil {
      throw APIError.badRequest("test applies to features; the data-set level has no tests")
    }
    let limit = try query.limit()
    var since = try query.time("since") ?? state.now() - 7 * 86_400
    if let cursor = query.string("cursor") {
      since = max(since, try PageCursor.number(cursor, kind: "d") + 1)
    }
    let until = try query.time("until")
    let driftedOnly = try query.flag("drifted_only")
    let from = since
    var rows = try await state.reads.run { [state] in
      try state.store.datasetHistory(
        monitor: name, since: from, until: until, driftedOnly: driftedOnly, limit: limit + 1)
    }
    var next: JSONValue = .null
    if rows.count > limit {
      rows.removeLast(rows.count - limit)
      if let last = rows.last { next = .string(PageCursor.encode(kind: "d", last.window.start)) }
    }
    return .object([
      ("results", .array(rows.map(DatasetHistoryView.json))), ("next_cursor", next),
    ])
  }

  private func alerts(_ request: Request) async throws -> JSONValue {
    let query = QueryReader(request: request, now: state.now())
    let monitor = query.string("monitor")
    if let monitor { _ = try configured(monitor) }
    let since = try query.time("since")
    let limit = try query.limit()
    let offset = try query.string("cursor").map { try PageCursor.number($0, kind: "a") } ?? 0
    let rows = try await state.reads.run { [state] in
      try state.store.alertEvents(monitor: monitor, since: since)
    }
    let start = min(Int(clamping: max(offset, 0)), rows.count)
    let end = min(start + limit, rows.count)
    let next: JSONValue =
      end < rows.count ? .string(PageCursor.encode(kind: "a", Int64(end))) : .null
    return .object([
      ("alerts", .array(rows[start..<end].map(AlertEventView.json))), ("next_cursor", next),
    ])
  }
}
