import ArgumentParser
import DriftData
import DriftHTML
import DriftStats
import Foundation

/// `driftwatch compare BASELINE TARGET`: a one-shot comparison, also usable as a CI gate.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare a target data set with a baseline, feature by feature.",
    discussion: """
      Reads both files (CSV or JSON Lines), profiles the baseline, runs the drift tests on every
      feature and prints the result. The target is read with the baseline's column types.
      Beside the per-feature verdicts it reports the data set's drift magnitude (a classifier
      telling baseline rows from target rows: 0 % indistinguishable, 100 % told apart), each
      feature's contribution to it, and the PCA reconstruction error (see docs/statistics.md: Drift magnitude).
      Default tests: numeric \(DriftSettings.defaultNumericTests.map(\.rawValue).joined(separator: ",")); \
      categorical \(DriftSettings.defaultCategoricalTests.map(\.rawValue).joined(separator: ",")).
      """
  )

  @Argument(help: "The baseline data set (usually the training data): CSV or JSON Lines.")
  var baseline: String

  @Argument(help: "The target data set to check for drift: CSV or JSON Lines.")
  var target: String

  @OptionGroup var selection: FeatureSelection
  @OptionGroup var decision: DecisionOptions
  @OptionGroup var reading: ReadingOptions
  @OptionGroup var multivariate: MultivariateOptions

  @Option(help: "Output format: table, json, csv or html (one self-contained page).")
  var format: CompareFormat = .table

  @Flag(help: "Exit with status 1 when the data set counts as drifted (see --drift-share).")
  var failOnDrift = false

  @Flag(name: .shortAndLong, help: "Show no progress on standard error.")
  var quiet = false

  @Flag(help: "Print each phase's wall and CPU time to standard error (for profiling).")
  var timings = false

  func run() throws {
    var settings = try decision.settings()
    settings.multivariate = multivariate.settings(threads: reading.threads)
    let progress = quiet ? nil : ProgressReporter.forTerminal()
    let clock = PhaseTimings(enabled: timings)
    defer { clock.report() }
    let side = try profileBaseline(settings: settings, progress: progress, clock: clock)
    let featureNames = side.featureNames

    let profile: BaselineProfile
    let report: DriftReport
    let (targetRows, targetRejected): (Int, Int)
    do {
      var profiled = side.profile
      var targetOptions = reading.options()
      targetOptions.columns = Set(featureNames)
      targetOptions.kinds = Dictionary(
        uniqueKeysWithValues: profiled.features.map { ($0.name, $0.kind) })
      let targetTable = try clock.measure("read target") {
        try read(target, options: targetOptions, progress: progress).table
      }
      (targetRows, targetRejected) = (targetTable.rowCount, targetTable.rejectedRows)
      if settings.calibration.isRequested, let baselineTable = side.table {
        let chunkRows = settings.calibration.chunkRows ?? targetRows
        profiled.calibration = BaselineCalibration(
          table: baselineTable, profile: profiled, settings: settings, chunkRows: chunkRows)
        for problem in profiled.calibration?.problems ?? [] {
          StandardError.line("driftwatch: warning: calibrated thresholds: \(problem)")
        }
      }
      profile = profiled
      try settings.checkTestsApply(to: profile)
      // The evaluation takes the table over (each numeric column sorted in its own array);
      // `handed` is taken once: `measure` runs its body once.
      var handed: Table? = consume targetTable
      report = try clock.measure("evaluate") { () throws(StatsError) in
        try Evaluator.evaluate(
          profile: profile, taking: handed.take()!, settings: settings)
      }
    } catch let error as StatsError {
      StandardError.line("driftwatch: \(error.message)")
      throw Exit.input
    }
    let inputs = ReportInputs(
      baselinePath: baseline, baselineRows: side.rows, baselineRejected: side.rejected,
      targetPath: target, targetRows: targetRows, targetRejected: targetRejected,
      settings: settings)
    clock.measure("render") {
      if let text = format.text {
        print(ReportRenderer(format: text, inputs: inputs).render(report), terminator: "")
      } else {
        print(ComparisonPage(sources: inputs.sources, report: report).render(), terminator: "")
      }
    }
    if failOnDrift && report.dataset.drifted { throw Exit.drift }
  }

  /// The baseline once profiled; its table is kept only when calibration needs it again.
  private struct ProfiledBaseline {
    var profile: BaselineProfile
    var featureNames: [String]
    var rows: Int
    var rejected: Int
    var table: Table?
  }

  /// Reads and profiles the baseline. The table is dropped here unless calibration needs it:
  /// on 1M-row inputs that keeps about 170 MB out of the peak while the target is evaluated.
  private func profileBaseline(
    settings: DriftSettings, progress: ProgressReporter?, clock: PhaseTimings
  ) throws -> ProfiledBaseline {
    var baselineOptions = reading.options()
    if let requested = selection.requestedFeatures { baselineOptions.columns = Set(requested) }
    let table = try clock.measure("read baseline") {
      try read(baseline, options: baselineOptions, progress: progress).table
    }
    let featureNames = try selection.features(in: table, path: baseline)
    let (rows, rejected) = (table.rowCount, table.rejectedRows)
    // The profile takes the table over and sorts each numeric column in its own array; when
    // calibration reads the table again, `kept` shares its columns and the sorts copy them.
    let kept = settings.calibration.isRequested ? table : nil
    var handed: Table? = consume table
    do {
      let profile = try clock.measure("profile baseline") { () throws(StatsError) in
        // `handed` holds the table until here (taken once: this closure runs once).
        try BaselineProfile(
          taking: handed.take()!, featureNames: featureNames, multivariate: settings.multivariate)
      }
      return ProfiledBaseline(
        profile: profile, featureNames: featureNames, rows: rows, rejected: rejected, table: kept)
    } catch {
      StandardError.line("driftwatch: \(error.message)")
      throw Exit.input
    }
  }

  private func read(_ path: String, options: ReadOptions, progress: ProgressReporter?) throws
    -> ReadResult
  {
    var options = options
    if let progress { options.progress = progress.callback(label: path) }
    do {
      let result = try DataReader.read(path: path, options: options)
      progress?.finish()
      for rejected in result.rejected.prefix(5) {
        StandardError.line("driftwatch: skipped row: \(rejected)")
      }
      if result.table.rejectedRows > 5 {
        StandardError.line("driftwatch: \(path): \(result.table.rejectedRows) rows skipped in all")
      }
      return result
    } catch {
      progress?.finish()
      StandardError.line("driftwatch: \(error)")
      throw Exit.input
    }
  }
}
