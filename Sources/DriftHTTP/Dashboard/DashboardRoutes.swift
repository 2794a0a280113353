import DriftConfig
import DriftData
import DriftHTML
import DriftStore
import Foundation
import Hummingbird

/// The dashboard under `/dashboard`: an overview of every monitor, a history page per monitor,
/// a page per feature and per stored window, HTML with inline SVG made on the server (no script). Read-only, behind the same
/// authentication as the API (the middleware sits in front of every route).
struct DashboardRoutes {
  let state: APIState

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("dashboard") { _, _ in try await page { try await overview() } }
    router.get("dashboard/monitors/:name") { request, context in
      try await page {
        // Links percent-encode the name (see `link(monitor:)`); the router hands it over raw.
        let raw = context.parameters.get("name") ?? ""
        return try await monitor(request, name: raw.removingPercentEncoding ?? raw)
      }
    }
    router.get("dashboard/monitors/:name/features/:feature") { request, context in
      try await page {
        try await feature(
          request, name: Self.decoded(context.parameters.get("name")),
          feature: Self.decoded(context.parameters.get("feature")))
      }
    }
    router.get("dashboard/monitors/:name/windows/:start") { _, context in
      try await page {
        try await window(
          name: Self.decoded(context.parameters.get("name")),
          start: Self.decoded(context.parameters.get("start")))
      }
    }
  }

  /// A path parameter with its percent-encoding undone.
  static func decoded(_ raw: String?) -> String {
    let raw = raw ?? ""
    return raw.removingPercentEncoding ?? raw
  }

  /// The stable link to one feature's page of a monitor.
  static func link(monitor: String, feature: String) -> String {
    "\(link(monitor: monitor))/features/\(HTTPSettings.pathSegment(feature))"
  }

  /// The stable link to one window's page of a monitor (the start as the API writes times).
  static func link(monitor: String, window start: Int64) -> String {
    "\(link(monitor: monitor))/windows/\(Timestamp.format(start))"
  }

  /// The monitor's configuration, or a 404 naming the monitors there are.
  private func configured(_ name: String) throws(APIError) -> MonitorConfiguration {
    let configuration = state.configuration
    guard let monitor = configuration.monitor(named: name) else {
      let names = configuration.monitors.map(\.name)
      throw APIError.notFound("no monitor '\(name)'; monitors: " + names.joined(separator: ", "))
    }
    return monitor
  }

  /// `since` and `until` from the query (default: the 7 days before now).
  private func range(_ request: Request) throws(APIError) -> (since: Int64, until: Int64) {
    let query = QueryReader(request: request, now: state.now())
    let until = try query.time("until") ?? state.now()
    let since = try query.time("since") ?? until - 7 * 86_400
    guard until > since else { throw APIError.badRequest("until must be after since") }
    return (since, until)
  }

  /// Links to the last day, week and month under `base`.
  private static func ranges(_ base: String, extra: String = "") -> [(label: String, href: String)]
  {
    [
      ("last day", "\(base)?since=-1d\(extra)"), ("last week", "\(base)?since=-7d\(extra)"),
      ("last month", "\(base)?since=-30d\(extra)"),
    ]
  }

  private func feature(_ request: Request, name: String, feature: String) async throws -> String {
    _ = try configured(name)
    let (since, until) = try range(request)
    let query = QueryReader(request: request, now: state.now())
    let window = try query.time("window")
    let history = try await state.reads.run { [state] in
      try FeatureHistory.read(
        state.store, monitor: name, feature: feature, since: since, until: until, window: window)
    }
    // Nothing in the range: a 404 when the newest window has no such feature (a mistyped or
    // renamed one), else the page says the range is empty.
    if history.windows.isEmpty, try await !mayHave(name, feature) {
      throw APIError.notFound("monitor '\(name)' has no stored results for feature '\(feature)'")
    }
    let base = Self.link(monitor: name, feature: feature)
    var page = FeaturePage(history: history)
    let keep = window.map { "&window=\(Timestamp.format($0))" } ?? ""
    page.ranges = Self.ranges(base, extra: keep)
    page.rangeForm = base
    page.monitorLink = Self.link(monitor: name)
    page.windowLink = { Self.link(monitor: name, window: $0) }
    return page.render()
  }

  /// Whether `feature` has a stored result in the monitor's newest window (true when nothing
  /// is stored yet: there is nothing to tell it by).
  private func mayHave(_ monitor: String, _ feature: String) async throws -> Bool {
    try await state.reads.run { [state] in
      guard let newest = try state.store.lastWindowStart(monitor: monitor) else { return true }
      return try state.store.history(
        HistoryQuery(monitor: monitor, feature: feature, since: newest, until: newest + 1)
      ).isEmpty == false
    }
  }

  private func window(name: String, start text: String) async throws -> String {
    let monitor = try configured(name)
    guard let start = Timestamp.parse(text, now: state.now()) else {
      throw APIError.badRequest(
        "'\(text)' is not a window start; write it as the API does, e.g. 2026-11-02T00:00:00Z")
    }
    let found = try await state.reads.run { [state] in
      try WindowPage.read(state.store, monitor: name, start: start)
    }
    guard var page = found else {
      throw APIError.notFound(
        "monitor '\(name)' has no stored window starting at \(Timestamp.format(start))")
    }
    let size = monitor.schedule.window
    page.monitorLink = Self.link(monitor: name)
    page.featureLink = { Self.link(monitor: name, feature: $0) }
    page.neighbours = (
      Self.link(monitor: name, window: Window(containing: start - 1, size: size).start),
      Self.link(monitor: name, window: page.end)
    )
    return page.render()
  }

  /// The stable link to a monitor's page.
  static func link(monitor: String) -> String {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    let encoded = monitor.addingPercentEncoding(withAllowedCharacters: allowed) ?? monitor
    return "/dashboard/monitors/\(encoded)"
  }

  private func page(_ body: () async throws -> String) async throws -> Response {
    do {
      return Self.html(try await body(), status: .ok)
    } catch let error as APIError {
      return Self.html(
        HTMLPage(title: "driftwatch", body: "<p>\(HTMLText.escape(error.message))</p>").render(),
        status: error.status)
    } catch let error as StoreError {
      let text = "the store cannot be read: \(error.message)"
      return Self.html(
        HTMLPage(title: "driftwatch", body: "<p>\(HTMLText.escape(text))</p>").render(),
        status: .serviceUnavailable)
    }
  }

  static func html(_ text: String, status: HTTPResponse.Status) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    headers[.cacheControl] = "no-store"
    headers[.contentSecurityPolicy] = HTMLPage.contentSecurityPolicy
    return Response(
      status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  private func overview() async throws -> String {
    let configuration = state.configuration
    let statuses = try await state.reads.run { [state] in try state.store.status() }
    let lines = configuration.monitors.map { monitor -> OverviewPage.Line in
      let status = statuses.first { $0.monitor == monitor.name }
      let last = status?.lastWindow
      return OverviewPage.Line(
        monitor: monitor.name, lastWindow: last?.window.start, lastStatus: last?.status.rawValue,
        driftedFeatures: last?.driftedFeatures ?? [], magnitude: last?.magnitude,
        failures: status?.counts[.failed] ?? 0, lastError: status?.lastError?.message)
    }
    return OverviewPage(lines: lines, link: { Self.link(monitor: $0) }).render()
  }

  private func monitor(_ request: Request, name: String) async throws -> String {
    _ = try configured(name)
    let (since, until) = try range(request)
    let history = try await state.reads.run { [state] in
      try MonitorHistory.read(state.store, monitor: name, since: since, until: until)
    }
    let base = Self.link(monitor: name)
    var page = MonitorPage(history: history)
    page.ranges = Self.ranges(base)
    page.rangeForm = base
    page.featureLink = { Self.link(monitor: name, feature: $0) }
    page.windowLink = { Self.link(monitor: name, window: $0) }
    return page.render()
  }
}
