/// Sorting of numeric columns.
///
/// GSL's `gsl_sort` is a heapsort: about 185 ms per million doubles here, which alone would spend
/// the whole time budget of a 20-feature comparison. Columns are sorted instead by a radix sort
/// on the IEEE 754 bit patterns, mapped to unsigned keys whose order is the numeric order for
/// every finite double (``KeySorter``: most significant digits first, one scatter pass through
/// memory and the rest inside the cache). The keys are built in the same pass that drops NaN and
/// infinities, which also finds the smallest and largest key, and the sorted doubles are written
/// over the keys' own array. Linear in n, and exact.
enum Sorting {
  /// Below this many values an insertion-friendly comparison sort beats the radix passes.
  static let radixThreshold = 2048

  /// Sorts finite doubles ascending in place.
  static func sortAscending(_ values: inout [Double]) {
    if values.count < radixThreshold {
      values.sort()
      return
    }
    var smallest = UInt64.max
    var largest = UInt64.min
    values.withUnsafeMutableBufferPointer { values in
      // Each value is replaced by its key's bit pattern (a double's storage holds any 64 bits).
      for index in 0..<values.count {
        let key = key(values[index])
        values[index] = Double(bitPattern: key)
        smallest = min(smallest, key)
        largest = max(largest, key)
      }
    }
    KeySorter.sortInPlace(&values, smallest: smallest, largest: largest)
  }

  /// The finite values of `values`, sorted ascending, and how many were NaN and how many
  /// infinite: the same result as filtering, then ``sortAscending(_:)``, in one pass fewer.
  static func sortedFinite<C: Collection>(_ values: C) -> (
    sorted: [Double], missing: Int, infinite: Int
  ) where C.Element == Double {
    var counts = (kept: 0, missing: 0, infinite: 0, smallest: UInt64.max, largest: UInt64.min)
    // The keys' bit patterns, stored as doubles so that the sort can leave its result here.
    var keys = [Double](unsafeUninitializedCapacity: values.count) { buffer, initialized in
      let base = buffer.baseAddress.unsafelyUnwrapped  // only read when there are values
      if let start = buffer.baseAddress {
        HugePages.advise(UnsafeMutableRawPointer(start), byteCount: buffer.count * 8)
      }
      counts =
        values.withContiguousStorageIfAvailable { collectKeys($0, into: base) }
        ?? collectKeys(values, into: base)
      initialized = counts.kept
    }
    let (missing, infinite) = (counts.missing, counts.infinite)
    if keys.count < radixThreshold {
      // The comparison sort, as sortAscending does (it also decides the order of -0 and +0).
      var small = keys.map { value($0.bitPattern) }
      small.sort()
      return (small, missing, infinite)
    }
    KeySorter.sortInPlace(&keys, smallest: counts.smallest, largest: counts.largest)
    if counts.kept < values.count - values.count / 8 {
      // The array keeps the capacity of the values left out; a profile holds the sorted values
      // for as long as it lives, so a column with many missing values gets an exact copy.
      let sorted = keys
      keys = [Double](unsafeUninitializedCapacity: sorted.count) { out, initialized in
        _ = out.initialize(from: sorted)
        initialized = sorted.count
      }
    }
    return (keys, missing, infinite)
  }

  /// Writes the keys of the finite values to `out` (as doubles with the key's bits), counts what
  /// was left out and finds the smallest and largest key. A function of its own (no closure capturing the counters), so the loop keeps
  /// them in registers.
  @inline(__always)
  private static func collectKeys<S: Sequence>(_ values: S, into out: UnsafeMutablePointer<Double>)
    -> (kept: Int, missing: Int, infinite: Int, smallest: UInt64, largest: UInt64)
  where S.Element == Double {
    var smallest = UInt64.max
    var largest = UInt64.min
    var kept = 0
    var missing = 0
    var infinite = 0
    for value in values {
      if value.isFinite {
        let key = key(value)
        out[kept] = Double(bitPattern: key)
        smallest = min(smallest, key)
        largest = max(largest, key)
        kept += 1
      } else if value.isNaN {
        missing += 1
      } else {
        infinite += 1
      }
    }
    return (kept, missing, infinite, smallest, largest)
  }

  /// Maps a double to an unsigned key with the same order: flip every bit of negatives, only the
  /// sign bit of the rest.
  @inline(__always)
  static func key(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  @inline(__always)
  static func value(_ key: UInt64) -> Double {
    Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
  }
}
