import Foundation
import Testing

@testable import DriftAlerts

/// Children of the daemon start with a clean signal state and obey the timeout's SIGTERM.
///
/// The daemon's (and this test runner's) Dispatch worker threads block SIGTERM and the other
/// asynchronous signals, and SIGPIPE is ignored process-wide; a child that inherited that
/// state would sit out SIGTERM until the SIGKILL two seconds later.
@Suite struct ChildSignalTests {
  /// `SigBlk` and `SigIgn` of /proc/self/status as seen by the child (hex masks).
  @Test func childStartsWithNoBlockedAndNoIgnoredSignals() async throws {
    // The spawning thread's state the fix must not pass on: SIGPIPE ignored, SIGHUP ignored.
    signal(SIGPIPE, SIG_IGN)
    let result = await ChildProcess.run(
      ["/bin/grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status"], input: [], timeout: 10,
      environment: [:])
    #expect(result.status == 0, "\(result)")
    let lines = result.output.split(separator: "\n").map {
      $0.split(separator: "\t").map(String.init)
    }
    #expect(lines.count == 2, "\(result.output)")
    // Signals 1-31; glibc keeps 32 and 33 for itself (thread cancellation, setxid).
    for line in lines {
      let mask = try #require(UInt64(line.last ?? "", radix: 16), "\(line)")
      #expect(mask & 0x7fff_ffff == 0, "\(line)")
    }
  }

  @Test func aProgramThatOverrunsEndsBySIGTERMAtTheTimeout() async throws {
    let started = ContinuousClock.now
    let result = await ChildProcess.run(
      ["/bin/sleep", "30"], input: [], timeout: 1, environment: [:])
    let elapsed = ContinuousClock.now - started
    #expect(result.timedOut)
    #expect(result.signal == SIGTERM, "\(result)")
    #expect(result.status == nil)
    // SIGKILL would come at 3 s; SIGTERM ends it at about 1 s.
    #expect(elapsed < .seconds(2.8), "\(elapsed)")
  }

  @Test func aProgramIgnoringSIGTERMIsKilledAfterTheGrace() async throws {
    let result = await ChildProcess.run(
      ["/bin/sh", "-c", "trap '' TERM; sleep 30 & wait; wait"], input: [], timeout: 1,
      environment: [:])
    #expect(result.timedOut)
    #expect(result.signal == SIGKILL, "\(result)")
  }

  /// The timeout signals the program's whole process group, so what it started ends too and
  /// does not hold the output pipe open.
  @Test func theTimeoutEndsWhatTheProgramStarted() async throws {
    let directory = try TemporaryDirectory()
    let pidFile = directory.file("child.pid")
    let started = ContinuousClock.now
    let result = await ChildProcess.run(
      ["/bin/sh", "-c", "sleep 30 & echo $! > \"$1\"; wait", "sh", pidFile], input: [],
      timeout: 1, environment: [:])
    #expect(result.timedOut)
    #expect(ContinuousClock.now - started < .seconds(2.8))
    let pid = try #require(
      Int32(
        try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(
          in: .whitespacesAndNewlines)))
    // Gone, or a zombie waiting for its new parent to reap it: not running.
    var running = false
    for _ in 0..<50 {
      let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
        .split(separator: ")").last?.split(separator: " ").first
      running = state != nil && state != "Z"
      if !running { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(!running)
  }

  @Test func descriptorsOfTheDaemonAreNotInherited() async throws {
    let directory = try TemporaryDirectory()
    let held = open(directory.file("held"), O_CREAT | O_WRONLY, 0o600)  // no O_CLOEXEC
    defer { close(held) }
    #expect(held > 2)
    let result = await ChildProcess.run(
      ["/bin/ls", "/proc/self/fd"], input: [], timeout: 10, environment: [:])
    let descriptors = result.output.split(separator: "\n").compactMap { Int32($0) }
    // 0, 1, 2, and the one ls opened to read the directory.
    #expect(!descriptors.contains(held), "\(descriptors)")
    #expect(descriptors.filter { $0 > 2 }.count <= 1, "\(descriptors)")
  }
}
