import AsyncHTTPClient
import DriftConfig
import Foundation

/// Posts notifications to an HTTP endpoint with Standard Webhooks headers.
///
/// | answer | outcome |
/// |---|---|
/// | 2xx | delivered |
/// | 408, 429, 5xx, timeout, connection error | retry (after `Retry-After` when given) |
/// | 3xx (redirects are not followed) | dead: configure the final URL |
/// | any other status | dead, with the status and the start of the body |
public struct WebhookNotifier: Notifier {
  /// The notifier's settings.
  let settings: WebhookSettings
  /// The shared HTTP clients.
  let transport: WebhookTransport
  /// The time for `webhook-timestamp`.
  let now: @Sendable () -> Date
  private let signature: WebhookSignature?

  public var timeout: Int64 { settings.timeout }

  /// A webhook notifier.
  ///
  /// - Parameters:
  ///   - settings: URL, secret, headers, template, timeout.
  ///   - transport: The shared HTTP clients.
  ///   - now: The clock for `webhook-timestamp` (tests pass a fixed one).
  public init(
    settings: WebhookSettings, transport: WebhookTransport,
    now: @escaping @Sendable () -> Date = Date.init
  ) {
    self.settings = settings
    self.transport = transport
    self.now = now
    self.signature = settings.secret.map { WebhookSignature(secret: $0.value) }
  }

  /// The request body: the payload, or `{"text": ...}` for `template: slack`.
  func body(for payload: [UInt8]) -> [UInt8] {
    guard settings.template == .slack else { return payload }
    let text = AlertMessage(payload: PayloadView(bytes: payload)).slackText
    let json = (try? JSONEncoder().encode(["text": text])) ?? Data("{}".utf8)
    return [UInt8](json)
  }

  public func deliver(id: String, payload: [UInt8]) async -> DeliveryOutcome {
    let body = body(for: payload)
    let timestamp = Int64(now().timeIntervalSince1970)
    var request = HTTPClientRequest(url: settings.url)
    request.method = .POST
    for (name, value) in settings.headers.sorted(by: { $0.key < $1.key }) {
      request.headers.replaceOrAdd(name: name, value: value)
    }
    request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
    request.headers.replaceOrAdd(name: "User-Agent", value: "driftwatch")
    request.headers.replaceOrAdd(name: "webhook-id", value: id)
    request.headers.replaceOrAdd(name: "webhook-timestamp", value: String(timestamp))
    if let signature {
      request.headers.replaceOrAdd(
        name: "webhook-signature", value: signature.header(id: id, timestamp: timestamp, body: body)
      )
    }
    request.body = .bytes(body)
    do {
      let client = transport.client(verifyingCertificates: settings.tlsVerify)
      guard let answer = try await Self.exchange(request, client: client, timeout: timeout) else {
        return .retry(after: nil, reason: "timed out")
      }
      // A receiver may echo the request (its URL, an Authorization header) in an error body;
      // the reason is logged and stored in the outbox, so no configured secret may stay in it.
      let body = Self.redacting(settings.sensitiveValues, in: answer.body)
      return Self.outcome(
        status: answer.status, body: body, retryAfter: answer.retryAfter, now: now())
    } catch {
      return .retry(
        after: nil,
        reason: Self.redacting(
          settings.sensitiveValues, in: Self.describe(error, hiding: settings.url)))
    }
  }

  /// `text` with every occurrence of each value replaced by `<redacted>`, longest value first.
  static func redacting(_ values: [String], in text: String) -> String {
    values.sorted { $0.count > $1.count }.reduce(text) { text, value in
      text.replacingOccurrences(of: value, with: "<redacted>")
    }
  }

  /// What a receiver answered.
  struct Answer: Sendable {
    var status: UInt
    var body: String
    var retryAfter: String?
  }

  /// Sends `request` and reads the whole answer within `timeout` seconds; nil when the time ran
  /// out. The client's own deadline ends only the wait for the response head: a receiver
  /// trickling its body one byte a second would otherwise hold the attempt for as long as the
  /// dispatcher lets it.
  static func exchange(_ request: HTTPClientRequest, client: HTTPClient, timeout: Int64)
    async throws -> Answer?
  {
    try await withThrowingTaskGroup(of: Answer?.self) { group in
      group.addTask {
        let response = try await client.execute(request, timeout: .seconds(timeout))
        let body = try await response.body.collect(upTo: 64 * 1024)
        return Answer(
          status: response.status.code,
          body: String(decoding: body.readableBytesView, as: UTF8.self),
          retryAfter: response.headers.first(name: "Retry-After"))
      }
      group.addTask {
        try await Task.sleep(for: .seconds(timeout))
        return nil
      }
      // Cancelling the loser ends its request (AsyncHTTPClient honours task cancellation).
      defer { group.cancelAll() }
      return try await group.next() ?? nil
    }
  }

  /// The outcome of an HTTP answer.
  static func outcome(status: UInt, body: String, retryAfter: String?, now: Date)
    -> DeliveryOutcome
  {
    let answer = "HTTP \(status)" + (body.isEmpty ? "" : ": \(excerpt(body))")
    switch status {
    case 200..<300:
      return .delivered(answer)
    case 408, 429, 500..<600:
      return .retry(after: RetryAfter.seconds(retryAfter, now: now), reason: answer)
    case 300..<400:
      return .dead(answer + " (redirects are not followed: configure the URL it points to)")
    default:
      return .dead(answer)
    }
  }

  /// The first 200 characters of a body on one line.
  static func excerpt(_ body: String) -> String {
    let line = body.split(whereSeparator: \.isNewline).joined(separator: " ")
    return line.count > 200 ? String(line.prefix(200)) + "..." : line
  }

  /// An error as a reason, without the URL (it may carry a token).
  static func describe(_ error: any Error, hiding url: String) -> String {
    let text: String
    if let error = error as? HTTPClientError {
      switch error {
      case .deadlineExceeded, .readTimeout, .writeTimeout: text = "timed out"
      case .connectTimeout: text = "timed out connecting"
      default: text = String(describing: error)
      }
    } else {
      text = String(describing: error)
    }
    return text.replacingOccurrences(of: url, with: "<url>")
  }
}
