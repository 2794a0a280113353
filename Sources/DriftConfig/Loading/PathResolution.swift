import Foundation

/// Path arithmetic for configuration values: relative paths are relative to the directory of the
/// file they are written in, and globs expand in sorted order.
enum PathResolution {
  /// `base/component`, without doubling a slash.
  static func join(_ base: String, _ component: String) -> String {
    base.hasSuffix("/") ? base + component : base + "/" + component
  }

  /// The directory part of an absolute path (`/` for a file at the root).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// `path` made absolute against `directory`, with `.` and `..` components removed.
  static func resolve(_ path: String, relativeTo directory: String) -> String {
    let absolute = path.hasPrefix("/") ? path : join(directory, path)
    var parts: [Substring] = []
    for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The current directory as an absolute path.
  static var workingDirectory: String { FileManager.default.currentDirectoryPath }

  /// Whether `path` holds glob metacharacters (`*`, `?`, `[`).
  static func isGlob(_ path: String) -> Bool {
    path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
  }

  /// The directory a glob starts from: the components before the first with a metacharacter.
  static func globBase(_ pattern: String) -> String {
    var parts: [Substring] = []
    for part in pattern.split(separator: "/", omittingEmptySubsequences: true) {
      if isGlob(String(part)) { break }
      parts.append(part)
    }
    if parts.count == pattern.split(separator: "/").count { parts.removeLast() }
    return "/" + parts.joined(separator: "/")
  }

  /// The regular files an absolute glob matches, sorted by path.
  static func expand(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    for index in 0..<Int(result.gl_pathc) {
      if let cString = result.gl_pathv[index], let path = String(validatingCString: cString),
        isRegularFile(path)
      {
        paths.append(path)
      }
    }
    return paths.sorted()
  }

  /// Whether a regular file (after symlinks) exists at `path`.
  static func isRegularFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && !isDirectory.boolValue
  }

  /// Whether a directory (after symlinks) exists at `path`.
  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// Why the regular file at `path` cannot be read, or nil when it can.
  ///
  /// - Parameters:
  ///   - path: The absolute path.
  ///   - shownAs: How the message names the file (the text as written when it came from the
  ///     environment, so no secret is shown).
  static func problemReading(_ path: String, shownAs: String? = nil) -> String? {
    let name = shownAs ?? path
    if isDirectory(path) { return "'\(name)' is a directory, not a file" }
    if !FileManager.default.fileExists(atPath: path) { return "'\(name)' does not exist" }
    if !FileManager.default.isReadableFile(atPath: path) {
      return "'\(name)' is not readable by this user"
    }
    return nil
  }

  /// How a message names the path written in `node`: the resolved path, or the text as written
  /// when the environment supplied part of it.
  static func shown(_ path: String, writtenIn node: ConfigNode) -> String {
    if case .scalar(let scalar) = node.content, scalar.isInterpolated { return scalar.source }
    return path
  }
}
