import Foundation

/// The bearer tokens of `http.auth.tokens_file`: one per line; blank lines and lines starting
/// with `#` are ignored, surrounding spaces trimmed.
public struct BearerTokens: Sendable {
  /// Why the file could not be read.
  public struct ReadError: Error, Sendable {
    /// What went wrong, for a person.
    public var reason: String
  }

  /// The tokens as bytes, in file order.
  public let tokens: [[UInt8]]

  /// Whether the file held no token.
  public var isEmpty: Bool { tokens.isEmpty }

  /// Parses the text of a tokens file.
  public init(text: String) {
    tokens = text.split(whereSeparator: \.isNewline).compactMap { line in
      let token = line.trimmingCharacters(in: .whitespaces)
      return token.isEmpty || token.hasPrefix("#") ? nil : Array(token.utf8)
    }
  }

  /// Reads a tokens file.
  ///
  /// - Throws: ``ReadError`` when the file cannot be read or is not UTF-8 text.
  public static func read(path: String) throws(ReadError) -> BearerTokens {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ReadError(reason: (error as NSError).localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ReadError(reason: "not UTF-8 text")
    }
    return BearerTokens(text: text)
  }

  /// Whether `candidate` is one of the tokens. Each comparison takes time that depends only on
  /// the lengths, never on where the bytes first differ, and every token is compared.
  public func contains(_ candidate: some Collection<UInt8>) -> Bool {
    let given = Array(candidate)
    var found: UInt8 = 0
    for token in tokens {
      var difference: UInt8 = token.count == given.count ? 0 : 1
      for index in 0..<token.count {
        difference |= token[index] ^ (index < given.count ? given[index] : 0)
      }
      found |= difference == 0 ? 1 : 0
    }
    return found == 1
  }
}
