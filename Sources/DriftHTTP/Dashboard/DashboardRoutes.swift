import DriftConfig
import DriftHTML
import DriftStore
import Foundation
import Hummingbird

/// The dashboard under `/dashboard`: an overview of every monitor and a history page per
/// monitor, HTML with inline SVG made on the server (no script). Read-only, behind the same
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
    let configuration = state.configuration
    guard configuration.monitor(named: name) != nil else {
      let names = configuration.monitors.map(\.name)
      throw APIError.notFound("no monitor '\(name)'; monitors: " + names.joined(separator: ", "))
    }
    let query = QueryReader(request: request, now: state.now())
    let until = try query.time("until") ?? state.now()
    let since = try query.time("since") ?? until - 7 * 86_400
    guard until > since else { throw APIError.badRequest("until must be after since") }
    let history = try await state.reads.run { [state] in
      try MonitorHistory.read(state.store, monitor: name, since: since, until: until)
    }
    let base = Self.link(monitor: name)
    var page = MonitorPage(history: history)
    page.ranges = [
      ("last day", "\(base)?since=-1d"), ("last week", "\(base)?since=-7d"),
      ("last month", "\(base)?since=-30d"),
    ]
    page.rangeForm = base
    return page.render()
  }
}
