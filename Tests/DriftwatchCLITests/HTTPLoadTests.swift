import Foundation
import Testing

/// The listener never delays a window: windows evaluated while the API is hammered are stored
/// on time and identical to those of a run without load.
@Suite(.serialized) struct HTTPLoadTests {
  @Test func windowsUnderLoadAreStoredOnTimeAndIdenticalToARunWithoutLoad() throws {
    // Without load: run-once over the 48 demo windows.
    let quiet = try HTTPListenerTests.filledStore()
    let expected = try DaemonProcessTests.historyJSON(quiet)

    // With load: serve evaluates the same 48 windows while 8 clients request history, status
    // and /metrics in a bounded loop.
    let folder = try CLIProcess.temporaryFolder()
    let config = try DaemonProcessTests.writeConfig(
      folder, extra: "http: { listen: 127.0.0.1:0 }")
    let started = ContinuousClock.now
    let served = try ServedDaemon.start(config: config, now: DaemonProcessTests.now)
    defer { _ = served.stop() }
    let paths = [
      "/api/v1/monitors/credit-model/history?since=2026-10-31&limit=2000", "/api/v1/monitors",
      "/metrics", "/readyz",
    ]
    let answered = Counter()
    let deadline = ContinuousClock.now + .seconds(60)
    DispatchQueue.concurrentPerform(iterations: 8) { client in
      var index = client
      while ContinuousClock.now < deadline {
        if HTTPPeer.send(served.base + paths[index % paths.count])?.status == 200 {
          answered.add()
        }
        index += 1
        // Stop once every window is stored (status shows 48 ok).
        if index % 20 == 0,
          let status = DaemonProcessTests.polledStatus(config)?.first,
          status["windows_ok"] as? Int == 48
        {
          break
        }
      }
    }
    let elapsed = ContinuousClock.now - started
    let status = try #require(DaemonProcessTests.polledStatus(config)?.first)
    #expect(status["windows_ok"] as? Int == 48, "\(served.daemon.stderr)")
    #expect(answered.value > 20)
    // On time: the catch-up of 48 windows finished well inside the bound (it takes a few
    // seconds on a loaded 2-core machine).
    #expect(elapsed < .seconds(60))
    let loaded = try DaemonProcessTests.historyJSON(config)
    #expect(
      try HTTPListenerTests.canonical(loaded) == (try HTTPListenerTests.canonical(expected)))
  }

  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
  }
}
