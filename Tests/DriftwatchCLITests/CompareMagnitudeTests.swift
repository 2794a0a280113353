import Foundation
import Testing

/// `compare` reports the drift magnitude, AUC, reconstruction error and contributions.
@Suite struct CompareMagnitudeTests {
  let baseline = "baselines/credit-baseline.csv"

  func dataset(_ target: String, _ extra: [String] = []) throws -> (
    [String: Any], [[String: Any]]
  ) {
    let run = try CLIProcess.run(["compare", baseline, target, "--format", "json"] + extra)
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try #require(
      JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    return (
      try #require(doc["dataset"] as? [String: Any]),
      try #require(doc["features"] as? [[String: Any]])
    )
  }

  /// Drift planted in four features: a clear magnitude, contributions summing to 100 with the
  /// planted features carrying most of it, and a reconstruction error above its band.
  @Test func driftedTargetHasAClearMagnitude() throws {
    let (dataset, features) = try dataset("baselines/credit-target.csv")
    let magnitude = try #require(dataset["magnitude"] as? Double)
    #expect(magnitude > 20)
    #expect(try #require(dataset["auc"] as? Double) > 0.7)
    #expect(abs(try #require(dataset["mcc"] as? Double) * 100 - magnitude) < 1e-9)
    let reconstruction = try #require(dataset["reconstruction"] as? [String: Any])
    #expect(reconstruction["drifted"] as? Bool == true)
    #expect(dataset["reconstruction_error"] as? Double == reconstruction["error"] as? Double)
    let contributions = try features.map { try #require($0["contribution"] as? Double) }
    #expect(abs(contributions.reduce(0, +) - 100) < 1e-6)
    let planted = features.filter {
      ["income", "debt_to_income", "region", "channel"].contains($0["name"] as? String)
    }
    #expect(planted.compactMap { $0["contribution"] as? Double }.reduce(0, +) > 80)
  }

  /// The stable target (same law): a magnitude near 0 and a quiet reconstruction error. The
  /// held-out MCC on 600 rows a side has a standard deviation near 1/sqrt(1200) = 0.03.
  @Test func stableTargetHasALowMagnitude() throws {
    let (dataset, _) = try dataset("baselines/credit-stable.csv")
    #expect(try #require(dataset["magnitude"] as? Double) < 12)
    let reconstruction = try #require(dataset["reconstruction"] as? [String: Any])
    #expect(reconstruction["drifted"] as? Bool == false)
  }

  /// Turned off: every multivariate key is null and the table has no magnitude line.
  @Test func noMultivariateGivesNulls() throws {
    let (dataset, features) = try dataset("baselines/credit-target.csv", ["--no-multivariate"])
    for key in ["magnitude", "auc", "mcc", "reconstruction_error", "reconstruction"] {
      #expect(dataset[key] is NSNull, "\(key)")
    }
    #expect(features.allSatisfy { $0["contribution"] is NSNull })
    let off = try CLIProcess.run([
      "compare", baseline, "baselines/credit-target.csv", "--quiet", "--no-multivariate",
    ])
    #expect(!off.stdout.contains("Drift magnitude"))
    let on = try CLIProcess.run(["compare", baseline, "baselines/credit-target.csv", "--quiet"])
    #expect(on.stdout.contains("Drift magnitude: "))
    #expect(on.stdout.contains("CONTRIB"))
  }

  /// Another seed samples and splits other rows: a different, still clear magnitude.
  @Test func seedAndCapsAreOptions() throws {
    let (first, _) = try dataset(
      "baselines/credit-target.csv", ["--seed", "7", "--max-rows", "1000"])
    let magnitude = try #require(first["magnitude"] as? Double)
    #expect(magnitude > 20)
    #expect(first["magnitude_rows"] as? Int == 1000)
    let bad = try CLIProcess.run(["compare", baseline, baseline, "--pca-variance", "1.5"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--pca-variance"))
  }
}
