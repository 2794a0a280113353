import Foundation

/// Reads the golden vectors the scripts in scripts/golden/ write (committed resources of this
/// test target, `Golden/NAME.json`).
enum GoldenFile {
  /// `Golden/name.json` decoded as `type`; stops the test run when it is missing or unreadable
  /// (every golden suite depends on it).
  static func load<T: Decodable>(
    _ type: T.Type, _ name: String, decoder: JSONDecoder = JSONDecoder()
  ) -> T {
    guard let url = Bundle.module.url(forResource: "Golden/\(name)", withExtension: "json"),
      let data = try? Data(contentsOf: url),
      let golden = try? decoder.decode(type, from: data)
    else {
      fatalError("Golden/\(name).json missing or unreadable; run scripts/golden/\(name).py")
    }
    return golden
  }
}
