import CMemory
import Foundation
import Testing

/// `driftwatch_page_out_file_mappings` (the idle daemon's second release): it reclaims the pages
/// of read-only file mappings that hold no private copy, keeps their contents, and leaves
/// writable mappings and mappings with private (copy-on-write) pages alone. Each test maps a
/// file of its own and names it, so the test process's own code is not paged out.
@Suite struct PageOutTests {
  /// A temporary file of `pages` 4 KiB pages of a known pattern, written to disk.
  struct MappedFile {
    let path: String
    let byteCount: Int

    init(pages: Int) throws {
      let folder = try #require(Self.diskFolder(), "no temporary folder on a disk file system")
      path = folder + "/pageout-\(UUID().uuidString).bin"
      byteCount = pages * 4096
      let bytes = (0..<byteCount).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      // Clean page-cache pages, as code from an installed binary is.
      let fd = open(path, O_RDONLY)
      defer { close(fd) }
      fsync(fd)
    }

    /// A temporary folder whose files the kernel can page out: not tmpfs or ramfs, whose pages
    /// live in memory only (with no swap, `MADV_PAGEOUT` cannot reclaim them).
    static func diskFolder() -> String? {
      guard
        let mounts = try? String(
          decoding: PageOutTests.readProc("/proc/self/mounts"), as: UTF8.self)
      else { return nil }
      // (mount point, file system type), longest mount point first.
      let table = mounts.split(separator: "\n").compactMap { line -> (String, String)? in
        let fields = line.split(separator: " ")
        return fields.count > 2 ? (String(fields[1]), String(fields[2])) : nil
      }.sorted { $0.0.count > $1.0.count }
      let candidates = [FileManager.default.temporaryDirectory.path, "/var/tmp"]
      return candidates.first { folder in
        let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard access(resolved, W_OK) == 0,
          let mount = table.first(where: {
            resolved == $0.0 || resolved.hasPrefix($0.0 == "/" ? "/" : $0.0 + "/")
          })
        else { return false }
        return mount.1 != "tmpfs" && mount.1 != "ramfs"
      }
    }

    /// Maps the file with `protection` and `flags`.
    func map(protection: Int32, flags: Int32) throws -> UnsafeMutableRawPointer {
      let fd = open(path, protection & PROT_WRITE != 0 ? O_RDWR : O_RDONLY)
      try #require(fd >= 0)
      defer { close(fd) }
      let base = mmap(nil, byteCount, protection, flags, fd, 0)
      try #require(base != MAP_FAILED)
      return base!
    }

    /// The sum of every byte at `base`, which touches every page.
    func checksum(_ base: UnsafeRawPointer) -> Int {
      var sum = 0
      for index in 0..<byteCount { sum &+= Int(base.load(fromByteOffset: index, as: UInt8.self)) }
      return sum
    }

    func remove() { unlink(path) }
  }

  /// A procfs file's bytes, read to the end: procfs files report a size of 0, which whole-file
  /// readers trust.
  static func readProc(_ path: String) throws -> Data {
    let handle = try #require(FileHandle(forReadingAtPath: path))
    defer { try? handle.close() }
    return try handle.readToEnd() ?? Data()
  }

  /// The resident KiB of the mapping starting at `base`, from /proc/self/smaps.
  static func residentKiB(_ base: UnsafeRawPointer) throws -> Int {
    let smaps = String(decoding: try readProc("/proc/self/smaps"), as: UTF8.self)
    let start = String(UInt(bitPattern: base), radix: 16) + "-"
    var inside = false
    for line in smaps.split(separator: "\n") {
      if let first = line.first, first.isHexDigit, !first.isUppercase {
        inside = line.hasPrefix(start)
      } else if inside, line.hasPrefix("Rss:") {
        return Int(line.split(separator: " ")[1])!
      }
    }
    Issue.record("no mapping at \(start)")
    return -1
  }

  @Test func aReadOnlyMappingIsPagedOutAndKeepsItsContents() throws {
    let file = try MappedFile(pages: 2048)  // 8 MiB
    defer { file.remove() }
    let base = try file.map(protection: PROT_READ, flags: MAP_PRIVATE)
    defer { munmap(base, file.byteCount) }
    let before = file.checksum(base)
    #expect(try Self.residentKiB(base) >= 8000)
    #expect(driftwatch_page_out_file_mappings(file.path) == 1)
    #expect(try Self.residentKiB(base) < 1024)
    #expect(file.checksum(base) == before)
  }

  @Test func mappingsWithPrivatePagesOrWritableAreLeftAlone() throws {
    let file = try MappedFile(pages: 64)
    defer { file.remove() }
    // Written, then made read-only: a private copy, as relocated read-only data is.
    let relocated = try file.map(protection: PROT_READ | PROT_WRITE, flags: MAP_PRIVATE)
    defer { munmap(relocated, file.byteCount) }
    relocated.storeBytes(of: 0xAB, toByteOffset: 5, as: UInt8.self)
    let changed = file.checksum(relocated)
    try #require(mprotect(relocated, file.byteCount, PROT_READ) == 0)
    // Writable and shared.
    let shared = try file.map(protection: PROT_READ | PROT_WRITE, flags: MAP_SHARED)
    defer { munmap(shared, file.byteCount) }
    _ = file.checksum(shared)
    #expect(driftwatch_page_out_file_mappings(file.path) == 0)
    #expect(file.checksum(relocated) == changed)
    #expect(relocated.load(fromByteOffset: 5, as: UInt8.self) == 0xAB)
  }

  @Test func anotherPathIsNotAdvised() throws {
    let file = try MappedFile(pages: 16)
    defer { file.remove() }
    let base = try file.map(protection: PROT_READ, flags: MAP_PRIVATE)
    defer { munmap(base, file.byteCount) }
    _ = file.checksum(base)
    #expect(driftwatch_page_out_file_mappings(file.path + ".other") == 0)
    #expect(try Self.residentKiB(base) >= 64)
  }
}
