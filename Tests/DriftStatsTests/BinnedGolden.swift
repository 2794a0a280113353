import Foundation
import Testing

@testable import DriftStats

/// The vectors scripts/golden/binned.py writes from numpy and scipy.
struct BinnedGolden: Decodable, Sendable {
  struct Outcome: Decodable, Sendable {
    var statistic: Double
    var pvalue: Double
  }

  struct MannWhitney: Decodable, Sendable {
    var statistic: Double
    var pvalue: Double
    var exact: Bool
  }

  struct Distances: Decodable, Sendable {
    var psi: Double
    var kl: Double
    var jensenshannon: Double
    var hellinger: Double
    var linf: Double
    var tvd: Double
  }

  struct Bins: Decodable, Sendable {
    var edges: [Double]
    var baseline: [Int]
    var target: [Int]
    var psi: Double
    var kl: Double
    var jensenshannon: Double
    var hellinger: Double
    var linf: Double
    var tvd: Double
  }

  struct Summary: Decodable, Sendable {
    var count: Int
    var missing: Int
    var infinite: Int
    var mean: Double?
    var std: Double?
    var min: Double?
    var p25: Double?
    var p50: Double?
    var p75: Double?
    var max: Double?
  }

  struct NumericCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var baseline: [Double]
    var target: [Double]
    var baselineMissing: Int
    var baselineInfinite: Int
    var targetMissing: Int
    var targetInfinite: Int
    var mannwhitney: MannWhitney
    var welch: Outcome?
    var fligner: Outcome?
    var wasserstein: Double
    var wassersteinNorm: Double
    var energy: Double
    var bins: Bins
    var missingRate: Outcome
    var baselineSummary: Summary
    var targetSummary: Summary
    var shareOutside: Double

    var testDescription: String { name }

    /// The samples as a reader would build them: values plus NaN and infinite rows.
    var samples: (baseline: NumericSample, target: NumericSample) {
      func make(_ values: [Double], missing: Int, infinite: Int) -> NumericSample {
        let extra = (0..<infinite).map { $0.isMultiple(of: 2) ? Double.infinity : -.infinity }
        return NumericSample(values: values + Array(repeating: .nan, count: missing) + extra)
      }
      return (
        make(baseline, missing: baselineMissing, infinite: baselineInfinite),
        make(target, missing: targetMissing, infinite: targetInfinite)
      )
    }
  }

  struct CategorySummary: Decodable, Sendable {
    struct Entry: Decodable, Sendable {
      var label: String
      var count: Int
      var share: Double
    }
    var count: Int
    var missing: Int
    var unique: Int
    var top: [Entry]
  }

  struct CategoricalCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var baseline: [String?]
    var target: [String?]
    var labels: [String]
    var baselineCounts: [Int]
    var targetCounts: [Int]
    var unseen: Int
    var chisquare: Outcome
    var gtest: Outcome
    var distances: Distances
    var missingRate: Outcome
    var baselineSummary: CategorySummary
    var targetSummary: CategorySummary

    var testDescription: String { name }
  }

  struct CountsCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var baseline: [Int]
    var target: [Int]
    var chisquare: Outcome
    var gtest: Outcome
    var psi: Double
    var kl: Double
    var jensenshannon: Double
    var hellinger: Double
    var linf: Double
    var tvd: Double

    var testDescription: String { name }
  }

  struct AdjustCase: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var p: [Double]
    var bh: [Double]
    var bonferroni: [Double]

    var testDescription: String { name }
  }

  var numeric: [NumericCase]
  var categorical: [CategoricalCase]
  var counts: [CountsCase]
  var adjust: [AdjustCase]

  /// Loaded once for all suites.
  static let shared = GoldenFile.load(BinnedGolden.self, "binned")
}

/// Builds a dictionary-encoded column from labels, `nil` marking a missing row.
func categoricalColumn(_ labels: [String?]) -> CategoricalColumn {
  var categories = [String]()
  var index = [String: Int32]()
  var codes = [Int32]()
  for label in labels {
    guard let label else {
      codes.append(CategoricalColumn.missingCode)
      continue
    }
    if let code = index[label] {
      codes.append(code)
    } else {
      let code = Int32(categories.count)
      index[label] = code
      categories.append(label)
      codes.append(code)
    }
  }
  return CategoricalColumn(codes: codes, categories: categories)
}

/// Statistic tolerance: 1e-9 relative, or 1e-12 absolute near 0.
func expectStatistic(
  _ actual: Double?, _ expected: Double?, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  expectClose(actual, expected, relative: 1e-9, what, sourceLocation: sourceLocation)
}

/// p-value tolerance: 1e-6 relative or 1e-12 absolute.
func expectPValue(
  _ actual: Double?, _ expected: Double?, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  expectClose(actual, expected, relative: 1e-6, what, sourceLocation: sourceLocation)
}

func expectClose(
  _ actual: Double?, _ expected: Double?, relative: Double, _ what: String,
  sourceLocation: SourceLocation
) {
  guard let actual, let expected else {
    #expect(
      actual == expected,
      "\(what): \(String(describing: actual)) vs \(String(describing: expected))",
      sourceLocation: sourceLocation)
    return
  }
  #expect(actual.isFinite, "\(what) is not finite", sourceLocation: sourceLocation)
  let error = abs(actual - expected)
  let ok = actual == expected || error <= max(relative * abs(expected), 1e-12)
  #expect(
    ok, "\(what): got \(actual), scipy \(expected), error \(error)", sourceLocation: sourceLocation)
}
