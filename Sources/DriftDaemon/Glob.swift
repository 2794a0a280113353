import Foundation

/// Shell-style file name patterns (`/srv/inference/*.csv`), expanded by the C library's glob(3).
enum Glob {
  /// The paths that match `pattern`, sorted; none is not an error (files may not exist yet).
  static func expand(_ pattern: String) throws(SourceError) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    let status = glob(pattern, 0, nil, &result)
    switch status {
    case 0: break
    case GLOB_NOMATCH: return []
    default: throw SourceError("cannot expand '\(pattern)': glob failed (\(status))")
    }
    var paths = [String]()
    for index in 0..<Int(result.gl_pathc) {
      if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
    }
    return paths.sorted()
  }
}
