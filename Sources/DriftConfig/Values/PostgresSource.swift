/// A PostgreSQL-protocol server a monitor reads its windows from (`target: { postgres: ... }`).
///
/// The password is never part of this value's text: it is named by `password_file` or
/// `password_env` and read when a connection opens, so logs and errors cannot show it.
public struct PostgresSource: Sendable, Equatable {
  /// What the window's rows are.
  public enum Relation: Sendable, Equatable {
    /// Every row of the table (or view) whose timestamp column falls in the window. The name may
    /// be schema-qualified (`inference.requests`).
    case table(String)
    /// The rows of a SELECT that uses `:start` and `:end`, bound as `timestamptz` parameters.
    case query(String)
  }

  /// How the window's data reaches driftwatch.
  public enum Mode: String, Sendable, Equatable, CaseIterable {
    /// Stream the window's rows and evaluate them as for files: exact, single machine.
    case pull
    /// Aggregate each window inside the database (counts on the baseline's bins and on a fine
    /// grid, category counts) and evaluate the aggregates; the default.
    case pushdown
  }

  /// Whether and how the connection is encrypted.
  public enum TLSMode: String, Sendable, Equatable, CaseIterable {
    /// No TLS (the default only for loopback hosts).
    case disable
    /// TLS with the certificate chain and the host name checked (the default for other hosts).
    case verifyFull = "verify-full"
  }

  /// Where the password comes from.
  public enum PasswordSource: Sendable, Equatable {
    /// `password_file`: the file's content, without a trailing newline.
    case file(String)
    /// `password_env`: the named environment variable.
    case environment(String)
    /// `password:`, usually `${VAR}` expanded at load; printed as `<redacted>`.
    case value(NotifierSecret)
  }

  /// Host name or IP address.
  public var host: String
  /// TCP port.
  public var port: Int
  /// Database name.
  public var database: String
  /// Role to connect as (a read-only role is enough and is advised).
  public var user: String
  /// Where the password comes from, or nil for trust / peer authentication.
  public var password: PasswordSource?
  /// TLS mode.
  public var tls: TLSMode
  /// `sslrootcert`: PEM certificates to trust instead of the system store.
  public var rootCertificates: String?
  /// The window's rows.
  public var relation: Relation
  /// How the data reaches driftwatch.
  public var mode: Mode
  /// Longest run of one statement on the server, in seconds.
  public var statementTimeout: Int64
  /// Longest wait for a connection, in seconds.
  public var connectTimeout: Int64
  /// The settings of `mode: pushdown`.
  public var pushdown = PushdownOptions()
  /// Most connections open at once to this server, for all the monitors that share its pool
  /// (`pool_size:`).
  public var poolSize: Int

  /// Creates a PostgreSQL source.
  public init(
    host: String, port: Int = 5432, database: String, user: String,
    password: PasswordSource? = nil, tls: TLSMode? = nil, rootCertificates: String? = nil,
    relation: Relation, mode: Mode = .pushdown, statementTimeout: Int64 = 300,
    connectTimeout: Int64 = 10, poolSize: Int = Self.defaultPoolSize
  ) {
    self.host = host
    self.port = port
    self.database = database
    self.user = user
    self.password = password
    self.tls = tls ?? (Self.isLoopback(host) ? .disable : .verifyFull)
    self.rootCertificates = rootCertificates
    self.relation = relation
    self.mode = mode
    self.statementTimeout = statementTimeout
    self.connectTimeout = connectTimeout
    self.poolSize = poolSize
  }

  /// `pool_size:` when not given: a few windows of one server read at once.
  public static let defaultPoolSize = 2

  /// `user@host:port/database`: how errors and logs name the server (never with a password).
  public var serverName: String { "postgres \(user)@\(host):\(port)/\(database)" }

  /// The settings that shape the data read (not the credentials or timeouts), for the
  /// monitor's configuration hash.
  var canonicalRendering: String {
    let relation: String
    switch self.relation {
    case .table(let name): relation = "table=" + String(reflecting: name)
    case .query(let sql): relation = "query=" + String(reflecting: sql)
    }
    return "\(String(reflecting: host)):\(port)/\(String(reflecting: database));\(relation);"
      + "mode=\(mode.rawValue)" + (mode == .pushdown ? ";" + pushdown.canonicalRendering : "")
  }

  /// Whether `host` names this machine (`localhost`, `127.0.0.0/8`, `::1`): only then is TLS
  /// off by default.
  public static func isLoopback(_ host: String) -> Bool {
    if host == "localhost" || host == "::1" || host == "[::1]" { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }
}
