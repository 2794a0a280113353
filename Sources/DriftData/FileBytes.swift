#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a whole file, copied into memory this object owns.
///
/// Files are read with `pread(2)`, not memory-mapped: a mapped file that another process
/// truncates while it is parsed raises SIGBUS on the first page past the new end, which would
/// kill the daemon. A read either returns bytes or an error, and the snapshot is checked (see
/// ``FileSnapshot``) so a file rewritten during the read is read again or reported.
///
/// The bytes are never written after loading, so sharing the pointer between the worker
/// threads that parse disjoint chunks is safe; hence `@unchecked Sendable`.
final class FileBytes: @unchecked Sendable {
  /// Start of the bytes (a valid pointer even for an empty file).
  let base: UnsafePointer<UInt8>
  /// Number of bytes.
  let count: Int
  private let allocation: UnsafeMutableRawPointer

  /// Reads the file at `path` whole.
  init(path: String) throws(DataError) {
    let snapshot = try FileSnapshot.load(path: path)
    allocation = snapshot.buffer
    base = UnsafePointer(snapshot.buffer.assumingMemoryBound(to: UInt8.self))
    count = snapshot.count
  }

  /// Copies bytes already in memory (the in-memory entry of ``DataReader``).
  init(copying bytes: [UInt8]) {
    // At least 1 byte so `base` is a valid pointer for an empty input.
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
    bytes.withUnsafeBytes { source in
      if let start = source.baseAddress { buffer.copyMemory(from: start, byteCount: source.count) }
    }
    allocation = buffer
    base = UnsafePointer(buffer.assumingMemoryBound(to: UInt8.self))
    count = bytes.count
  }

  deinit {
    allocation.deallocate()
  }
}
