import Foundation

/// Debian's Chromium run headless as a real browser: loads a page, returns the DOM after scripts
/// ran and every console message, and writes screenshots. `make test-deps` installs it.
struct HeadlessBrowser {
  /// What one page load gave.
  struct Load {
    /// The document serialized after loading (what scripts, if any ran, left behind).
    var dom: String
    /// Console messages (including Content-Security-Policy violations).
    var console: [String]
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let executable: URL
  let profile: URL

  /// Finds `chromium` on the PATH; fails with what to do when it is not installed.
  init() throws {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let candidates = path.split(separator: ":").flatMap { folder in
      ["chromium", "chromium-browser"].map {
        URL(fileURLWithPath: String(folder)).appendingPathComponent($0)
      }
    }
    guard
      let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else {
      throw Failure(
        description: "chromium is not installed: run `make test-deps` (apt-get install chromium)")
    }
    executable = found
    profile = try CLIProcess.temporaryFolder()
  }

  /// Loads `url` and returns the DOM and the console.
  func load(_ url: String) throws -> Load {
    let (out, err) = try run(["--dump-dom", url])
    let console = err.split(separator: "\n").filter { $0.contains("CONSOLE") }.map(String.init)
    return Load(dom: out, console: console)
  }

  /// Writes a PNG of `url` as a 1200-pixel-wide window shows it.
  func screenshot(_ url: String, to file: URL, height: Int = 1600) throws {
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    _ = try run([
      "--screenshot=\(file.path)", "--window-size=1200,\(height)", "--hide-scrollbars", url,
    ])
  }

  /// Runs Chromium once; output and log go to files (its log is long enough to fill a pipe).
  private func run(_ arguments: [String]) throws -> (stdout: String, stderr: String) {
    let outFile = profile.appendingPathComponent("out-\(UUID().uuidString)")
    let errFile = profile.appendingPathComponent("err-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: outFile.path, contents: nil)
    FileManager.default.createFile(atPath: errFile.path, contents: nil)
    let process = Process()
    process.executableURL = executable
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=\(profile.appendingPathComponent("profile").path)",
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
      ] + arguments
    process.standardOutput = try FileHandle(forWritingTo: outFile)
    process.standardError = try FileHandle(forWritingTo: errFile)
    try process.run()
    // Generous on a loaded 2-core machine; a hung browser ends the test instead of the suite.
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      throw Failure(description: "chromium did not finish within 120 s: \(arguments)")
    }
    let stdout = String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self)
    let stderr = String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "chromium exited \(process.terminationStatus): \(stderr.suffix(2000))")
    }
    return (stdout, stderr)
  }
}
