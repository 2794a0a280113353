#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a whole file, memory-mapped when it is a regular file, read otherwise.
///
/// The bytes are never written after loading, so sharing the pointer between the worker
/// threads that parse disjoint chunks is safe; hence `@unchecked Sendable`.
final class FileBytes: @unchecked Sendable {
  /// Start of the bytes (a valid pointer even for an empty file).
  let base: UnsafePointer<UInt8>
  /// Number of bytes.
  let count: Int
  private let mapped: Bool
  private let allocation: UnsafeMutableRawPointer?

  /// Opens and maps (or reads) the file at `path`.
  init(path: String) throws(DataError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let reason = String(cString: strerror(errno))
      throw DataError(
        file: path, line: 0, column: 0, message: "cannot open the file: \(reason)",
        hint: "check the path and that the file is readable by this user")
    }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) != 0 {
      let reason = String(cString: strerror(errno))
      throw DataError(file: path, line: 0, column: 0, message: "cannot stat the file: \(reason)")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw DataError(
        file: path, line: 0, column: 0, message: "is a directory, not a data file",
        hint: "name a .csv, .tsv or .jsonl file")
    }
    if (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 {
      let size = Int(info.st_size)
      let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
      if let address, address != MAP_FAILED {
        // Sequential first pass, random-ish afterwards: ask for read-ahead.
        _ = madvise(address, size, MADV_WILLNEED)
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        count = size
        mapped = true
        allocation = nil
        return
      }
    }
    // Pipes, devices, or a failed mmap: read everything.
    var capacity = max(Int(info.st_size), 1 << 16)
    var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    var used = 0
    while true {
      if used == capacity {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
        bigger.copyMemory(from: buffer, byteCount: used)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
      }
      let got = read(fd, buffer + used, capacity - used)
      if got == 0 { break }
      if got < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        buffer.deallocate()
        throw DataError(file: path, line: 0, column: 0, message: "cannot read the file: \(reason)")
      }
      used += got
    }
    base = UnsafePointer(buffer.assumingMemoryBound(to: UInt8.self))
    count = used
    mapped = false
    allocation = buffer
  }

  /// Lets the kernel drop the mapped pages wholly inside bytes `[from, to)` from this process's
  /// memory once they are parsed, so peak memory is the table, not the table plus the file.
  /// Reading them again (a second pass, an error message) faults them back in from the file.
  func release(from: Int, to: Int) {
    guard mapped else { return }
    let page = Self.pageSize
    let start = (from + page - 1) / page * page
    let end = to / page * page
    if end > start {
      _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }
  }

  private static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

  deinit {
    if mapped {
      munmap(UnsafeMutableRawPointer(mutating: base), count)
    } else {
      allocation?.deallocate()
    }
  }
}
