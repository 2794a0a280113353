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
    finish(&keys, smallest: counts.smallest, largest: counts.largest)
    return (keys, counts.missing, counts.infinite)
  }

  /// Sorts the finite values of `values` ascending in the array's own storage and returns how
  /// many were NaN and how many infinite: `values` ends as ``sortedFinite(_:)``'s array, bit for
  /// bit, without a fresh array for the keys when it is uniquely referenced (a column taken over
  /// from its table). A shared array is copied first by copy-on-write, so whoever else holds it
  /// never sees a change.
  static func sortFinite(inPlace values: inout [Double]) -> (missing: Int, infinite: Int) {
    let total = values.count
    var counts = (kept: 0, missing: 0, infinite: 0, smallest: UInt64.max, largest: UInt64.min)
    values.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      // The keys are compacted to the front over the values: the key of the value read at
      // index i is written at index kept <= i, after that value was read, and never over a
      // value still to be read. Both pointers are to the same doubles (aliasing allowed).
      counts = collectKeys(UnsafeBufferPointer(buffer), into: base)
    }
    // The dropped values' slots are cut from the count (the capacity stays; `finish` decides).
    values.removeLast(total - counts.kept)
    finish(&values, smallest: counts.smallest, largest: counts.largest)
    return (counts.missing, counts.infinite)
  }

  /// Sorts `keys` (bit patterns of ``key(_:)`` stored as doubles, `smallest` and `largest` the
  /// extremes) and leaves the doubles they stand for there, in order; an array that holds much
  /// more room than values is replaced by an exact copy.
  private static func finish(_ keys: inout [Double], smallest: UInt64, largest: UInt64) {
    if keys.count < radixThreshold {
      // The comparison sort, as sortAscending does (it also decides the order of -0 and +0).
      keys.withUnsafeMutableBufferPointer { keys in
        for index in keys.indices { keys[index] = value(keys[index].bitPattern) }
      }
      keys.sort()
    } else {
      KeySorter.sortInPlace(&keys, smallest: smallest, largest: largest)
    }
    if keys.count < keys.capacity - keys.capacity / 8 {
      // The array keeps the capacity of the values left out (or of a column's spare room); a
      // profile holds the sorted values for as long as it lives, so such an array gets an exact
      // copy. (`Array(keys)` would share the buffer, not copy it.)
      let sorted = keys
      keys = [Double](unsafeUninitializedCapacity: sorted.count) { out, initialized in
        _ = out.initialize(from: sorted)
        initialized = sorted.count
      }
    }
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
