import Hummingbird

/// `GET /metrics`: Prometheus text exposition (version 0.0.4).
struct MetricsRoute {
  let state: APIState
  let renderer: MetricsRenderer

  /// Adds the route to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("metrics") { _, _ in
      do {
        let configuration = state.configuration
        let now = state.now()
        let snapshot = try await state.reads.run { [state] in
          try MetricsSnapshot.read(store: state.store, configuration: configuration, now: now)
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(
          status: .ok, headers: headers,
          body: ResponseBody(byteBuffer: ByteBuffer(bytes: renderer.render(snapshot))))
      } catch let error as APIError {
        return JSONResponse.error(error.status, error.message)
      } catch {
        return JSONResponse.error(.serviceUnavailable, "the store cannot be read: \(error)")
      }
    }
  }
}
