import Foundation

/// Who besides the owner may read or write a file, from its mode bits.
///
/// Read bits decide whether a secret stays secret: `0o044` (readable by the group or by every
/// user). Execute bits on a regular file reveal nothing, so `0o077` would warn about files that
/// leak nothing. Write bits (`0o022`) matter for every configuration file, secret or not: whoever
/// may change it decides which programs the daemon runs (command notifiers).
struct FileExposure: Equatable {
  /// The permission bits (`st_mode & 0o7777`).
  var mode: UInt32
  /// The owning group's name, or its number when it has no name.
  var owningGroup: String

  /// The exposure of `path` (symbolic links followed), or nil when it cannot be examined.
  init?(path: String) {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    mode = UInt32(status.st_mode) & 0o7777
    owningGroup = Self.groupName(status.st_gid)
  }

  /// `0644` for messages.
  var modeText: String { "0" + String(mode, radix: 8) }

  /// Who may read besides the owner, in words; nil when nobody may.
  var readers: String? {
    if mode & 0o004 != 0 { return "every user" }
    if mode & 0o040 != 0 { return "the group '\(owningGroup)'" }
    return nil
  }

  /// Who may write besides the owner, in words; nil when nobody may.
  var writers: String? {
    if mode & 0o002 != 0 { return "every user" }
    if mode & 0o020 != 0 { return "the group '\(owningGroup)'" }
    return nil
  }

  private static func groupName(_ gid: gid_t) -> String {
    var entry = group()
    var result: UnsafeMutablePointer<group>?
    var buffer = [CChar](repeating: 0, count: 4096)
    let status = getgrgid_r(gid, &entry, &buffer, buffer.count, &result)
    guard status == 0, let found = result, let name = found.pointee.gr_name else {
      return String(gid)
    }
    return String(cString: name)
  }
}
