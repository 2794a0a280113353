import Synchronization

/// Working buffers that the features of one profile or one evaluation lend to each other: the
/// sort's scratch and `fligner`'s deviations.
///
/// Each of those buffers is as long as a column and lives only while one feature is worked on.
/// Allocated afresh, every one of them is memory the kernel must map and clear page by page on
/// first touch (on this kind of machine the largest single cost of a comparison, see
/// docs/performance.md), once per feature and side. Lent from here, a buffer is mapped once and
/// the next feature on any thread writes into pages already backed: a profile of 15 numeric
/// columns on 2 threads maps 2 sort buffers instead of 15.
///
/// The buffers are held only as long as this object: ``BaselineProfile`` and ``Evaluator`` make
/// one for their features and drop it before the multivariate work (whose peak memory would add
/// to the buffers'), so an idle daemon holds none. A buffer's contents are never read before
/// they are written (each borrower writes what it reads), so results are the same bits with or
/// without lending.
final class ScratchBuffers: Sendable {
  /// One buffer: `capacity` 8-byte slots, aligned to a huge page when large.
  private final class Buffer: @unchecked Sendable {
    // @unchecked Sendable: the memory is used by one borrower at a time (lent under the lock,
    // given back under it) and freed only in deinit, when no borrower holds it.
    let base: UnsafeMutableRawPointer
    let capacity: Int

    init(capacity: Int) {
      self.capacity = capacity
      let bytes = capacity * 8
      let large = bytes >= HugePages.minimumBytes
      // 2 MiB-aligned when large: the whole buffer can be backed by huge pages, where an
      // unaligned one leaves its head and tail in small pages.
      base = UnsafeMutableRawPointer.allocate(
        byteCount: bytes, alignment: large ? HugePages.size : 16)
      HugePages.advise(base, byteCount: bytes)
    }

    deinit { base.deallocate() }
  }

  /// Buffers not lent out.
  private let idle = Mutex<[Buffer]>([])

  /// An empty set of buffers.
  init() {}

  /// Calls `body` with a buffer of at least `count` 8-byte slots (uninitialised, or holding
  /// what a previous borrower wrote: `body` must write every slot before it reads it), lent
  /// for the call only.
  ///
  /// - Parameters:
  ///   - count: Slots needed (> 0).
  ///   - body: Work on the buffer; the pointer must not escape the call.
  func withBuffer<Result, Failure: Error>(
    count: Int, _ body: (UnsafeMutableRawPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let buffer = borrow(count: count)
    defer { idle.withLock { $0.append(buffer) } }
    return try body(buffer.base)
  }

  /// An idle buffer of at least `count` slots, or a new one; an idle buffer too small for the
  /// request is dropped instead of kept beside the new one (columns of one profile have about
  /// the same length, so this rarely happens).
  private func borrow(count: Int) -> Buffer {
    let taken = idle.withLock { buffers -> Buffer? in
      if let index = buffers.firstIndex(where: { $0.capacity >= count }) {
        return buffers.remove(at: index)
      }
      if !buffers.isEmpty { buffers.removeLast() }
      return nil
    }
    if let taken { return taken }
    // Large buffers are rounded up to whole huge pages: columns a little longer than the
    // first (fewer missing values) fit in it too.
    let slotsPerPage = HugePages.size / 8
    let capacity =
      count * 8 >= HugePages.minimumBytes
      ? (count + slotsPerPage - 1) / slotsPerPage * slotsPerPage : max(count, 1)
    return Buffer(capacity: capacity)
  }
}
