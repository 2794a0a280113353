import CGSL
import DriftStats
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// OpenBLAS's own worker threads are stopped by ``GSL/prepare()`` (they spin for about 0.1 s
/// after the library loads) and stay stopped through matrix products.
@Suite struct OpenBLASThreadsTests {
  /// OpenBLAS's flag for a running thread pool (`blas_server_avail`, exported by libopenblas),
  /// or nil where the symbol is absent.
  static func poolRunning() -> Bool? {
    // A null handle is RTLD_DEFAULT: every loaded library, in load order.
    guard let flag = dlsym(nil, "blas_server_avail") else { return nil }
    return flag.load(as: Int32.self) != 0
  }

  @Test func prepareStopsTheWorkers() throws {
    GSL.prepare()
    #expect(try #require(Self.poolRunning()) == false)
  }

  @Test func aLargeProductDoesNotStartThemAgain() throws {
    GSL.prepare()
    // 256 x 256: large enough that a multi-threaded OpenBLAS would hand it to its workers.
    let size = 256
    let a = try #require(gsl_matrix_alloc(size, size))
    let b = try #require(gsl_matrix_alloc(size, size))
    let c = try #require(gsl_matrix_alloc(size, size))
    defer {
      gsl_matrix_free(a)
      gsl_matrix_free(b)
      gsl_matrix_free(c)
    }
    gsl_matrix_set_all(a, 0.5)
    gsl_matrix_set_all(b, 2)
    #expect(gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1, a, b, 0, c) == GSL_SUCCESS)
    #expect(gsl_matrix_get(c, 3, 7) == Double(size))
    #expect(try #require(Self.poolRunning()) == false)
  }
}
