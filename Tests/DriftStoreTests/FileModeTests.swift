import DriftStore
import Foundation
import Testing

/// Database files driftwatch creates are not readable by other users, whatever the umask
/// (systemd's `UMask=0077` makes them 0600; a shell's usual 022 leaves 0640).
@Suite struct FileModeTests {
  /// The process's umask, read without changing it.
  static func umask() throws -> mode_t {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
    return try #require(mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
  }

  static func mode(_ path: String) -> mode_t {
    var status = stat()
    return stat(path, &status) == 0 ? status.st_mode & 0o777 : 0
  }

  @Test func newDatabaseWalAndBackupAreClosedToOtherUsers() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    let expected = DriftStore.fileMode & ~(try Self.umask())
    let store = try DriftStore(path: path)
    try store.record(Fixtures.ok(window: 0))
    #expect(Self.mode(path) == expected)
    #expect(Self.mode(path + "-wal") == expected)
    #expect(expected & 0o007 == 0)
    let backup = scratch.path("backup.db")
    try store.backup(to: backup)
    #expect(Self.mode(backup) == expected)
  }

  @Test func anExistingFileKeepsItsMode() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path("history.db")
    FileManager.default.createFile(
      atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    _ = try DriftStore(path: path)
    #expect(Self.mode(path) == 0o600)
  }
}
