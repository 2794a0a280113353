import DriftConfig
import Hummingbird

/// Refuses request bodies over ``HTTPSettings/maxBodyBytes`` (413) without reading them: the
/// API only reads. (The time limit is on the store reads, see ``StoreQueue``; idle and slow
/// connections are closed by the channel's idle timeout.)
struct RequestLimitsMiddleware: RouterMiddleware {
  typealias Context = BasicRequestContext

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let length = request.headers[.contentLength].flatMap { Int($0) }
    if (length ?? 0) > HTTPSettings.maxBodyBytes || request.headers[.transferEncoding] != nil {
      return JSONResponse.error(
        .contentTooLarge,
        "request bodies are limited to \(HTTPSettings.maxBodyBytes) bytes; the API only reads")
    }
    return try await next(request, context)
  }
}
