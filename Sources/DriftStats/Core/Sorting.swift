import CGSL

/// Sorting of numeric columns.
enum Sorting {
  /// Sorts finite doubles ascending in place.
  static func sortAscending(_ values: inout [Double]) {
    GSL.prepare()
    values.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress, buffer.count > 1 else { return }
      gsl_sort(base, 1, buffer.count)
    }
  }
}
