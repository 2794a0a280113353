import CCurl

/// libcurl, loaded the first time an email is sent rather than linked into every process (an
/// idle daemon without email channels never maps it and the libraries it needs).
enum CurlLibrary {
  /// The shared object the email notifier loads: the soname of libcurl 7 and 8.
  static let soname = "libcurl.so.4"

  /// Loads and initialises libcurl unless an earlier call did: nil, or why it cannot be loaded
  /// (the message names the library). Call it before every use: after a success it returns at
  /// once (and its lock orders the load before the caller's curl calls); a failure is not
  /// remembered, so once libcurl is installed the next call succeeds without a restart.
  static func load(soname: String = soname) -> String? {
    message { dw_curl_load(soname, $0, $1) }
  }

  /// Whether `soname` would load as libcurl (opened, every function found, then closed again
  /// without initialising it): nil, or what is wrong.
  static func check(_ soname: String = soname) -> String? {
    message { dw_curl_check(soname, $0, $1) }
  }

  /// Runs a C call that reports failure as -1 plus a message in a caller's buffer.
  private static func message(
    _ call: (UnsafeMutablePointer<CChar>?, Int) -> Int32
  ) -> String? {
    var error = [CChar](repeating: 0, count: 512)
    let status = error.withUnsafeMutableBufferPointer { call($0.baseAddress, $0.count) }
    guard status != 0 else { return nil }
    return String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
