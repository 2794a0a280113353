import CFileGuard

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a whole file: memory-mapped when it is a regular file, read otherwise.
///
/// A mapped file that another process truncates while it is parsed raises SIGBUS on the first
/// page past the new end. Each mapping is registered with the SIGBUS guard (`CFileGuard`), which
/// turns the rest of the mapping into zeros instead of letting the signal kill the process, and
/// ``wasTruncated`` tells the reader to discard what it parsed and read the file again.
/// A file truncated and written back (or rewritten in place) before the parse touched the pages
/// past its new end raises no signal: its state (``FileState``: size, inode, time stamps) is
/// taken when it is mapped and again after the parse, and ``wasChanged`` reports any difference,
/// so a prefix of a file being rewritten is never taken for the file.
/// Mapping, not reading, because copying a 165 MB file into fresh memory costs several times
/// what mapping it does (measured on the `make bench` files).
///
/// The bytes are never written after loading, so sharing the pointer between the worker
/// threads that parse disjoint chunks is safe; hence `@unchecked Sendable`.
final class FileBytes: @unchecked Sendable {
  /// Start of the bytes (a valid pointer even for an empty file).
  let base: UnsafePointer<UInt8>
  /// Number of bytes.
  let count: Int
  /// The guard slot of a mapping, or nil for bytes in owned memory.
  private let guardSlot: Int32?
  private let allocation: UnsafeMutableRawPointer?
  /// The open mapped file and its state when it was mapped (-1 and nil for owned memory).
  private let descriptor: Int32
  private let mappedState: FileState?
  private let path: String

  /// Maps (or reads) the file at `path`.
  /// - Parameter idleTimeout: Seconds a pipe or FIFO may stay without a writer or without new
  ///   bytes before the read fails (see ``FileSnapshot``).
  init(path: String, idleTimeout: Double = FileSnapshot.idleTimeout) throws(DataError) {
    self.path = path
    // Non-blocking: opening a FIFO must not wait for a writer that may never come.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 {
      throw FileSnapshot.failure(
        path, "cannot open the file",
        hint: "check the path and that the file is readable by this user")
    }
    let mapping: (base: UnsafePointer<UInt8>, count: Int, slot: Int32, state: FileState)?
    do {
      mapping = try Self.map(fd, path: path)
    } catch {
      close(fd)
      throw error
    }
    if let mapping {
      (base, count, guardSlot, allocation) = (mapping.base, mapping.count, mapping.slot, nil)
      (descriptor, mappedState) = (fd, mapping.state)
      return
    }
    defer { close(fd) }
    let snapshot = try FileSnapshot.load(fd, path: path, idleTimeout: idleTimeout)
    allocation = snapshot.buffer
    base = UnsafePointer(snapshot.buffer.assumingMemoryBound(to: UInt8.self))
    count = snapshot.count
    guardSlot = nil
    (descriptor, mappedState) = (-1, nil)
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
    guardSlot = nil
    (descriptor, mappedState, path) = (-1, nil, "")
  }

  /// Whether the file was truncated under the mapping while it was read: some bytes read as
  /// zeros, so nothing parsed from this object can be trusted.
  var wasTruncated: Bool {
    guard let guardSlot else { return false }
    return driftwatch_file_guard_truncated(guardSlot) != 0
  }

  /// Whether the mapped file was truncated, written or replaced in place since it was mapped
  /// (its ``FileState`` moved), or cannot be checked: what was parsed may mix two versions.
  /// Always false for bytes in owned memory (``FileSnapshot`` checks its own read).
  var wasChanged: Bool {
    guard let mappedState else { return false }
    if wasTruncated { return true }
    guard let now = try? FileState(descriptor, path: path) else { return true }
    return now != mappedState
  }

  /// A guarded read-only mapping of the open regular, non-empty file `fd`, with its settled
  /// state (``FileState/settled(_:path:)``) taken before mapping; nil when the file is
  /// something else, or mapping or guarding it failed (the caller reads it instead).
  private static func map(_ fd: Int32, path: String) throws(DataError) -> (
    base: UnsafePointer<UInt8>, count: Int, slot: Int32, state: FileState
  )? {
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else {
      return nil
    }
    let state = try FileState.settled(fd, path: path)
    guard state.size > 0 else { return nil }
    let size = Int(state.size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED
    else { return nil }
    let slot = driftwatch_file_guard_register(address, size)
    guard slot >= 0 else {
      munmap(address, size)
      return nil
    }
    // Sequential first pass, random-ish afterwards: ask for read-ahead.
    _ = madvise(address, size, MADV_WILLNEED)
    return (UnsafePointer(address.assumingMemoryBound(to: UInt8.self)), size, slot, state)
  }

  /// Lets the kernel drop the mapped pages wholly inside bytes `[from, to)` from this process's
  /// memory once they are parsed, so peak memory is the table, not the table plus the file.
  /// Reading them again (a second pass, an error message) faults them back in from the file.
  func release(from: Int, to: Int) {
    guard guardSlot != nil else { return }
    let page = Self.pageSize
    let start = (from + page - 1) / page * page
    let end = to / page * page
    if end > start {
      _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }
  }

  private static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

  deinit {
    if descriptor >= 0 { close(descriptor) }
    if let guardSlot {
      driftwatch_file_guard_unregister(guardSlot)
      munmap(UnsafeMutableRawPointer(mutating: base), count)
    } else {
      allocation?.deallocate()
    }
  }
}
