import DriftStats
import Foundation
import Testing

@testable import DriftData

#if canImport(Glibc)
  import Glibc
#endif

/// A file written while it is read is read again or refused, never taken half old, half new;
/// a FIFO without a writer fails after a timeout instead of blocking the reader forever.
@Suite struct ChangedFileTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  /// `v` then `count` fixed-width values `first * 1_000_000 + i` (8 bytes a line).
  static func text(first: Int, count: Int) -> String {
    "v\n" + (0..<count).map { String(first * 1_000_000 + $0) + "\n" }.joined()
  }

  /// Writes `text` over the file at `path` in place (same inode, no truncation).
  static func overwrite(_ path: String, with text: String) {
    let fd = open(path, O_WRONLY)
    guard fd >= 0 else { return }
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let wrote = bytes[done...].withUnsafeBufferPointer {
        pwrite(fd, $0.baseAddress, $0.count, off_t(done))
      }
      if wrote <= 0 { break }
      done += wrote
    }
    close(fd)
  }

  @Test func aMappedFileWrittenAfterItWasMappedIsReportedChanged() throws {
    let text = Self.text(first: 1, count: 2_000)
    let path = try scratch.write(text, name: "same.csv")
    let file = try FileBytes(path: path)
    #expect(!file.wasChanged)
    // The same bytes written back: the size and the content are the same, the time stamps
    // are not (the open waited until the file's last change was a clock tick in the past).
    Self.overwrite(path, with: text)
    #expect(file.wasChanged)
    #expect(!file.wasTruncated)
    #expect(try !FileBytes(path: path).wasChanged)
  }

  @Test func aFileRewrittenDuringTheParseIsReadAgainAsTheNewVersion() throws {
    // Over 8 MB, so one thread reports progress (every 8 MB) with the parse half done.
    let count = 1_200_000
    let path = try scratch.write(Self.text(first: 1, count: count), name: "rewritten.csv")
    let newer = Self.text(first: 2, count: count)
    let rewrites = Counter()
    var options = ReadOptions()
    options.threads = 1
    options.progress = { done, total in
      guard done < total else { return }
      // Once: the producer rewrites the file in place with other values, same length. The
      // pages not parsed yet now hold the new version, the parsed ones the old.
      if rewrites.next() == 1 { Self.overwrite(path, with: newer) }
    }
    let values = try #require(try readTable(path, options).numbers("v")).compactMap { $0 }
    #expect(rewrites.value >= 1, "the rewrite never happened mid-parse")
    #expect(values.count == count)
    // Wholly the new version: no value of the old one survives.
    #expect(values.min() == 2_000_000)
    #expect(values.max() == Double(2_000_000 + count - 1))
  }

  @Test func aFifoWithoutAWriterFailsAfterTheTimeout() throws {
    let path = scratch.directory.appendingPathComponent("nobody.csv").path
    #expect(mkfifo(path, 0o600) == 0)
    let started = Date()
    do {
      _ = try FileBytes(path: path, idleTimeout: 0.3)
      Issue.record("a FIFO without a writer was read")
    } catch {
      #expect(error.file == path)
      #expect(error.message.contains("no writer opened the FIFO (or pipe) within 0.3 seconds"))
    }
    // Generous for a loaded machine; before, the open blocked forever.
    #expect(Date().timeIntervalSince(started) < 30)
  }

  @Test func aFifoWriterThatStallsFailsAfterTheTimeout() throws {
    let path = scratch.directory.appendingPathComponent("stalled.csv").path
    #expect(mkfifo(path, 0o600) == 0)
    // Holds the write end open without writing (O_RDWR opens a FIFO without waiting).
    let writer = open(path, O_RDWR | O_NONBLOCK)
    #expect(writer >= 0)
    defer { close(writer) }
    #expect(write(writer, "v\n1\n", 4) == 4)
    do {
      _ = try FileBytes(path: path, idleTimeout: 0.3)
      Issue.record("a FIFO whose writer stalled was taken as complete")
    } catch {
      #expect(error.file == path)
      #expect(error.message.contains("no bytes came from the pipe within 0.3 seconds"))
    }
  }
}

/// A count shared with a `@Sendable` callback.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  /// The count so far.
  var value: Int { lock.withLock { count } }

  /// Adds one and returns the new count.
  func next() -> Int {
    lock.withLock {
      count += 1
      return count
    }
  }
}
