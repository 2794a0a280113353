import Crypto
import Foundation

/// Signs webhook requests as the Standard Webhooks specification describes
/// (https://www.standardwebhooks.com): `webhook-signature: v1,<base64 HMAC-SHA256>` over
/// `"<webhook-id>.<webhook-timestamp>.<body>"`.
///
/// The secret is either `whsec_<base64>` (the spec's form: the key is the decoded bytes) or any
/// other text, used as the key's UTF-8 bytes.
struct WebhookSignature: Sendable {
  private let key: SymmetricKey

  /// A signer for `secret`.
  init(secret: String) {
    if secret.hasPrefix("whsec_"), let bytes = Data(base64Encoded: String(secret.dropFirst(6))) {
      key = SymmetricKey(data: bytes)
    } else {
      key = SymmetricKey(data: Data(secret.utf8))
    }
  }

  /// The `webhook-signature` header value.
  func header(id: String, timestamp: Int64, body: [UInt8]) -> String {
    var message = Data("\(id).\(timestamp).".utf8)
    message.append(contentsOf: body)
    let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
    return "v1,\(Data(mac).base64EncodedString())"
  }
}
