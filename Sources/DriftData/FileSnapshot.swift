#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One read of a whole file into a fresh buffer, checked against the file's state (size, inode,
/// time stamps: ``FileState``) before and after so that a file rewritten meanwhile is not taken
/// for data.
///
/// A regular file is read as the `st_size` bytes it had when the read began, once its last
/// change is far enough in the past for a new write to move its time stamps. When it comes back
/// shorter (truncated under the reader), or its state moved while it was read (written, grown,
/// truncated), the read starts over, up to ``attempts`` times with a short pause between, and
/// then fails with an error naming the file: a prefix of a file being written is never taken for
/// the file. Pipes and FIFOs are read to end of input, without blocking forever: a FIFO that no
/// writer opens, or a writer that sends nothing, for ``idleTimeout`` seconds fails the read.
struct FileSnapshot {
  /// The bytes; the caller owns them and frees them with `deallocate()`.
  let buffer: UnsafeMutableRawPointer
  /// Number of bytes read.
  let count: Int

  /// Reads before giving up on a file that keeps changing.
  static let attempts = 4

  /// Seconds a pipe or FIFO may go without a writer or without new bytes before the read fails.
  static let idleTimeout = 60.0

  /// Reads the open file `fd` (opened with `O_NONBLOCK`, so a FIFO open did not wait), named
  /// `path` in errors.
  /// - Throws: ``DataError`` when the file cannot be read, is a directory, was truncated or
  ///   rewritten during every attempt, or is a pipe idle for `idleTimeout` seconds.
  static func load(_ fd: Int32, path: String, idleTimeout: Double) throws(DataError)
    -> FileSnapshot
  {
    var info = stat()
    if fstat(fd, &info) != 0 { throw failure(path, "cannot stat the file") }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw DataError(
        file: path, line: 0, column: 0, message: "is a directory, not a data file",
        hint: "name a .csv, .tsv or .jsonl file")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      return try stream(fd, path, idleTimeout: idleTimeout)
    }
    var attempt = 1
    while true {
      let before = try FileState.settled(fd, path: path)
      let size = Int(before.size)
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
      let got: Int
      let after: FileState
      do {
        got = try readPrefix(fd, into: buffer, count: size, path: path)
        after = try FileState(fd, path: path)
      } catch {
        buffer.deallocate()
        throw error
      }
      if got == size && after == before {
        return FileSnapshot(buffer: buffer, count: size)
      }
      buffer.deallocate()
      if attempt == attempts {
        throw DataError(
          file: path, line: 0, column: 0,
          message:
            "the file changed while it was being read (\(size) bytes when the read began, "
            + "\(after.size) after, \(attempts) attempts)",
          hint: "write data files to a temporary name and rename them into place when complete")
      }
      // Give the writer a moment to finish before the next attempt.
      usleep(UInt32(20_000 * attempt))
      attempt += 1
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

  /// Reads a pipe, FIFO or device to end of input, growing the buffer as needed. The descriptor
  /// is non-blocking: each wait for bytes is a `poll` of at most `idleTimeout` seconds. On Linux
  /// a FIFO that no writer has opened yet polls as not ready (no hang-up), so the wait covers a
  /// writer that never comes; once the last writer closes, `read` returns 0 (end of input).
  private static func stream(_ fd: Int32, _ path: String, idleTimeout: Double) throws(DataError)
    -> FileSnapshot
  {
    var capacity = 1 << 16
    var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    var used = 0
    let timeout = Int32(max(0, min(idleTimeout, 86_400)) * 1000)
    while true {
      if used == capacity {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
        bigger.copyMemory(from: buffer, byteCount: used)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
      }
      let got = read(fd, buffer + used, capacity - used)
      if got > 0 {
        used += got
        continue
      }
      if got == 0 {
        // End of input, or a FIFO not opened for writing yet (Linux reads 0 then too): a poll
        // tells them apart, as it reports a hang-up only after a writer came and went.
        if used > 0 || !isFIFO(fd) { break }
        let readiness = waitForBytes(fd, timeout)
        if readiness == .hangUp { break }
        if readiness == .idle {
          buffer.deallocate()
          throw DataError(
            file: path, line: 0, column: 0,
            message: "no writer opened the FIFO (or pipe) within \(seconds(idleTimeout)) seconds",
            hint: "start the program that writes to it first, or give a regular file")
        }
        continue
      }
      if errno == EINTR { continue }
      if errno == EAGAIN || errno == EWOULDBLOCK {
        if waitForBytes(fd, timeout) == .idle {
          buffer.deallocate()
          throw DataError(
            file: path, line: 0, column: 0,
            message: "no bytes came from the pipe within \(seconds(idleTimeout)) seconds",
            hint: "check that the program writing to it is still running")
        }
        continue
      }
      buffer.deallocate()
      throw failure(path, "cannot read the file")
    }
    return FileSnapshot(buffer: buffer, count: used)
  }

  /// What a `poll` for input saw.
  private enum Readiness { case ready, hangUp, idle }

  /// Polls `fd` for input for at most `timeout` milliseconds (retrying an interrupted poll with
  /// what remains of it).
  private static func waitForBytes(_ fd: Int32, _ timeout: Int32) -> Readiness {
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    var remaining = timeout
    while true {
      var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let result = poll(&entry, 1, remaining)
      if result > 0 {
        let events = Int32(entry.revents)
        return (events & Int32(POLLIN)) == 0 && (events & Int32(POLLHUP)) != 0 ? .hangUp : .ready
      }
      if result == 0 || errno != EINTR { return result == 0 ? .idle : .ready }
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      let spent = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1_000_000
      remaining = max(0, timeout - Int32(clamping: spent))
    }
  }

  /// `60` for 60.0, `0.3` for 0.3.
  private static func seconds(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  private static func isFIFO(_ fd: Int32) -> Bool {
    var info = stat()
    return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
  }

  /// An error about the whole file, with the system's reason from `errno`.
  static func failure(_ path: String, _ what: String, hint: String? = nil) -> DataError {
    let reason = String(cString: strerror(errno))
    return DataError(file: path, line: 0, column: 0, message: "\(what): \(reason)", hint: hint)
  }
}
