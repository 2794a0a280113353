import Crypto
import Foundation

/// An RFC 5322 message for one notification: multipart/alternative, plain text and HTML.
struct EmailMessage: Sendable {
  /// The sender.
  let from: String
  /// The recipients.
  let to: [String]
  /// The notification id.
  let id: String
  /// The words.
  let message: AlertMessage
  /// The `Date:` header's time.
  let date: Date

  /// `<id@driftwatch>`: the same id on every retry, so mail clients thread duplicates together.
  /// Characters a Message-ID cannot hold become `_`.
  var messageID: String {
    let safe = String(
      id.unicodeScalars.map { scalar -> Character in
        let allowed =
          scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar)
            || "-._+=".unicodeScalars.contains(scalar))
        return allowed ? Character(scalar) : "_"
      })
    return "<\(safe.isEmpty ? "notification" : safe)@driftwatch>"
  }

  /// The whole message with CRLF line ends.
  var bytes: [UInt8] {
    let digest = SHA256.hash(data: Data(id.utf8)).prefix(12).map { String(format: "%02x", $0) }
    let boundary = "driftwatch-\(digest.joined())"
    let headers = [
      "From: \(from)",
      "To: \(to.joined(separator: ", "))",
      "Subject: \(Self.encodedHeader(message.subject))",
      "Date: \(Self.rfc5322Date(date))",
      "Message-ID: \(messageID)",
      "MIME-Version: 1.0",
      "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
      "X-Driftwatch-Notification: \(messageID.dropFirst().dropLast())",
      "Auto-Submitted: auto-generated",
    ]
    var lines = headers + [""]
    for (type, body) in [("text/plain", message.plainText), ("text/html", message.html)] {
      lines += [
        "--\(boundary)",
        "Content-Type: \(type); charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
      ]
      lines += Self.wrappedBase64(Array(body.utf8))
    }
    lines += ["--\(boundary)--", ""]
    return Array(lines.joined(separator: "\r\n").utf8)
  }

  /// Base64 in 76-character lines (RFC 2045): safe for any text, any line length.
  static func wrappedBase64(_ bytes: [UInt8]) -> [String] {
    let encoded = Data(bytes).base64EncodedString()
    var lines: [String] = []
    var rest = Substring(encoded)
    while !rest.isEmpty {
      lines.append(String(rest.prefix(76)))
      rest = rest.dropFirst(76)
    }
    return lines
  }

  /// The text as is when it is printable ASCII, else an RFC 2047 encoded word.
  static func encodedHeader(_ text: String) -> String {
    let plain = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f }
    if plain { return text }
    return "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
  }

  /// `Tue, 03 Nov 2026 00:15:00 +0000`.
  static func rfc5322Date(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
    return formatter.string(from: date)
  }
}
