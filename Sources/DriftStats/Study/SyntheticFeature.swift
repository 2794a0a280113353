import CGSL

/// A feature of known distribution that the decision-rule study draws windows from.
///
/// The study (``DecisionStudy``) measures how often the default rule reports drift on windows
/// drawn from the baseline's own distribution, and how often it finds a planted change. Every draw
/// comes from a ``SeededGenerator``, so the same seed gives the same columns bit for bit.
public enum SyntheticFeature: Sendable, Hashable {
  /// Standard normal values.
  case normal
  /// Student's t with 3 degrees of freedom, scaled to standard deviation 1.
  case heavyTailed
  /// `round(5 + 2 z)`: integers with many ties (standard deviation about 2).
  case integer
  /// Standard normal values with 5 % of them missing.
  case missing
  /// Categories `c0`, `c1`, ... with equal shares (`zipf` false) or shares proportional to
  /// 1 / rank (`zipf` true).
  case categorical(categories: Int, zipf: Bool)

  /// A short name for tables and column names, e.g. `normal` or `zipf30`.
  public var name: String {
    switch self {
    case .normal: "normal"
    case .heavyTailed: "t3"
    case .integer: "integer"
    case .missing: "missing5"
    case .categorical(let categories, let zipf): "\(zipf ? "zipf" : "uniform")\(categories)"
    }
  }

  /// The column kind the feature is read as.
  public var kind: ColumnKind {
    switch self {
    case .categorical: .categorical
    default: .numeric
    }
  }

  /// The standard deviation that ``PlantedChange/meanShift`` shifts by a fifth of.
  var spread: Double {
    switch self {
    case .integer: 2
    default: 1
    }
  }

  /// The baseline shares of the categories (empty for numeric features).
  var shares: [Double] {
    guard case .categorical(let categories, let zipf) = self else { return [] }
    let weights = (1...max(categories, 1)).map { zipf ? 1 / Double($0) : 1 }
    let total = weights.reduce(0, +)
    return weights.map { $0 / total }
  }

