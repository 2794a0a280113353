import Foundation
import Testing

/// Which shared libraries a driftwatch process maps at start. libcurl (SMTP delivery) and the
/// ~25 libraries it needs are loaded with dlopen only when an email is sent, so a process that
/// sends none never maps them (docs/performance.md, "Ninth round").
@Suite struct LibraryLoadingTests {
  @Test func libcurlIsNotLoadedAtStart() throws {
    // LD_DEBUG=files makes the dynamic loader list every object it loads on standard error.
    let run = try CLIProcess.run(
      ["compare", "baselines/credit-baseline.csv", "baselines/credit-target.csv", "--quiet"],
      environment: ["LD_DEBUG": "files"])
    #expect(run.status == 0, "\(run.stderr.suffix(2000))")
    // The listing worked: a library driftwatch does link is in it.
    #expect(run.stderr.contains("file=libsqlite3.so.0"))
    #expect(!run.stderr.contains("libcurl"))
    #expect(!run.stderr.contains("libssl"))
  }
}
