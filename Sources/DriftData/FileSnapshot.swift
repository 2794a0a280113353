#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One read of a whole file into a fresh buffer, checked against the file's size and
/// modification time before and after so that a file rewritten meanwhile is not taken for data.
///
/// A regular file is read as the `st_size` bytes it had when the read began. When it comes back
/// shorter (truncated under the reader), or its size shrank or its modification time moved while
/// it was read, the read starts over, up to ``attempts`` times with a short pause between. A file
/// that only grew (a producer appending) is accepted on the last attempt as the prefix that was
/// read, as if it had been read an instant earlier. Pipes and devices are read to end of input.
struct FileSnapshot {
  /// The bytes; the caller owns them and frees them with `deallocate()`.
  let buffer: UnsafeMutableRawPointer
  /// Number of bytes read.
  let count: Int

  /// Reads before giving up on a file that keeps changing.
  static let attempts = 4

  /// Reads the file at `path`.
  /// - Throws: ``DataError`` when the file cannot be opened or read, is a directory, or was
  ///   truncated or rewritten during every attempt.
  static func load(path: String) throws(DataError) -> FileSnapshot {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      throw failure(
        path, "cannot open the file",
        hint: "check the path and that the file is readable by this user")
    }
    defer { close(fd) }
    var before = try status(fd, path)
    if (before.st_mode & S_IFMT) == S_IFDIR {
      throw DataError(
        file: path, line: 0, column: 0, message: "is a directory, not a data file",
        hint: "name a .csv, .tsv or .jsonl file")
    }
    guard (before.st_mode & S_IFMT) == S_IFREG else { return try stream(fd, path) }
    var attempt = 1
    while true {
      let size = Int(before.st_size)
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
      let got: Int
      let after: stat
      do {
        got = try readPrefix(fd, into: buffer, count: size, path: path)
        after = try status(fd, path)
      } catch {
        buffer.deallocate()
        throw error
      }
      let complete = got == size && Int(after.st_size) >= size
      if complete && (unchanged(before, after) || attempt == attempts) {
        return FileSnapshot(buffer: buffer, count: size)
      }
      buffer.deallocate()
      if attempt == attempts {
        throw DataError(
          file: path, line: 0, column: 0,
          message:
            "the file changed while it was being read (\(size) bytes when the read began, "
            + "\(after.st_size) after, \(attempts) attempts)",
          hint: "write data files to a temporary name and rename them into place when complete")
      }
      // Give the writer a moment to finish before the next attempt.
      usleep(UInt32(20_000 * attempt))
      attempt += 1
      before = try status(fd, path)
    }
  }

  /// Reads up to `count` bytes from offset 0; fewer when the file ends sooner.
  private static func readPrefix(
    _ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, path: String
  ) throws(DataError) -> Int {
    var used = 0
    while used < count {
      let got = pread(fd, buffer + used, count - used, off_t(used))
      if got == 0 { break }
      if got < 0 {
        if errno == EINTR { continue }
        throw failure(path, "cannot read the file")
      }
      used += got
    }
    return used
  }

  /// Reads a pipe or device to end of input, growing the buffer as needed.
  private static func stream(_ fd: Int32, _ path: String) throws(DataError) -> FileSnapshot {
    var capacity = 1 << 16
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
        buffer.deallocate()
        throw failure(path, "cannot read the file")
      }
      used += got
    }
    return FileSnapshot(buffer: buffer, count: used)
  }

  private static func status(_ fd: Int32, _ path: String) throws(DataError) -> stat {
    var info = stat()
    if fstat(fd, &info) != 0 { throw failure(path, "cannot stat the file") }
    return info
  }

  /// Same size and modification time (nanoseconds): nothing was written in between.
  private static func unchanged(_ first: stat, _ second: stat) -> Bool {
    #if canImport(Darwin)
      let (a, b) = (first.st_mtimespec, second.st_mtimespec)
    #else
      let (a, b) = (first.st_mtim, second.st_mtim)
    #endif
    return first.st_size == second.st_size && a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec
  }

  /// An error about the whole file, with the system's reason from `errno`.
  private static func failure(_ path: String, _ what: String, hint: String? = nil) -> DataError {
    let reason = String(cString: strerror(errno))
    return DataError(file: path, line: 0, column: 0, message: "\(what): \(reason)", hint: hint)
  }
}
