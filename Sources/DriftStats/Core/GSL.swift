import CGSL

#if canImport(Glibc)
  import Glibc
#endif

/// The process-wide GSL set-up that every GSL call in DriftStats relies on.
///
/// GSL's default error handler calls `abort()`. We switch it off once per process and check the
/// status code of every call instead, turning failures into ``StatsError``.
///
/// GSL's matrix products run on OpenBLAS, pinned here to one thread per call: a multi-threaded
/// product may split its sums differently with the number of cores free, and results must be
/// bit-identical run after run and at every `--threads` (our own chunking spreads the work).
///
/// OpenBLAS also starts a worker thread per extra core when it is loaded, before `main`, and
/// each spins in `sched_yield` for 2^28 CPU cycles (about 0.1 s) before it sleeps. That spin
/// took a core from the baseline read: its second chunk started about 60 ms after the first.
/// With one thread per call those workers never get work, so they are stopped here; the
/// executable calls ``prepare()`` first thing so that the spin ends within milliseconds.
package enum GSL {
  // Swift runs a global's initializer exactly once, thread-safely (swift_once).
  private static let configured: Bool = {
    gsl_set_error_handler_off()
    // In this order: `openblas_set_num_threads` starts the workers again if they were stopped.
    openblas_set_num_threads(1)
    // Single-threaded calls run on the caller and never start the workers again.
    stopOpenBLASThreads()
    return true
  }()

  /// The CPU kernel OpenBLAS picked (e.g. "Haswell"): products may round differently on another.
  static var blasCore: String {
    prepare()
    return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
  }

  /// Stops OpenBLAS's worker threads and joins them: `blas_thread_shutdown_`, which OpenBLAS's
  /// threaded builds export (their fork handler calls it). Looked up at run time, not linked: a
  /// single-threaded OpenBLAS (Debian's `libopenblas0-serial`, chosen by `update-alternatives`)
  /// has no such function and no threads, and the binary must still start there.
  private static func stopOpenBLASThreads() {
    typealias Shutdown = @convention(c) () -> Int32
    // A null handle is RTLD_DEFAULT: every library loaded, in load order.
    guard let symbol = dlsym(nil, "blas_thread_shutdown_") else { return }
    _ = unsafeBitCast(symbol, to: Shutdown.self)()
  }

  /// Makes sure the abort-on-error handler is off and OpenBLAS runs on the caller only, its
  /// own threads stopped. Cheap after the first call.
  @inline(__always)
  package static func prepare() {
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
