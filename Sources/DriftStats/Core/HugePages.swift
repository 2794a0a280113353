#if canImport(Glibc)
  import Glibc
#endif

/// Asks the kernel to back large, short-lived working buffers (a column being read, a sort's
/// keys and scratch) with 2 MiB transparent huge pages.
///
/// With transparent huge pages in `madvise` mode (Debian's default), fresh anonymous memory is
/// faulted in 4 KiB at a time: one fault, one page cleared, for every 4 KiB a column or sort
/// buffer first touches. On `compare` over 1M x 20 per side that was about 250,000 page faults
/// and most of its 0.5-0.6 s of system time. Inside a range given `MADV_HUGEPAGE`, one fault
/// maps and clears 2 MiB. Only the 2 MiB-aligned interior of a buffer is advised (a huge page
/// never reaches past the buffer into a neighbour's memory, so nothing is rounded up), and
/// only where it is called: on large working buffers, not on small or long-lived ones.
///
/// Advice only: the contents, and so every result, are the same with or without it; where the
/// kernel has no transparent huge pages (or another system), the call does nothing.
public enum HugePages {
  /// Size of one transparent huge page on x86-64 and most arm64 kernels.
  public static let size = 2 << 20
  /// Buffers smaller than this are not advised: no whole huge page fits inside them.
  public static let minimumBytes = 2 << 20

  /// Advises the whole 2 MiB-aligned pages inside `[start, start + byteCount)`; call it before
  /// the buffer is first written (pages already touched keep their small pages).
  /// - Parameters:
  ///   - start: Start of a buffer this code owns.
  ///   - byteCount: Length of the buffer in bytes.
  public static func advise(_ start: UnsafeMutableRawPointer, byteCount: Int) {
    #if os(Linux)
      guard byteCount >= minimumBytes else { return }
      let address = UInt(bitPattern: start)
      let first = (address + UInt(size) - 1) & ~UInt(size - 1)
      let end = (address + UInt(byteCount)) & ~UInt(size - 1)
      guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
      // Failure (EINVAL on a kernel without transparent huge pages) only leaves small pages.
      _ = madvise(aligned, Int(end - first), MADV_HUGEPAGE)
    #endif
  }

  /// Advises the reserved capacity of `array` (``advise(_:byteCount:)``), or only its first
  /// `expected` elements; call it right after `reserveCapacity`, before the elements are
  /// appended.
  ///
  /// A huge page is backed whole once any byte of it is written: a capacity reserved from an
  /// estimate with headroom should be advised only up to the count expected, so that the
  /// partly filled page at the end stays in small pages.
  /// - Parameters:
  ///   - array: An array whose buffer is uniquely referenced (just reserved).
  ///   - expected: Elements expected to be written (nil: the whole capacity).
  public static func adviseCapacity<Element>(_ array: inout [Element], expected: Int? = nil) {
    guard array.capacity * MemoryLayout<Element>.stride >= minimumBytes else { return }
    // The buffer pointer starts at the first element slot, whatever the count. Only its
    // address leaves the closure; the capacity is read after it, so that it is the capacity
    // of the buffer the address belongs to.
    let address = array.withUnsafeMutableBufferPointer { UInt(bitPattern: $0.baseAddress) }
    let byteCount = min(array.capacity, expected ?? array.capacity) * MemoryLayout<Element>.stride
    if let start = UnsafeMutableRawPointer(bitPattern: address) {
      advise(start, byteCount: byteCount)
    }
  }

  /// `count` zeros in a fresh array whose buffer is advised (``advise(_:byteCount:)``) before
  /// the zeros are written: the same array as `[Double](repeating: 0, count: count)`.
  /// - Parameter count: Number of elements.
  public static func zeros(count: Int) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      if let base = buffer.baseAddress {
        advise(UnsafeMutableRawPointer(base), byteCount: buffer.count * 8)
        base.initialize(repeating: 0, count: count)
      }
      initialized = count
    }
  }
}
