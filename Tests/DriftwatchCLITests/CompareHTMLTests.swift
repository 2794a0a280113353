import Foundation
import Testing

/// `compare --format html` as a process: one page, same bytes for the same inputs.
@Suite struct CompareHTMLTests {
  @Test func sameInputsGiveByteIdenticalPages() throws {
    let arguments = [
      "compare", "baselines/credit-baseline.csv", "baselines/credit-target.csv", "--format",
      "html", "-q",
    ]
    let first = try CLIProcess.run(arguments + ["--threads", "1"])
    let second = try CLIProcess.run(arguments + ["--threads", "2"])
    #expect(first.status == 0 && second.status == 0, "\(first.stderr)")
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.hasPrefix("<!DOCTYPE html>") && first.stdout.hasSuffix("</html>\n"))
  }

  @Test func failOnDriftStillGatesWithAPage() throws {
    let run = try CLIProcess.run([
      "compare", "baselines/credit-baseline.csv", "baselines/credit-target.csv", "--format",
      "html", "-q", "--fail-on-drift", "--drift-share", "0.3",
    ])
    #expect(run.status == 1)
    #expect(run.stdout.contains("data set drifted"))
  }
}
