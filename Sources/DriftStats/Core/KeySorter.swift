/// Sorts the unsigned keys of ``Sorting`` by their most significant digits first, and writes the
/// doubles they stand for.
///
/// The LSD radix sort this replaces scattered every key of a column five times through memory
/// (five 11-bit digits of a 53-56-bit span), each pass writing to 2,048 places at once: it was
/// bound by memory, a fifth of `compare`'s CPU. Here one pass scatters the keys into up to 2,048
/// buckets by the top bits of their offset from the range's smallest key; each bucket (a few
/// hundred keys on a million-row column, inside the L1 or L2 cache) is then sorted the same way
/// on the top bits of its own range (its smallest and largest key, found by a scan), until a
/// bucket holds few enough keys for an insertion sort or only equal keys. A bucket that gets
/// most of the keys (values packed in one binary order of magnitude, or heavy ties) is split
/// again on its own, narrower range, so no shape of data costs more than about one pass per
/// level, and there are at most 64 levels (every level takes at least one bit off the span).
///
/// The keys have one total order (``Sorting/key(_:)``: -0 before +0), so any correct sort of them
/// gives the same sequence: the result is bit for bit that of the LSD sort.
struct KeySorter {
  /// The widest digit: 2,048 counters stay in the L1 cache, and 2,048 write streams are what the
  /// LSD passes used.
  static let maximumDigitBits = 11
  /// Buckets of at most this many keys are insertion-sorted.
  static let insertionLimit = 16
  /// Counter slots per level (one digit's buckets).
  private static let levelStride = 1 << maximumDigitBits
  /// Levels: every level takes at least one bit off the span of a 64-bit key.
  private static let maximumLevels = 65