  /// A column of `rows` values, with `change` planted in it.
  ///
  /// - Parameters:
  ///   - name: The column name.
  ///   - rows: Values to draw.
  ///   - change: The change planted in this column (``PlantedChange/none`` for the baseline's law).
  ///   - generator: The seeded source of randomness.
  public func column(
    named name: String, rows: Int, change: PlantedChange, generator: inout SeededGenerator
  ) -> Column {
    switch self {
    case .categorical:
      let (labels, shares) = change.categoricalShares(shares)
      var cumulative = [Double]()
      var running = 0.0
      for share in shares {
        running += share
        cumulative.append(running)
      }
      var codes = [Int32](repeating: 0, count: rows)
      for row in 0..<rows {
        let u = generator.unit() * running
        // The first category whose cumulative share exceeds u (binary search).
        var low = 0
        var high = cumulative.count - 1
        while low < high {
          let middle = (low + high) / 2
          if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        codes[row] = Int32(low)
      }
      return Column(
        name: name, kind: .categorical,
        values: .categorical(CategoricalColumn(codes: codes, categories: labels)))
    default:
      var values = [Double](repeating: 0, count: rows)
      for row in 0..<rows { values[row] = numericValue(change, &generator) }
      return Column(name: name, kind: .numeric, values: .numeric(NumericColumn(values: values)))
    }
  }

  /// One numeric value with `change` applied.
  private func numericValue(_ change: PlantedChange, _ generator: inout SeededGenerator) -> Double {
    let shift = change == .meanShift ? 0.2 * spread : 0
    let scale = change == .scale ? 1.3 : 1
    switch self {
    case .normal where change == .twoModes:
      // Half the rows around -0.8, half around +0.8, each with sd 0.6: mean 0 and variance
      // 0.8^2 + 0.6^2 = 1, as the baseline's N(0, 1), so only the shape changed.
      let centre = generator.unit() < 0.5 ? -0.8 : 0.8
      return centre + 0.6 * generator.normal()
    case .normal:
      return shift + scale * generator.normal()
    case .heavyTailed:
      // t3 = z / sqrt(chi2_3 / 3) has variance 3: divide by sqrt(3) for standard deviation 1.
      let z = generator.normal()
      var chi = 0.0
      for _ in 0..<3 {
        let w = generator.normal()
        chi += w * w
      }
      return shift + scale * z / (chi / 3).squareRoot() / 3.0.squareRoot()
    case .integer:
      return (5 + shift + scale * 2 * generator.normal()).rounded()
    case .missing:
      let missingShare = change == .missingShare ? 0.10 : 0.05
      let value = shift + scale * generator.normal()
      return generator.unit() < missingShare ? .nan : value
    case .categorical:
      return 0
    }
  }
}

/// A change planted in one feature of a study window.
public enum PlantedChange: String, Sendable, CaseIterable {
  /// No change: the baseline's own distribution.
  case none
  /// Mean shifted by 0.2 standard deviations (numeric).
  case meanShift = "mean +0.2 sd"
  /// Deviations from the centre scaled by 1.3 (numeric).
  case scale = "scale x1.3"
  /// Missing share up from 5 % to 10 % (the `missing5` feature).
  case missingShare = "missing +5 points"
  /// 10 % of the probability mass moved from the more frequent half of the categories to the
  /// rarer half, in proportion to their shares (categorical; total variation 0.1).
  case massMoved = "10% mass moved"
  /// A category the baseline never had, on 5 % of rows (categorical).
  case newCategory = "new category 5%"
  /// The values split into two modes with the baseline's mean and standard deviation: an equal
  /// mixture of N(-0.8, 0.6^2) and N(0.8, 0.6^2) against N(0, 1) (the `normal` feature). Only the
  /// shape tests (`ks`, `fligner`) can see it; `welch_t` cannot.
  case twoModes = "two modes (d 0.8, s 0.6)"

  /// Whether the change can be planted in `feature`.
  public func applies(to feature: SyntheticFeature) -> Bool {
    switch (self, feature) {
    case (.none, _): true
    case (.meanShift, .normal), (.meanShift, .heavyTailed), (.meanShift, .integer): true
    case (.scale, .normal), (.scale, .heavyTailed), (.scale, .integer): true
    case (.missingShare, .missing): true
    case (.twoModes, .normal): true
    case (.massMoved, .categorical), (.newCategory, .categorical): true
    default: false
    }
  }

  /// Category labels and shares after the change (labels `c0`, ..., plus `new`).
  func categoricalShares(_ shares: [Double]) -> (labels: [String], shares: [Double]) {
    var labels = shares.indices.map { "c\($0)" }
    var changed = shares
    switch self {
    case .massMoved where shares.count > 1:
      // Shares are in falling order (or equal): the first half is the more frequent one.
      let half = shares.count / 2
      let frequent = shares[..<half].reduce(0, +)
      let rare = shares[half...].reduce(0, +)
      for index in shares.indices {
        changed[index] =
          index < half
          ? shares[index] * (1 - 0.1 / frequent) : shares[index] * (1 + 0.1 / rare)
      }
    case .newCategory:
      changed = shares.map { $0 * 0.95 }
      changed.append(0.05)
      labels.append("new")
    default:
      break
    }
    return (labels, changed)
  }
}

extension SeededGenerator {
  /// A uniform double in (0, 1): 53 random bits, offset by half a step so 0 never occurs.
  mutating func unit() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal value (Box-Muller; the second value of the pair is not kept, so a draw's
  /// value depends only on the generator's state, never on a cached half pair).
  mutating func normal() -> Double {
    let radius = (-2 * log(unit())).squareRoot()
    return radius * cos(2 * Double.pi * unit())
  }
}
