import CCurl
import DriftConfig

/// libcurl, loaded the first time an email is sent rather than linked into every process (an
/// idle daemon without email channels never maps it and the libraries it needs).
public enum CurlLibrary {
  /// The shared object the email notifier loads: the soname of libcurl 7 and 8.
  public static let soname = "libcurl.so.4"

  /// Loads and initialises libcurl unless an earlier call did: nil, or why it cannot be loaded
  /// and what to install. Call it before every use: after a success it returns at once (and its
  /// lock orders the load before the caller's curl calls); a failure is not remembered, so once
  /// libcurl is installed the next call succeeds without a restart.
  static func load(soname: String = soname) -> String? {
    message { dw_curl_load(soname, $0, $1) }
  }

  /// Whether `soname` would load as libcurl (opened, every function found, then closed again
  /// without initialising it): nil, or what is wrong and what to install.
  static func check(_ soname: String = soname) -> String? {
    message { dw_curl_check(soname, $0, $1) }
  }

  /// Whether the configuration's email notifiers can send: nil when it has none or libcurl
  /// loads; otherwise a warning naming them, for `config check` and the daemon's start-up (an
  /// email would otherwise only fail when the first alert fires).
  ///
  /// - Parameters:
  ///   - configuration: The loaded configuration.
  ///   - soname: The library to look for; tests name a missing one.
  public static func problem(
    for configuration: Configuration, soname: String = soname
  ) -> String? {
    let names = configuration.notifiers.values.filter {
      if case .email = $0.kind { true } else { false }
    }.map(\.name).sorted()
    guard !names.isEmpty, let error = check(soname) else { return nil }
    let list = names.map { "'\($0)'" }.joined(separator: ", ")
    return "email notifier\(names.count == 1 ? "" : "s") \(list) cannot send: \(error)"
  }

  /// Runs a C call that reports failure as -1 plus a message in a caller's buffer, and turns
  /// the message into one that says what email needs and how to install it.
  private static func message(
    _ call: (UnsafeMutablePointer<CChar>?, Int) -> Int32
  ) -> String? {
    var error = [CChar](repeating: 0, count: 512)
    let status = error.withUnsafeMutableBufferPointer { call($0.baseAddress, $0.count) }
    guard status != 0 else { return nil }
    let reason = String(
      decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return "email delivery needs libcurl at run time: \(reason); install it "
      + "(Debian/Ubuntu: apt install libcurl4, libcurl4t64 on Debian 13 and Ubuntu 24.04; "
      + "Fedora/RHEL: dnf install libcurl)"
  }
}

extension Configuration {
  /// The configuration's warnings (``Configuration/warnings``) and, when its email notifiers
  /// cannot send on this host (libcurl does not load), that one as well: what every command
  /// that loads a configuration reports, as text. Looks for libcurl on each call.
  public func warningsOnThisHost() -> [String] {
    warnings.map(\.description) + [CurlLibrary.problem(for: self)].compactMap { $0 }
  }
}
