import CCurl
import Foundation

/// One SMTP submission through libcurl's easy interface: connect, (STARTTLS), AUTH, MAIL FROM,
/// RCPT TO, DATA. Owns its curl handle and frees it in `deinit`; used from one thread.
final class SMTPTransfer {
  /// How a submission ended.
  struct Result {
    /// libcurl's result code.
    var code: CURLcode
    /// The server's last SMTP reply code (0 when none was read).
    var replyCode: Int
    /// libcurl's description of the failure (never holds the password).
    var message: String
  }

  /// What to send and where.
  struct Request {
    var url: String
    var requireTLS: Bool
    var username: String?
    var password: String?
    var caFile: String?
    var from: String
    var recipients: [String]
    var message: [UInt8]
    var timeout: Int64
  }

  private let handle: UnsafeMutableRawPointer
  private var recipientList: UnsafeMutablePointer<curl_slist>?
  /// CURLOPT_ERRORBUFFER: "at least CURL_ERROR_SIZE bytes big", alive as long as the handle.
  private let errorBuffer: UnsafeMutablePointer<CChar>
  private let body: BodyReader

  /// A transfer, or nil when libcurl cannot create a handle (out of memory).
  ///
  /// Call only once `CurlLibrary.load()` returned nil (libcurl loaded and initialised).
  init?(_ request: Request) {
    // curl_easy_init: "If this function returns NULL, something went wrong".
    guard let handle = dw_curl_easy_init() else { return nil }
    self.handle = handle
    self.body = BodyReader(request.message)
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    for recipient in request.recipients {
      recipientList = dw_curl_slist_append(recipientList, "<\(recipient)>")
    }
    configure(request)
  }

  deinit {
    dw_curl_slist_free_all(recipientList)
    dw_curl_easy_cleanup(handle)
    errorBuffer.deallocate()
  }

  private func configure(_ request: Request) {
    _ = dw_curl_setopt_string(handle, CURLOPT_URL, request.url)
    // No signals: timeouts must not use SIGALRM in a multi-threaded daemon.
    _ = dw_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    _ = dw_curl_setopt_long(handle, CURLOPT_TIMEOUT, Int(request.timeout))
    _ = dw_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, Int(min(request.timeout, 30)))
    // CURLUSESSL_ALL: "Require SSL for all communication or fail with CURLE_USE_SSL_FAILED".
    let ssl = request.requireTLS ? CURLUSESSL_ALL : CURLUSESSL_NONE
    _ = dw_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(ssl.rawValue))
    if let caFile = request.caFile {
      _ = dw_curl_setopt_string(handle, CURLOPT_CAINFO, caFile)
    }
    if let username = request.username {
      _ = dw_curl_setopt_string(handle, CURLOPT_USERNAME, username)
    }
    if let password = request.password {
      _ = dw_curl_setopt_string(handle, CURLOPT_PASSWORD, password)
    }
    _ = dw_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(request.from)>")
    _ = dw_curl_setopt_pointer(handle, CURLOPT_MAIL_RCPT, recipientList)
    _ = dw_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    _ = dw_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
    _ = dw_curl_setopt_read_function(handle) { buffer, size, count, context in
      guard let buffer, let context else { return 0 }
      let reader = Unmanaged<BodyReader>.fromOpaque(context).takeUnretainedValue()
      return reader.read(into: buffer, capacity: size * count)
    }
    _ = dw_curl_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(body).toOpaque())
  }

  /// Runs the submission; blocks the calling thread until it ends or times out.
  func perform() -> Result {
    let code = dw_curl_easy_perform(handle)
    var reply = 0
    _ = dw_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
    let detail = String(cString: errorBuffer)
    let message = detail.isEmpty ? String(cString: dw_curl_easy_strerror(code)) : detail
    return Result(code: code, replyCode: reply, message: message)
  }
}

/// Hands the message to libcurl's read callback in pieces.
private final class BodyReader {
  private let bytes: [UInt8]
  private var offset = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
    let count = min(capacity, bytes.count - offset)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBufferPointer { source in
      guard let base = source.baseAddress else { return }
      UnsafeMutableRawPointer(buffer).copyMemory(from: base + offset, byteCount: count)
    }
    offset += count
    return count
  }
}
