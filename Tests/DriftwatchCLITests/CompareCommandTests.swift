import Foundation
import Testing

@Suite struct CompareCommandTests {
  let baseline = "baselines/credit-baseline.csv"
  let drifted = "baselines/credit-target.csv"
  let stable = "baselines/credit-stable.csv"

  func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func jsonReportFindsThePlantedDrift() throws {
    let run = try CLIProcess.run(["compare", baseline, drifted, "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try json(run.stdout)
    let features = try #require(doc["features"] as? [[String: Any]])
    let driftedNames = features.filter { $0["drifted"] as? Bool == true }.compactMap {
      $0["name"] as? String
    }
    // scripts/make_examples.py plants drift in exactly these four features.
    #expect(Set(driftedNames) == ["income", "debt_to_income", "region", "channel"])
    let dataset = try #require(doc["dataset"] as? [String: Any])
    #expect(dataset["features"] as? Int == 10)
    #expect(dataset["drifted_features"] as? Int == 4)
    #expect((doc["baseline"] as? [String: Any])?["rows"] as? Int == 5000)
    #expect((doc["target"] as? [String: Any])?["rows"] as? Int == 2000)
    let income = try #require(features.first { $0["name"] as? String == "income" })
    let tests = try #require(income["tests"] as? [[String: Any]])
    #expect(
      tests.map { $0["test"] as? String } == ["ks", "welch_t", "fligner", "psi", "missing_rate"])
    // Distances carry the p-value of the chi-square test of their bins (issue #13), tests their own.
    #expect(tests[1]["p_value"] is Double)
    #expect(tests[0]["p_value"] is Double)
    let summary = try #require(income["baseline"] as? [String: Any])
    for key in ["count", "missing", "mean", "std", "min", "p25", "p50", "p75", "max"] {
      #expect(summary[key] != nil, "missing summary key \(key)")
    }
    let region = try #require(features.first { $0["name"] as? String == "region" })
    let top = try #require((region["target"] as? [String: Any])?["top"] as? [[String: Any]])
    #expect(top.count == 5)
  }

  @Test func sameInputsGiveByteIdenticalOutput() throws {
    let first = try CLIProcess.run([
      "compare", baseline, drifted, "--format", "json", "--threads", "1",
    ])
    let second = try CLIProcess.run([
      "compare", baseline, drifted, "--format", "json", "--threads", "2",
    ])
    #expect(first.stdout == second.stdout)
  }

  /// `--timings` lists the phases on standard error and leaves the report unchanged.
  @Test func timingsGoToStandardErrorOnly() throws {
    let plain = try CLIProcess.run(["compare", baseline, drifted, "--format", "json", "--quiet"])
    let timed = try CLIProcess.run([
      "compare", baseline, drifted, "--format", "json", "--quiet", "--timings",
    ])
    #expect(timed.status == 0, "\(timed.stderr)")
    #expect(timed.stdout == plain.stdout)
    for phase in ["read baseline", "profile baseline", "read target", "evaluate", "total"] {
      #expect(timed.stderr.contains(phase), "no \(phase) in \(timed.stderr)")
    }
    #expect(!plain.stderr.contains("wall ms"))
  }

  @Test func failOnDriftSetsExitCodeOne() throws {
    let gate = try CLIProcess.run([
      "compare", baseline, drifted, "--fail-on-drift", "--drift-share", "0.3",
    ])
    #expect(gate.status == 1)
    #expect(gate.stdout.contains("DRIFT"))
    let quiet = try CLIProcess.run([
      "compare", baseline, stable, "--fail-on-drift", "--drift-share", "0",
    ])
    #expect(quiet.status == 0, "\(quiet.stdout)")
  }

  @Test func csvOutputHasOneRowPerFeatureAndTest() throws {
    let run = try CLIProcess.run([
      "compare", baseline, drifted, "--format", "csv", "--tests", "ks,chisquare",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(
      lines.first
        == "feature,type,test,statistic,p_value,p_value_adjusted,threshold,drifted,error,contribution"
    )
    #expect(lines.count == 1 + 10)
  }

  @Test func featureSelectionAndThresholds() throws {
    let run = try CLIProcess.run([
      "compare", baseline, drifted, "--features", "age,income", "--threshold", "ks.p_value=0.5",
      "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let features = try #require(try json(run.stdout)["features"] as? [[String: Any]])
    #expect(features.compactMap { $0["name"] as? String } == ["age", "income"])
    let ks = try #require((features[0]["tests"] as? [[String: Any]])?.first)
    #expect((ks["threshold"] as? [String: Any])?["p_value"] as? Double == 0.5)
  }

  @Test(arguments: [
    (["compare", "baselines/credit-baseline.csv", "no-such-file.csv"], "no-such-file.csv"),
    (
      [
        "compare", "baselines/credit-baseline.csv", "baselines/credit-target.csv", "--features",
        "incme",
      ], "income"
    ),
    (
      [
        "compare", "baselines/credit-baseline.csv", "baselines/credit-target.csv", "--tests", "kss",
      ], "ks"
    ),
    (
      [
        "compare", "baselines/credit-baseline.csv", "baselines/credit-target.csv", "--correction",
        "holm",
      ], "bh"
    ),
  ])
  func inputErrorsExitWithTwoAndSayWhat(arguments: [String], mention: String) throws {
    let run = try CLIProcess.run(arguments)
    #expect(run.status == 2)
    #expect(run.stderr.contains(mention), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func malformedTargetNamesFileLineAndColumn() throws {
    let folder = try CLIProcess.temporaryFolder()
    let target = folder.appendingPathComponent("target.csv")
    var text = try String(
      contentsOfFile: CLIProcess.packageRoot.appendingPathComponent(stable).path, encoding: .utf8)
    // Line 4 of the file: text in the numeric column `age` (column 2).
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[1] = "forty"
    lines[3] = fields.joined(separator: ",")
    text = lines.joined(separator: "\n")
    try text.write(to: target, atomically: true, encoding: .utf8)

    let failing = try CLIProcess.run(["compare", baseline, target.path])
    #expect(failing.status == 2)
    #expect(failing.stderr.contains("\(target.path):4:"), "\(failing.stderr)")
    #expect(failing.stderr.contains("age"))

    let skipping = try CLIProcess.run([
      "compare", baseline, target.path, "--on-bad-row", "skip", "--format", "json",
    ])
    #expect(skipping.status == 0, "\(skipping.stderr)")
    let targetInfo = try #require(try json(skipping.stdout)["target"] as? [String: Any])
    #expect(targetInfo["rows"] as? Int == 1999)
    #expect(targetInfo["rejected_rows"] as? Int == 1)
  }

  @Test func pipedOutputCarriesNoProgress() throws {
    let run = try CLIProcess.run(["compare", baseline, drifted])
    #expect(!run.stderr.contains("reading"))
  }
}
