import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A real PostgreSQL 15 server for the tests: `initdb` in a temporary folder, listening on a
/// free loopback port, run as the `postgres` user (the server refuses root). Passwords are
/// checked (scram-sha-256) on TCP. Stopped when the test process exits.
final class PostgresServer: Sendable {
  static let binaries = "/usr/lib/postgresql/15/bin"
  /// The superuser's password (the servers only listen on 127.0.0.1).
  static let superPassword = "super-secret-for-tests"

  let folder: String
  let port: Int

  /// Why the servers cannot run here, or nil when they can.
  static let unavailable: String? = {
    guard FileManager.default.isExecutableFile(atPath: "\(binaries)/initdb") else {
      return "PostgreSQL 15 is not installed (make test-deps installs it)"
    }
    guard getpwnam("postgres") != nil else { return "there is no postgres user" }
    guard getuid() == 0 || String(cString: getpwuid(getuid()).pointee.pw_name) == "postgres"
    else { return "the tests start PostgreSQL as the postgres user, which needs root" }
    return nil
  }()

  /// Creates and starts a server; `settings` are extra `postgresql.conf` lines.
  init(settings: [String] = []) throws {
    var template = Array("/tmp/driftwatch-pg-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw Failure("mkdtemp failed") }
    folder = String(cString: made)
    port = try Self.freePort()
    let owner = getpwnam("postgres").pointee
    chown(folder, owner.pw_uid, owner.pw_gid)
    let passwordFile = "\(folder)/pw"
    try Self.superPassword.write(toFile: passwordFile, atomically: false, encoding: .utf8)
    chown(passwordFile, owner.pw_uid, owner.pw_gid)
    try Self.run(
      "\(Self.binaries)/initdb", "-D", "\(folder)/data", "-U", "postgres", "--pwfile",
      passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8",
      "--locale=C")
    let conf =
      ([
        "listen_addresses = '127.0.0.1'", "port = \(port)", "unix_socket_directories = '\(folder)'",
        "fsync = off", "synchronous_commit = off", "full_page_writes = off",
        "shared_buffers = 64MB", "max_connections = 40", "log_min_messages = warning",
      ] + settings).joined(separator: "\n")
    let handle = try FileHandle(
      forWritingTo: URL(fileURLWithPath: "\(folder)/data/postgresql.conf"))
    handle.seekToEndOfFile()
    handle.write(Data(("\n" + conf + "\n").utf8))
    try handle.close()
    try Self.run(
      "\(Self.binaries)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/log", "-w", "-t", "60",
      "start")
    Self.registerStop(folder)
  }

  /// Runs SQL through psql as the superuser on `database`; returns psql's output (unaligned).
  @discardableResult
  func sql(_ text: String, database: String = "postgres") throws -> String {
    try Self.run(
      "\(Self.binaries)/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p",
      String(port), "-U", "postgres", "-d", database, "-c", text)
  }

  /// Stops the server now (for the server-down fault); `start()` brings it back.
  func stop() throws {
    try Self.run("\(Self.binaries)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "-w", "stop")
  }

  /// Starts a stopped server again.
  func start() throws {
    try Self.run(
      "\(Self.binaries)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/log", "-w", "-t", "60",
      "start")
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// Runs a PostgreSQL program as the postgres user and returns its standard output.
  ///
  /// Through posix_spawn with every descriptor above 2 closed and the output in files, not
  /// Foundation's Process: `pg_ctl start` leaves the server running in the background, and a
  /// descriptor it inherited from the test process would keep Process waiting for it to exit.
  @discardableResult
  static func run(_ arguments: String...) throws -> String {
    let id = UUID().uuidString
    let outPath = "/tmp/driftwatch-pg-\(id).out"
    let errPath = "/tmp/driftwatch-pg-\(id).err"
    defer {
      unlink(outPath)
      unlink(errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for fd in open.compactMap({ Int32($0) }) where fd > 2 && fcntl(fd, F_GETFD) != -1 {
      posix_spawn_file_actions_addclose(&actions, fd)
    }
    // The postgres user may not enter the test's working directory; initdb needs one it can.
    let argv =
      [
        "/usr/sbin/runuser", "-u", "postgres", "--", "/bin/sh", "-c", "cd /tmp && exec \"$@\"",
        "sh",
      ]
      + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
    guard spawned == 0 else { throw Failure("cannot start \(argv[0]): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
      throw Failure("\(arguments.first ?? "") failed (status \(status)): \(err)")
    }
    return out
  }

  /// A loopback port nobody listens on now.
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
        bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
      }
    }
    guard bound else { throw Failure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Data folders of the servers started, stopped and removed when the process exits.
  private nonisolated(unsafe) static var started: [String] = []
  private static let lock = NSLock()

  private static func registerStop(_ folder: String) {
    lock.withLock {
      if started.isEmpty {
        atexit {
          for folder in PostgresServer.lock.withLock({ PostgresServer.started }) {
            _ = try? PostgresServer.run(
              "\(PostgresServer.binaries)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "-w",
              "stop")
            try? FileManager.default.removeItem(atPath: folder)
          }
        }
      }
      started.append(folder)
    }
  }
}
