import DriftStats
import Foundation

extension QuietTable {
  /// The correlation of the study's correlated baseline (features 0 and 3).
  static let baselineCorrelation = 0.9

  /// The reconstruction error's band alone: how often it fires on stable windows (the study's
  /// independent features, and a baseline with two correlated features), and how often it finds
  /// a change of correlation that no test of a single feature can see.
  func reconstructionBand(_ study: DecisionStudy) throws -> String {
    guard plan.reconstructionWindows > 0 else { return "" }
    let windows = plan.reconstructionWindows
    let rho = Self.baselineCorrelation
    var out = """
      ## The reconstruction error's band (10 categories)

      \(windows) windows per cell: windows outside the band of the PCA reconstruction error (3
      standard errors), computed without the domain classifier. Stable: windows drawn from the
      baseline's own law, with the study's independent features and with a baseline whose
      `normal` and `missing5` features correlate at \(rho) (target: at most 2 %). Correlation
      changed: against that correlated baseline, windows in which the correlation is 0 or -\(rho);
      both features keep their own law, so the per-feature tests (last column: windows with any
      feature reported drifted, correlation 0) should see nothing. Under no drift the distance of
      a window's error from the band's centre, in standard errors, has mean 0 and standard
      deviation about 1 (0.7 when the window is as large as the baseline sample: the centre's own
      noise is shared by every window of a cell).

      | rows | stable | stable: mean (sd) of (error - centre) / standard error | stable, correlated baseline | correlation \(rho) -> 0 | correlation \(rho) -> -\(rho) | per-feature tests, \(rho) -> 0 |
      |---:|---:|---:|---:|---:|---:|---:|

      """
    let features = DecisionStudy.features(categories: 10)
    let independent = try study.profile(features: features, multivariate: true)
    let correlated = try study.correlatedProfile(features: features, rho: rho)
    var perFeature = correlated
    perFeature.multivariate = nil
    guard let plain = independent.multivariate, let joint = correlated.multivariate else {
      return out + "(the multivariate profile could not be built)\n\n"
    }
    let settings = study.settings.multivariate
    for size in plan.sizes {
      var counts = [Int](repeating: 0, count: 5)
      // Stable windows' distance from the band's centre, in standard errors.
      var scores = [Double]()
      for window in 0..<windows {
        func band(_ profile: MultivariateProfile, _ table: Table) -> ReconstructionDrift? {
          MultivariateEvaluation.reconstruction(
            profile: profile, columns: table.columns, settings: settings)
        }
        func drifted(_ profile: MultivariateProfile, _ table: Table) -> Bool {
          band(profile, table)?.drifted == true
        }
        let stable = study.draw(
          features, rows: size, cell: cellID(5, 10, size, 0), window: UInt64(window), planted: nil)
        if let quiet = band(plain, stable) {
          scores.append((quiet.error - quiet.baselineMean) / quiet.baselineStd)
          if quiet.drifted { counts[0] += 1 }
        }
        if drifted(joint, DecisionStudy.correlated(stable, rho: rho)) { counts[1] += 1 }
        let changed = study.draw(
          features, rows: size, cell: cellID(5, 10, size, 1), window: UInt64(window), planted: nil)
        if drifted(joint, changed) { counts[2] += 1 }
        if drifted(joint, DecisionStudy.correlated(changed, rho: -rho)) { counts[3] += 1 }
        let report = try Evaluator.evaluate(
          profile: perFeature, target: changed, settings: study.settings)
        if report.features.contains(where: \.drifted) { counts[4] += 1 }
      }
      let mean = scores.reduce(0, +) / Double(max(scores.count, 1))
      let spread =
        (scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        / Double(max(scores.count - 1, 1))).squareRoot()
      var cells = counts.map { share($0, windows) }
      cells.insert(String(format: "%+.2f (%.2f)", mean, spread), at: 1)
      out += "| \(size) | \(cells.joined(separator: " | ")) |\n"
      QuietBenchmark.progress("reconstruction: \(size) rows: \(cells)")
    }
    return out + "\n"
  }
}
