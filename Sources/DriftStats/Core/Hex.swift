/// Lower-case hexadecimal text of bytes (digests, ids), without Foundation's formatting.
public enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)

  /// Two hex digits per byte.
  public static func string<Bytes: Sequence>(_ bytes: Bytes) -> String
  where Bytes.Element == UInt8 {
    var out = [UInt8]()
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
