/// Sorting of numeric columns.
///
/// GSL's `gsl_sort` is a heapsort: about 185 ms per million doubles here, which alone would spend
/// the whole time budget of a 20-feature comparison. Columns are sorted instead by an LSD radix
/// sort on the IEEE 754 bit patterns, mapped to unsigned keys whose order is the numeric order
/// for every finite double. The keys are built in the same pass that drops NaN and infinities,
/// and the smallest key is subtracted from all of them, so only the bits in which the column's
/// keys differ are sorted: 11-bit digits, as many passes as those bits need (five instead of six
/// for most real columns, whose values span a few binary orders of magnitude), and passes where
/// every key shares the digit are skipped. Linear in n, about 12 ms per million.
enum Sorting {
  /// Below this many values an insertion-friendly comparison sort beats the radix passes.
  static let radixThreshold = 2048
  /// Bits per radix digit: 2048 buckets, whose counters stay in the L1 cache.
  private static let digitBits = 11

  /// Sorts finite doubles ascending in place.
  static func sortAscending(_ values: inout [Double]) {
    if values.count < radixThreshold {
      values.sort()
      return
    }
    var keys = [UInt64](unsafeUninitializedCapacity: values.count) { buffer, initialized in
      values.withUnsafeBufferPointer { source in
        for index in 0..<source.count { buffer[index] = key(source[index]) }
      }
      initialized = values.count
    }
    values = sortedValues(&keys)
  }

  /// The finite values of `values`, sorted ascending, and how many were NaN and how many
  /// infinite: the same result as filtering, then ``sortAscending(_:)``, in one pass fewer.
  static func sortedFinite<C: Collection>(_ values: C) -> (
    sorted: [Double], missing: Int, infinite: Int
  ) where C.Element == Double {
    var missing = 0
    var infinite = 0
    let capacity = values.count
    var keys = [UInt64](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      var count = 0
      func take(_ value: Double) {
        if value.isNaN {
          missing += 1
        } else if value.isInfinite {
          infinite += 1
        } else {
          buffer[count] = key(value)
          count += 1
        }
      }
      if values.withContiguousStorageIfAvailable({ source in source.forEach(take) }) == nil {
        values.forEach(take)
      }
      initialized = count
    }
    if keys.count < radixThreshold {
      // The comparison sort, as sortAscending does (it also decides the order of -0 and +0).
      var small = keys.map(value)
      small.sort()
      return (small, missing, infinite)
    }
    return (sortedValues(&keys), missing, infinite)
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

  /// Radix-sorts `keys` (their contents are used as scratch) and returns the doubles in order.
  static func sortedValues(_ keys: inout [UInt64]) -> [Double] {
    let count = keys.count
    guard count > 0 else { return [] }
    var smallest = UInt64.max
    var largest: UInt64 = 0
    keys.withUnsafeBufferPointer { source in
      for key in source {
        smallest = min(smallest, key)
        largest = max(largest, key)
      }
    }
    let spanBits = UInt64.bitWidth - (largest - smallest).leadingZeroBitCount
    let passes = (spanBits + digitBits - 1) / digitBits
    let buckets = 1 << digitBits
    let mask = UInt64(buckets - 1)
    var histograms = [Int](repeating: 0, count: buckets * max(passes, 1))
    // Offsets from the smallest key: every pass's digit then carries information.
    keys.withUnsafeMutableBufferPointer { keys in
      histograms.withUnsafeMutableBufferPointer { counts in
        for index in 0..<count {
          let offset = keys[index] &- smallest
          keys[index] = offset
          for pass in 0..<passes {
            counts[
              pass * buckets + Int(truncatingIfNeeded: (offset >> UInt64(pass * digitBits)) & mask)] +=
              1
          }
        }
      }
    }
    var scratch = [UInt64](repeating: 0, count: count)
    var sourceIsKeys = true
    var offsets = [Int](repeating: 0, count: buckets)
    for pass in 0..<passes {
      let base = pass * buckets
      // A digit shared by every key leaves the order as it is.
      if histograms[base..<(base + buckets)].contains(count) { continue }
      var running = 0
      for digit in 0..<buckets {
        offsets[digit] = running
        running += histograms[base + digit]
      }
      let shift = UInt64(pass * digitBits)
      // Buffers from withUnsafe*BufferPointer: no copy-on-write check per element.
      func scatter(_ from: UnsafeBufferPointer<UInt64>, _ to: UnsafeMutableBufferPointer<UInt64>) {
        offsets.withUnsafeMutableBufferPointer { offsets in
          for key in from {
            let digit = Int(truncatingIfNeeded: (key >> shift) & mask)
            to[offsets[digit]] = key
            offsets[digit] += 1
          }
        }
      }
      if sourceIsKeys {
        keys.withUnsafeBufferPointer { from in
          scratch.withUnsafeMutableBufferPointer { scatter(from, $0) }
        }
      } else {
        scratch.withUnsafeBufferPointer { from in
          keys.withUnsafeMutableBufferPointer { scatter(from, $0) }
        }
      }
      sourceIsKeys.toggle()
    }
    let sorted = sourceIsKeys ? keys : scratch
    return [Double](unsafeUninitializedCapacity: count) { out, initialized in
      sorted.withUnsafeBufferPointer { source in
        for index in 0..<count { out[index] = value(source[index] &+ smallest) }
      }
      initialized = count
    }
  }
}
