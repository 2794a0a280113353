import CGSL

/// The process-wide GSL set-up that every GSL call in DriftStats relies on.
///
/// GSL's default error handler calls `abort()`. We switch it off once per process and check the
/// status code of every call instead, turning failures into ``StatsError``.
enum GSL {
  // Swift runs a global's initializer exactly once, thread-safely (swift_once).
  private static let configured: Bool = {
    gsl_set_error_handler_off()
    return true
  }()

  /// Makes sure the abort-on-error handler is off. Cheap after the first call.
  @inline(__always)
  static func prepare() {
    _ = configured
  }

  /// Turns a GSL status code into a thrown ``StatsError`` naming the computation.
  static func check(_ status: Int32, _ what: @autoclosure () -> String) throws(StatsError) {
    guard status == GSL_SUCCESS else {
      let reason = gsl_strerror(status).map { String(cString: $0) } ?? "status \(status)"
      throw StatsError("\(what()) failed in GSL: \(reason)")
    }
  }
}
