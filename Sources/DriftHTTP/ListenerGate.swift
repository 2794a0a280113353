import Synchronization

/// Opens once the listener is bound (with the port it got) or has failed; `serve` waits on it
/// before telling systemd READY=1.
public final class ListenerGate: Sendable {
  private enum State {
    case waiting([CheckedContinuation<Int?, Never>])
    case done(Int?)
  }

  private let state = Mutex<State>(.waiting([]))

  /// Creates a closed gate.
  public init() {}

  /// Opens the gate: the listener is bound to `port`.
  func open(port: Int) { finish(port) }

  /// Opens the gate with a failure: the listener will not serve.
  func fail() { finish(nil) }

  private func finish(_ value: Int?) {
    let waiters = state.withLock { state -> [CheckedContinuation<Int?, Never>] in
      guard case .waiting(let waiters) = state else { return [] }
      state = .done(value)
      return waiters
    }
    for waiter in waiters { waiter.resume(returning: value) }
  }

  /// The bound port once the listener is bound; nil when it failed to bind or stopped first.
  public func wait() async -> Int? {
    await withCheckedContinuation { continuation in
      let ready = state.withLock { state -> Int?? in
        switch state {
        case .waiting(var waiters):
          waiters.append(continuation)
          state = .waiting(waiters)
          return .none
        case .done(let value):
          return .some(value)
        }
      }
      if let ready { continuation.resume(returning: ready) }
    }
  }
}
