import DriftConfig
import Synchronization

/// The connection pools of the process, one per server and login: monitors whose sources have
/// the same host, port, database, user, password setting, TLS settings and `pool_size` share one.
public final class PostgresPools: Sendable {
  /// The pools every source of this process uses.
  public static let shared = PostgresPools()

  private let pools = Mutex<[PoolKey: PostgresPool]>([:])

  /// An empty set of pools (tests make their own; the daemon uses ``shared``).
  public init() {}

  /// The pool for `source`, made on first use.
  func pool(for source: PostgresSource) -> PostgresPool {
    let key = PoolKey(source)
    return pools.withLock { pools in
      if let pool = pools[key] { return pool }
      let pool = PostgresPool(source: source)
      pools[key] = pool
      return pool
    }
  }

  /// Closes the pools that none of `sources` uses (after a configuration reload changed or
  /// removed the servers); the others keep their connections.
  public func retain(_ sources: [PostgresSource]) {
    let keep = Set(sources.map(PoolKey.init))
    let dropped = pools.withLock { pools in
      let dropped = pools.filter { !keep.contains($0.key) }.map(\.value)
      pools = pools.filter { keep.contains($0.key) }
      return dropped
    }
    for pool in dropped { pool.close() }
  }

  /// Closes every pool (on shutdown). Later reads open new pools.
  public func closeAll() {
    retain([])
  }

  /// Connections open now to `source`'s server through its pool (0 when it has none).
  public func openConnections(for source: PostgresSource) -> Int {
    pools.withLock { $0[PoolKey(source)] }?.openCount ?? 0
  }
}

/// What makes two sources share a pool: everything a connection is made with.
private struct PoolKey: Hashable {
  var host: String
  var port: Int
  var database: String
  var user: String
  var password: String
  var tls: String
  var rootCertificates: String?
  var connectTimeout: Int64
  var size: Int

  init(_ source: PostgresSource) {
    host = source.host
    port = source.port
    database = source.database
    user = source.user
    // Which setting holds the password, not the password itself (read on each connect).
    switch source.password {
    case nil: password = "-"
    case .file(let path): password = "file:" + path
    case .environment(let name): password = "env:" + name
    case .value(let secret): password = "value:" + secret.value
    }
    tls = source.tls.rawValue
    rootCertificates = source.rootCertificates
    connectTimeout = source.connectTimeout
    size = source.poolSize
  }
}
