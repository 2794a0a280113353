/// Sorting of numeric columns.
///
/// GSL's `gsl_sort` is a heapsort: about 185 ms per million doubles here, which alone would spend
/// the whole time budget of a 20-feature comparison. Columns are sorted instead by an LSD radix
/// sort on the IEEE 754 bit patterns, mapped to unsigned keys whose order is the numeric order
/// for every finite double: six passes of 11 bits, and passes where every key shares the digit
/// are skipped. The keys are built in the same pass that drops NaN and infinities, and the
/// smallest key is subtracted from all of them, so the high digits of a column whose values span
/// a few binary orders of magnitude are all zero and their passes skipped (five passes instead
/// of six for most real columns). Linear in n, and exact.
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
    var keys = [UInt64](unsafeUninitializedCapacity: values.count) { buffer, initialized in
      values.withUnsafeBufferPointer { source in
        for index in 0..<source.count {
          buffer[index] = key(source[index])
          smallest = min(smallest, buffer[index])
        }
      }
      initialized = values.count
    }
    values = sortedValues(&keys, smallest: smallest)
  }

  /// The finite values of `values`, sorted ascending, and how many were NaN and how many
  /// infinite: the same result as filtering, then ``sortAscending(_:)``, in one pass fewer.
  static func sortedFinite<C: Collection>(_ values: C) -> (
    sorted: [Double], missing: Int, infinite: Int
  ) where C.Element == Double {
    var counts = (kept: 0, missing: 0, infinite: 0, smallest: UInt64.max)
    var keys = [UInt64](unsafeUninitializedCapacity: values.count) { buffer, initialized in
      let base = buffer.baseAddress.unsafelyUnwrapped  // only read when there are values
      counts =
        values.withContiguousStorageIfAvailable { collectKeys($0, into: base) }
        ?? collectKeys(values, into: base)
      initialized = counts.kept
    }
    let (missing, infinite) = (counts.missing, counts.infinite)
    if keys.count < radixThreshold {
      // The comparison sort, as sortAscending does (it also decides the order of -0 and +0).
      var small = keys.map(value)
      small.sort()
      return (small, missing, infinite)
    }
    return (sortedValues(&keys, smallest: counts.smallest), missing, infinite)
  }

  /// Writes the keys of the finite values to `out`, counts what was left out and finds the
  /// smallest key. A function of its own (no closure capturing the counters), so the loop keeps
  /// them in registers.
  @inline(__always)
  private static func collectKeys<S: Sequence>(_ values: S, into out: UnsafeMutablePointer<UInt64>)
    -> (kept: Int, missing: Int, infinite: Int, smallest: UInt64) where S.Element == Double
  {
    var smallest = UInt64.max
    var kept = 0
    var missing = 0
    var infinite = 0
    for value in values {
      if value.isFinite {
        let key = key(value)
        out[kept] = key
        smallest = min(smallest, key)
        kept += 1
      } else if value.isNaN {
        missing += 1
      } else {
        infinite += 1
      }
    }
    return (kept, missing, infinite, smallest)
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
  /// `smallest` is the smallest key (the digits are those of each key's offset from it).
  static func sortedValues(_ keys: inout [UInt64], smallest: UInt64) -> [Double] {
    let count = keys.count
    guard count > 0 else { return [] }
    let digitBits = 11  // 2048 buckets: the counters stay in the L1 cache
    let passes = 6  // 6 x 11 = 66 >= 64 bits; digits above the span are 0 and skipped below
    let buckets = 1 << digitBits
    let mask = UInt64(buckets - 1)
    var histograms = [Int](repeating: 0, count: buckets * passes)
    // Offsets from the smallest key: the high digits of a narrow column become all zero.
    keys.withUnsafeBufferPointer { keys in
      histograms.withUnsafeMutableBufferPointer { counts in
        for index in 0..<count {
          let offset = keys[index] &- smallest
          for pass in 0..<passes {
            let digit = Int(truncatingIfNeeded: (offset >> UInt64(pass * digitBits)) & mask)
            counts[pass * buckets + digit] += 1
          }
        }
      }
    }
    // Every slot is written by the first pass that runs before any is read (trivial UInt64s).
    var scratch = [UInt64](unsafeUninitializedCapacity: count) { _, initialized in
      initialized = count
    }
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
      offsets.withUnsafeMutableBufferPointer { offsets in
        if sourceIsKeys {
          keys.withUnsafeBufferPointer { from in
            scratch.withUnsafeMutableBufferPointer {
              scatter(
                from, $0, offsets.baseAddress.unsafelyUnwrapped, smallest: smallest, shift: shift,
                mask: mask)
            }
          }
        } else {
          scratch.withUnsafeBufferPointer { from in
            keys.withUnsafeMutableBufferPointer {
              scatter(
                from, $0, offsets.baseAddress.unsafelyUnwrapped, smallest: smallest, shift: shift,
                mask: mask)
            }
          }
        }
      }
      sourceIsKeys.toggle()
    }
    let sorted = sourceIsKeys ? keys : scratch
    return [Double](unsafeUninitializedCapacity: count) { out, initialized in
      sorted.withUnsafeBufferPointer { source in
        for index in 0..<count { out[index] = value(source[index]) }
      }
      initialized = count
    }
  }

  /// One LSD pass: each key to the next free slot of its digit's bucket. Unsafe buffers (from
  /// withUnsafe*BufferPointer, valid for the call): no copy-on-write or exclusivity check per key.
  @inline(__always)
  private static func scatter(
    _ from: UnsafeBufferPointer<UInt64>, _ to: UnsafeMutableBufferPointer<UInt64>,
    _ offsets: UnsafeMutablePointer<Int>, smallest: UInt64, shift: UInt64, mask: UInt64
  ) {
    for key in from {
      let digit = Int(truncatingIfNeeded: ((key &- smallest) >> shift) & mask)
      to[offsets[digit]] = key
      offsets[digit] += 1
    }
  }
}
