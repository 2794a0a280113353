import DriftConfig
import Hummingbird

/// Refuses requests without one of the configured bearer tokens (`Authorization: Bearer ...`),
/// except the health checks. Tokens are compared in constant time (``BearerTokens``).
struct BearerAuthMiddleware: RouterMiddleware {
  typealias Context = BasicRequestContext

  let tokens: BearerTokens
  /// Paths answered without a token.
  static let open: Set<String> = ["/healthz", "/readyz"]

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if Self.open.contains(request.uri.path) { return try await next(request, context) }
    let header = request.headers[.authorization] ?? ""
    let prefix = "bearer "
    if header.count > prefix.count, header.lowercased().hasPrefix(prefix),
      tokens.contains(header.utf8.dropFirst(prefix.utf8.count))
    {
      return try await next(request, context)
    }
    var response = JSONResponse.error(.unauthorized, "a bearer token is required")
    response.headers[.wwwAuthenticate] = "Bearer realm=\"driftwatch\""
    return response
  }
}