  /// Sorts the keys held in `storage` (bit patterns of ``Sorting/key(_:)`` stored as doubles)
  /// and leaves there the doubles they stand for, in order. `smallest` and `largest` are the
  /// smallest and largest of the keys.
  ///
  /// The result is written over the keys (each node of the sort writes its doubles over the
  /// index range it sorted, once its keys there are no longer read): no fresh output array, whose
  /// first-touch page faults cost about as much as one scatter pass.
  static func sortInPlace(_ storage: inout [Double], smallest: UInt64, largest: UInt64) {
    let count = storage.count
    guard count > 0 else { return }
    // Every slot a level reads was written by that level's scatter (trivial UInt64s).
    var scratch = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
      if let base = buffer.baseAddress {
        HugePages.advise(UnsafeMutableRawPointer(base), byteCount: buffer.count * 8)
      }
      initialized = count
    }
    // Each level zeroes the counters it uses before reading them; only levels used are touched.
    var counters = [Int](unsafeUninitializedCapacity: levelStride * maximumLevels) {
      _, initialized in initialized = levelStride * maximumLevels
    }
    // Unsafe pointers from withUnsafe*BufferPointer, valid for the calls: no copy-on-write or
    // exclusivity check per key. baseAddress is non-nil: count > 0 and the counters are many.
    storage.withUnsafeMutableBufferPointer { storage in
      // Double and UInt64 have the same size and alignment. While rebound, the memory is read
      // and written only as UInt64: the doubles are written as their bit patterns.
      storage.baseAddress.unsafelyUnwrapped.withMemoryRebound(to: UInt64.self, capacity: count) {
        keys in
        scratch.withUnsafeMutableBufferPointer { scratch in
          counters.withUnsafeMutableBufferPointer { counters in
            let sorter = KeySorter(counters: counters.baseAddress.unsafelyUnwrapped)
            sorter.sort(
              keys, spare: scratch.baseAddress.unsafelyUnwrapped, out: keys, count: count,
              smallest: smallest, largest: largest, level: 0)
          }
        }
      }
    }
  }

  /// The counters of every level, `levelStride` each.
  private let counters: UnsafeMutablePointer<Int>

  /// Sorts the `count` keys at `keys` (smallest and largest given), using `spare` (as long) as
  /// scratch, and writes the doubles' bit patterns to `out`. `out` is the memory of `keys` or of
  /// `spare` (over the same indices): every double is written after the last read of the key
  /// stored at its address.
  private func sort(
    _ keys: UnsafeMutablePointer<UInt64>, spare: UnsafeMutablePointer<UInt64>,
    out: UnsafeMutablePointer<UInt64>, count: Int, smallest: UInt64, largest: UInt64, level: Int
  ) {
    if smallest == largest {
      let value = Sorting.value(smallest).bitPattern
      for index in 0..<count { out[index] = value }
      return
    }
    if count <= Self.insertionLimit {
      Self.insertionSort(keys, count: count, out: out)
      return
    }
    let span = largest &- smallest  // > 0
    let spanBits = UInt64.bitWidth - span.leadingZeroBitCount  // 1...64
    let countBits = Int.bitWidth - count.leadingZeroBitCount  // > 4: count > 16
    // About two keys a bucket at most (fewer counters to clear for a small bucket).
    let bits = min(Self.maximumDigitBits, countBits - 1, spanBits)
    let shift = UInt64(spanBits - bits)
    let buckets = 1 << bits
    // The smallest key has digit 0 and the largest a digit >= 1 (span >= 2^(spanBits - 1)), so
    // every level splits its keys into at least two buckets.
    let cursor = counters + level * Self.levelStride
    cursor.update(repeating: 0, count: buckets)
    for index in 0..<count {
      cursor[Int(truncatingIfNeeded: (keys[index] &- smallest) >> shift)] += 1
    }
    var running = 0
    var largestBucket = 0
    for digit in 0..<buckets {
      let size = cursor[digit]
      cursor[digit] = running
      running += size
      largestBucket = max(largestBucket, size)
    }
    for index in 0..<count {
      let key = keys[index]
      let digit = Int(truncatingIfNeeded: (key &- smallest) >> shift)
      spare[cursor[digit]] = key
      cursor[digit] += 1
    }
    if largestBucket <= Self.insertionLimit {
      // Every bucket is small: one insertion sort over them all moves each key only within its
      // own bucket, with few mispredicted branches (no loop over the buckets).
      Self.insertionSort(spare, count: count, out: out)
      return
    }
    // Now cursor[digit] is where bucket digit ends (and digit + 1 starts).
    var start = 0
    for digit in 0..<buckets {
      let end = cursor[digit]
      let size = end - start
      if size == 1 {
        out[start] = Sorting.value(spare[start]).bitPattern
      } else if size > 1 && size <= Self.insertionLimit {
        Self.insertionSort(spare + start, count: size, out: out + start)
      } else if size > 1 {
        let (low, high) = Self.range(spare + start, count: size)
        sort(
          spare + start, spare: keys + start, out: out + start, count: size, smallest: low,
          largest: high, level: level + 1)
      }
      start = end
    }
  }

  /// The smallest and largest of `count` (> 0) keys.
  @inline(__always)
  private static func range(_ keys: UnsafeMutablePointer<UInt64>, count: Int) -> (UInt64, UInt64) {
    var low = keys[0]
    var high = keys[0]
    for index in 1..<count {
      low = min(low, keys[index])
      high = max(high, keys[index])
    }
    return (low, high)
  }

  /// Sorts a few keys in place and writes their doubles to `out`.
  @inline(__always)
  private static func insertionSort(
    _ keys: UnsafeMutablePointer<UInt64>, count: Int, out: UnsafeMutablePointer<UInt64>
  ) {
    if count > 1 {
      for index in 1..<count {
        let key = keys[index]
        var slot = index
        while slot > 0 && keys[slot - 1] > key {
          keys[slot] = keys[slot - 1]
          slot -= 1
        }
        keys[slot] = key
      }
    }
    for index in 0..<count { out[index] = Sorting.value(keys[index]).bitPattern }
  }
}
