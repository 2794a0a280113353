import DriftConfig
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The HTTP listener of `serve` as a `Service`: the read API, `/metrics`, `/healthz` and
/// `/readyz`, with bearer-token authentication and optional TLS. It only reads the store.
///
/// The ``gate`` opens once the socket is bound (or the listener failed), so the daemon sends
/// READY=1 only then. A bind failure ends `run()` with a ``ListenerError`` naming the address.
public struct HTTPListener: Service, CustomStringConvertible {
  /// Just the name (ServiceLifecycle logs services with `String(describing:)`).
  public var description: String { "HTTPListener" }

  /// The listener's settings.
  public let settings: HTTPSettings
  /// Opens when the socket is bound.
  public let gate = ListenerGate()
  private let state: APIState
  private let logger: Logger
  private let version: String

  /// Creates the listener.
  ///
  /// - Parameters:
  ///   - settings: The `http:` section.
  ///   - state: The store, configuration and health the routes read.
  ///   - version: driftwatch's version, for `driftwatch_build_info`.
  ///   - logger: Where start-up, bind failures and request errors go.
  public init(settings: HTTPSettings, state: APIState, version: String, logger: Logger) {
    self.settings = settings
    self.state = state
    self.version = version
    self.logger = logger
  }

  /// Binds, serves until graceful shutdown, then stops accepting and finishes open requests.
  ///
  /// - Throws: ``ListenerError`` when the address cannot be bound or the TLS files or the
  ///   tokens file cannot be loaded.
  public func run() async throws {
    let application: Application<RouterResponder<BasicRequestContext>>
    do {
      application = try makeApplication()
    } catch {
      gate.fail()
      throw error
    }
    do {
      try await application.run()
    } catch {
      gate.fail()
      throw ListenerError(address: settings.address, reason: Self.reason(error))
    }
    gate.fail()  // stopped before binding (shutdown during start-up); no-op once open
  }

  /// The routes, middleware and server, ready to run.
  func makeApplication() throws(ListenerError) -> Application<RouterResponder<BasicRequestContext>>
  {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestLimitsMiddleware())
    if let path = settings.tokensFile {
      let tokens: BearerTokens
      do {
        tokens = try BearerTokens.read(path: path)
      } catch {
        throw ListenerError(address: settings.address, reason: "\(path): \(error.reason)")
      }
      guard !tokens.isEmpty else {
        throw ListenerError(address: settings.address, reason: "\(path) holds no token")
      }
      router.add(middleware: BearerAuthMiddleware(tokens: tokens))
    }
    HealthRoutes(state: state).register(on: router)
    APIRoutes(state: state).register(on: router)
    MetricsRoute(
      state: state,
      renderer: MetricsRenderer(version: version, maxFeatureSeries: settings.maxFeatureSeries)
    ).register(on: router)

    let http = HTTPServerBuilder.http1(
      configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(settings.idleTimeout)))
    let server: HTTPServerBuilder
    if let certFile = settings.certFile, let keyFile = settings.keyFile {
      do {
        let chain = try NIOSSLCertificate.fromPEMFile(certFile)
        let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        server = try .tls(
          http,
          tlsConfiguration: .makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
      } catch {
        throw ListenerError(
          address: settings.address, reason: "cannot load \(certFile) or \(keyFile): \(error)")
      }
    } else {
      server = http
    }
    var quiet = logger
    quiet.logLevel = max(logger.logLevel, .warning)
    let scheme = settings.usesTLS ? "https" : "http"
    let (host, gate, log) = (settings.host, self.gate, logger)
    return Application(
      router: router, server: server,
      configuration: ApplicationConfiguration(
        address: .hostname(settings.host, port: settings.port),
        availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections)),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        log.info("http: listening on \(scheme)://\(shown)")
        gate.open(port: port)
      },
      logger: quiet)
  }

  /// The system's reason without NIO's decoration, e.g. `Address already in use (errno: 98)`.
  static func reason(_ error: any Error) -> String {
    let text = "\(error)"
    if text.contains("Address already in use") || text.contains("errno: 98") {
      return "the address is already in use (another process listens on it)"
    }
    if text.contains("errno: 99") || text.contains("Cannot assign requested address") {
      return "this machine has no such address"
    }
    if text.contains("errno: 13") || text.contains("Permission denied") {
      return "permission denied (ports below 1024 need CAP_NET_BIND_SERVICE)"
    }
    return text
  }
}
