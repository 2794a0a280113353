import DriftViews
import Hummingbird

/// Builds the API's JSON answers.
enum JSONResponse {
  /// A JSON document with `status`.
  static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    headers[.cacheControl] = "no-store"
    return Response(
      status: status, headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(string: value.rendered(indent: 0) + "\n")))
  }

  /// `{"error": {"status": 404, "message": "..."}}`.
  static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
    make(
      .object([
        (
          "error",
          .object([("status", .int(status.code)), ("message", .string(message))])
        )
      ]), status: status)
  }
}

/// A request the API refuses, answered as a JSON error.
struct APIError: Error {
  /// The HTTP status.
  var status: HTTPResponse.Status
  /// What to tell the client.
  var message: String

  /// 400: a query parameter is wrong.
  static func badRequest(_ message: String) -> APIError {
    APIError(status: .badRequest, message: message)
  }

  /// 404: no such monitor.
  static func notFound(_ message: String) -> APIError {
    APIError(status: .notFound, message: message)
  }
}
