import Foundation

/// Our ends of a child's pipes: writes its standard input, keeps the first 4 KiB of what it
/// prints. Each loop polls so ``stop()`` ends it even when a descendant of the child keeps the
/// other end open.
final class ChildPipes: @unchecked Sendable {
  /// How much of the output is kept (the rest is read and dropped, so the child never blocks).
  static let keep = 4096

  private let input: Int32
  private let output: Int32
  // Guarded by `lock`.
  private let lock = NSLock()
  private var data = Data()
  private var done = false
  private var stopped = false
  private var killed = false

  /// Takes ownership of both descriptors; each is closed by the loop that uses it.
  init(input: Int32, output: Int32) {
    self.input = input
    self.output = output
    _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
  }

  /// Writes `bytes` to the child's standard input, then closes it (EPIPE, a child that exits
  /// without reading, ends the write quietly).
  func write(_ bytes: [UInt8]) {
    defer { close(input) }
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count && !isStopped {
        let written = Foundation.write(input, base + offset, buffer.count - offset)
        if written >= 0 {
          offset += written
        } else if errno == EAGAIN {
          var ready = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
          _ = poll(&ready, 1, 100)
        } else if errno != EINTR {
          return
        }
      }
    }
  }

  /// Reads the child's output until end of file or ``stop()``.
  func collect() {
    defer {
      close(output)
      lock.withLock { done = true }
    }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !isStopped {
      var ready = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
      let events = poll(&ready, 1, 100)
      if events < 0 && errno != EINTR { return }
      guard events > 0 else { continue }
      let count = read(output, &buffer, buffer.count)
      if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { return }
      guard count > 0 else { continue }
      lock.withLock {
        let room = Self.keep - data.count
        if room > 0 { data.append(contentsOf: buffer.prefix(min(room, count))) }
      }
    }
  }

  /// Ends both loops at their next poll.
  func stop() { lock.withLock { stopped = true } }

  /// Records that the timeout stopped the child.
  func markTimedOut() { lock.withLock { killed = true } }

  /// Whether the output reached end of file (or the reader stopped).
  var finished: Bool { lock.withLock { done } }
  /// Whether ``markTimedOut()`` was called.
  var timedOut: Bool { lock.withLock { killed } }
  private var isStopped: Bool { lock.withLock { stopped } }

  /// What the child printed, trimmed.
  var text: String {
    lock.withLock {
      String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }
}
