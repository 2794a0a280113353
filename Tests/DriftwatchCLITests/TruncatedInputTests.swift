import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A data file truncated and rewritten in place while `driftwatch` reads it, as a producer that
/// rewrites an inference file does. The reader must never die of a signal (a memory-mapped page
/// past the new end raises SIGBUS): it either reports on a consistent snapshot or fails with an
/// error naming the file, and the daemon retries a window that failed this way.
@Suite(.serialized) struct TruncatedInputTests {
  /// One finished run: how it ended and what it printed.
  struct Run {
    var reason: Process.TerminationReason
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `driftwatch` and waits; unlike ``CLIProcess/run(_:environment:)`` it keeps the
  /// termination reason, so a signal death cannot pass for an exit status.
  static func run(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = CLIProcess.executable
    process.arguments = arguments
    process.currentDirectoryURL = CLIProcess.packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      reason: process.terminationReason, status: process.terminationStatus,
      stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// `header` then `rows` repeated `times` times.
  static func bigCSV(from path: String, times: Int) throws -> Data {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    guard let newline = text.firstIndex(of: "\n") else { return Data(text.utf8) }
    let header = text[...newline]
    let rows = text[text.index(after: newline)...]
    var data = Data(header.utf8)
    let block = Data(rows.utf8)
    for _ in 0..<times { data.append(block) }
    return data
  }

  @Test func compareNeverDiesOfAFileTruncatedWhileItIsRead() throws {
    let folder = try CLIProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = CLIProcess.packageRoot.path
    let baseline = "\(root)/baselines/credit-baseline.csv"
    let content = try Self.bigCSV(from: "\(root)/baselines/credit-target.csv", times: 60)
    let path = folder.appendingPathComponent("target.csv").path
    try content.write(to: URL(fileURLWithPath: path))
    let arguments = ["compare", baseline, path, "--format", "json", "--threads", "2"]
    let reference = try Self.run(arguments)
    #expect(reference.reason == .exit && reference.status == 0, "\(reference.stderr)")

    let rewriter = InPlaceRewriter(path: path, content: content)
    rewriter.start()
    var runs: [Run] = []
    for _ in 0..<4 { runs.append(try Self.run(arguments)) }
    rewriter.stop()
    #expect(rewriter.cycles > 10, "the file was truncated only \(rewriter.cycles) times")
    for run in runs {
      #expect(run.reason == .exit, "driftwatch died of signal \(run.status)")
      if run.status == 0 {
        // A consistent snapshot: every rewrite writes the same bytes, so the same report.
        #expect(run.stdout == reference.stdout)
      } else {
        #expect(run.status == 2 || run.status == 3, "status \(run.status): \(run.stderr)")
        #expect(run.stderr.contains(path), "\(run.stderr)")
      }
    }
  }

  @Test func runOnceRetriesAWindowWhoseFileWasTruncatedWhileRead() throws {
    let folder = try CLIProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = CLIProcess.packageRoot.path
    let inference = folder.appendingPathComponent("inference")
    try FileManager.default.createDirectory(at: inference, withIntermediateDirectories: true)
    // Six hours of the demo's inference data, every row repeated: one large file.
    var content = Data()
    for hour in 0..<6 {
      let hourly = try Self.bigCSV(
        from: "\(root)/baselines/inference/credit-2026-11-01T0\(hour).csv", times: 40)
      content.append(hour == 0 ? hourly : hourly.drop(while: { $0 != 10 }).dropFirst())
    }
    let path = inference.appendingPathComponent("batch.csv").path
    try content.write(to: URL(fileURLWithPath: path))
    let config = try DaemonProcessTests.writeConfig(
      folder,
      monitors: """
        monitors:
          - name: credit-model
            baseline: { path: \(root)/baselines/credit-baseline.csv }
            target: { files: \(inference.path)/*.csv, timestamp_column: ts }
            schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 6 }
        """)

    let rewriter = InPlaceRewriter(path: path, content: content)
    rewriter.start()
    let first = try Self.run([
      "run-once", "--config", config, "--now", "2026-11-01T06:15:00Z", "--log-level", "error",
    ])
    rewriter.stop()
    #expect(first.reason == .exit, "run-once died of signal \(first.status)")
    // Either every window read a consistent snapshot, or the pass failed on a clear error
    // naming the file (and stopped there, as after any failed window): "the file changed while
    // it was being read", or, when the open caught the file half rewritten, the parse error at
    // the cut (`batch.csv:LINE:COLUMN: record has 1 fields`).
    if !first.stdout.contains("credit-model: 6 windows (6 ok)") {
      #expect(first.stdout.contains("failed"), "\(first.stdout)\(first.stderr)")
      #expect(first.stderr.contains("\(path)"), "\(first.stderr)")
    }

    // Failed windows come due again after the backoff (60 s); the file is whole by now.
    let second = try Self.run(["run-once", "--config", config, "--now", "2026-11-01T06:30:00Z"])
    #expect(second.reason == .exit && second.status == 0, "\(second.stderr)")
    let status = try #require(try DaemonProcessTests.statusJSON(config).first)
    #expect(status["windows_ok"] as? Int == 6, "\(status)")
  }
}

/// Truncates a file to a random shorter length and writes its content back, in place, over and
/// over on a thread of its own until stopped (seeded, so the lengths repeat run to run).
final class InPlaceRewriter: @unchecked Sendable {
  private let path: String
  private let content: Data
  private let lock = NSLock()
  private var running = true
  private var count = 0
  private let finished = DispatchSemaphore(value: 0)

  init(path: String, content: Data) {
    self.path = path
    self.content = content
  }

  /// Truncate-and-rewrite cycles completed.
  var cycles: Int { lock.withLock { count } }

  func start() {
    Thread { [self] in
      loop()
      finished.signal()
    }.start()
  }

  /// Stops the loop and waits until the file is whole again.
  func stop() {
    lock.withLock { running = false }
    finished.wait()
  }

  private func loop() {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    while lock.withLock({ running }) {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let length = off_t(Int(seed >> 33) % max(content.count, 1))
      _ = truncate(path, length)
      usleep(2000)
      let fd = open(path, O_WRONLY)
      if fd >= 0 {
        content.withUnsafeBytes { bytes in
          var done = 0
          while done < bytes.count {
            guard let start = bytes.baseAddress else { break }
            let wrote = pwrite(fd, start + done, bytes.count - done, off_t(done))
            if wrote <= 0 { break }
            done += wrote
          }
        }
        close(fd)
      }
      lock.withLock { count += 1 }
      usleep(3000)
    }
  }
}
