import DriftStats
import Foundation
import Testing

@testable import DriftData

/// A mapped file truncated under the reader does not kill the process, pipes are read to the
/// end, and the in-memory entry parses exactly as the file reader does.
@Suite struct FileSnapshotTests {
  let scratch: Scratch

  init() throws { scratch = try Scratch() }

  @Test(arguments: [DataFormat.csv, .jsonl])
  func bytesInMemoryReadLikeTheSameFile(format: DataFormat) throws {
    let text =
      format == .csv
      ? "a,b,t\n1.5,x,2026-01-01T00:00:00Z\n\"2\",\"y, z\",2026-01-02\n,NA,\n"
      : "{\"a\": 1.5, \"b\": \"x\"}\n{\"a\": null, \"b\": \"y\", \"t\": \"2026-01-02\"}\n"
    let path = try scratch.write(text, name: "f.\(format.rawValue)")
    let fromFile = try DataReader.read(path: path)
    let fromMemory = try DataReader.read(bytes: Array(text.utf8), name: path, format: format)
    #expect(identical(fromFile.table, fromMemory.table))
    #expect(fromFile.bytes == fromMemory.bytes)
  }

  @Test func errorsFromMemoryNameTheGivenName() throws {
    let error = #expect(throws: DataError.self) {
      try DataReader.read(bytes: Array("a\n1\nx\"y\n".utf8), name: "<stdin>", format: .csv)
    }
    #expect(error?.file == "<stdin>")
    let empty = #expect(throws: DataError.self) {
      try DataReader.read(bytes: [], name: "<stdin>", format: .jsonl)
    }
    #expect(empty?.message == "the file is empty")
  }

  @Test func aMappedFileTruncatedUnderTheReaderReadsAsZerosInsteadOfSIGBUS() throws {
    let text = "v\n" + (0..<20_000).map { "\($0)\n" }.joined()
    let path = try scratch.write(text, name: "big.csv")
    let file = try FileBytes(path: path)
    #expect(!file.wasTruncated)
    #expect(truncate(path, 2) == 0)
    // Without the guard, touching the pages past the new end raises SIGBUS and ends the test run.
    let copy = Array(UnsafeBufferPointer(start: file.base, count: file.count))
    #expect(file.wasTruncated)
    #expect(copy.count == text.utf8.count)
    #expect(copy[0..<2] == [UInt8(ascii: "v"), 10])
    #expect(copy[8192...].allSatisfy { $0 == 0 })
    // A fresh read sees the file as it is now.
    let again = try FileBytes(path: path)
    #expect(again.count == 2 && !again.wasTruncated)
  }

  @Test func aFifoIsReadToTheEnd() throws {
    let path = scratch.directory.appendingPathComponent("pipe.csv").path
    #expect(mkfifo(path, 0o600) == 0)
    let text = "v\n" + (0..<50_000).map { "\($0)\n" }.joined()
    let writer = Thread {
      // Non-blocking open, retried while no reader has the FIFO open (ENXIO) for at most a
      // minute: a reader that failed must not leave this thread blocked in open forever. A
      // signal meant for another test (SIGCHLD of a child process) may interrupt a write
      // (EINTR, or a short write): retry.
      var fd: Int32 = -1
      let deadline = Date().addingTimeInterval(60)
      while Date() < deadline {
        fd = open(path, O_WRONLY | O_NONBLOCK)
        if fd >= 0 || (errno != ENXIO && errno != EINTR) { break }
        usleep(1000)
      }
      // Blocking writes from here: the reader is there.
      if fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
      let bytes = Array(text.utf8)
      var written = 0
      while fd >= 0 && written < bytes.count {
        let count = bytes[written...].withUnsafeBufferPointer {
          write(fd, $0.baseAddress, $0.count)
        }
        if count > 0 {
          written += count
        } else if count < 0 && errno != EINTR {
          break
        }
      }
      if fd >= 0 { close(fd) }
    }
    writer.start()
    let table = try readTable(path)
    #expect(table.rowCount == 50_000)
    #expect(table.numbers("v")?.last == 49_999)
  }
}
