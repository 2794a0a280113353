#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tells systemd about the daemon's state: the `sd_notify(3)` datagram protocol, written here so
/// the daemon needs no libsystemd.
///
/// Each message is one datagram of newline-separated `KEY=VALUE` lines sent to the AF_UNIX
/// socket named by `$NOTIFY_SOCKET`: a file system path, or an abstract name written `@name`.
/// Without `$NOTIFY_SOCKET` (not started by systemd) every send is a no-op.
public struct SystemdNotifier: Sendable {
  /// The socket address as given in `$NOTIFY_SOCKET`, or nil when not under systemd.
  public let socketPath: String?

  /// Reads `$NOTIFY_SOCKET` from `environment`.
  ///
  /// Only absolute paths and `@` abstract names are accepted, as `sd_notify` does; anything else
  /// (a relative path, a `vsock:` address) disables notification.
  public init(environment: [String: String]) {
    let path = environment["NOTIFY_SOCKET"] ?? ""
    socketPath = path.hasPrefix("/") || path.hasPrefix("@") ? path : nil
  }

  /// Whether systemd is listening.
  public var isEnabled: Bool { socketPath != nil }

  /// Sends `fields` as one datagram, e.g. `["READY=1", "STATUS=3 monitors"]`.
  ///
  /// Newlines inside a value would start a new field, so they are replaced by spaces.
  /// - Returns: false when the datagram could not be sent (the error is not fatal to the daemon:
  ///   systemd may be restarting, and the next message will try again).
  @discardableResult
  public func send(_ fields: [String]) -> Bool {
    guard let socketPath else { return false }
    let text = fields.map { $0.replacingNewlines() }.joined(separator: "\n")
    return Self.sendDatagram(Array(text.utf8), to: socketPath)
  }

  /// Sends one field; see ``send(_:)``.
  @discardableResult
  public func send(_ field: String) -> Bool {
    send([field])
  }

  /// The value `MONOTONIC_USEC=` carries: CLOCK_MONOTONIC in microseconds, the clock systemd
  /// uses to match a reload with the signal that asked for it.
  public static func monotonicMicroseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_nsec) / 1_000
  }

  private static func sendDatagram(_ payload: [UInt8], to path: String) -> Bool {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    var name = Array(path.utf8)
    // An abstract name starts with a NUL byte instead of '@' and is not NUL-terminated: its
    // length is exactly what the address length says.
    let isAbstract = name.first == UInt8(ascii: "@")
    if isAbstract { name[0] = 0 }
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard name.count < capacity else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      buffer.copyBytes(from: name)
    }
    let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? 2
    let length = socklen_t(pathOffset + name.count + (isAbstract ? 0 : 1))

    #if canImport(Glibc) || canImport(Musl)
      let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
      let type = SOCK_DGRAM
    #endif
    let descriptor = socket(AF_UNIX, type, 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    let sent = payload.withUnsafeBytes { bytes in
      withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
          sendto(descriptor, bytes.baseAddress, bytes.count, 0, socketAddress, length)
        }
      }
    }
    return sent == payload.count
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    String(map { $0.isNewline ? " " : $0 })
  }
}
