import DriftStats

/// Bars of the baseline and target shares on the same bins, as inline SVG.
///
/// Every bin gets a baseline bar (blue) and a target bar (orange) side by side; heights are
/// shares of each side's rows, so a small target window compares fairly with a large baseline.
/// Each bar carries a `<title>` (the browser's hover text, no script needed) with the bin, the
/// share and the count.
public struct DistributionChart: Sendable {
  /// The two sides' counts.
  public var distribution: BinnedDistribution
  /// Text for screen readers (plain text; escaped here).
  public var caption: String

  /// Creates a chart.
  public init(distribution: BinnedDistribution, caption: String) {
    self.distribution = distribution
    self.caption = caption
  }

  static let width = 560.0
  static let height = 250.0
  static let left = 46.0
  static let right = 8.0
  static let top = 10.0
  static let bottom = 78.0
  static let labelLimit = 16

  /// The name a bin is shown under (plain text: escape it before use).
  public static func label(of bin: BinnedDistribution.Bin) -> String {
    switch bin.role {
    case .range:
      switch (bin.lower, bin.upper) {
      case (nil, let upper?): "< \(NumberText.short(upper))"
      case (let lower?, nil): "\u{2265} \(NumberText.short(lower))"
      case (let lower?, let upper?): "[\(NumberText.short(lower)), \(NumberText.short(upper)))"
      case (nil, nil): "all values"
      }
    case .category: bin.label
    case .otherCategories: "(other categories)"
    case .unseen: "(unseen in baseline)"
    case .missing: "(missing)"
    }
  }

  /// The `<svg>` element.
  public func render() -> String {
    let bins = distribution.bins
    let baseShares = distribution.baselineShares
    let targetShares = distribution.targetShares
    let peak = max(baseShares.max() ?? 0, targetShares.max() ?? 0)
    let scale = Self.niceScale(peak)
    let scaleTop = scale.step * Double(scale.ticks)
    let plotWidth = Self.width - Self.left - Self.right
    let plotHeight = Self.height - Self.top - Self.bottom
    let slot = plotWidth / Double(max(bins.count, 1))
    let barWidth = slot * 0.38
    let c = NumberText.coordinate
    var svg =
      "<svg class=\"chart distribution\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
      + "viewBox=\"0 0 \(c(Self.width)) \(c(Self.height))\" width=\"\(c(Self.width))\" "
      + "height=\"\(c(Self.height))\" aria-label=\"\(HTMLText.escape(caption))\">"
    svg += "<title>\(HTMLText.escape(caption))</title>"
    for tick in 0...scale.ticks {
      let share = scale.step * Double(tick)
      let y = Self.top + plotHeight * (1 - Double(tick) / Double(scale.ticks))
      svg += "<line class=\"axis\" x1=\"\(c(Self.left))\" x2=\"\(c(Self.width - Self.right))\" "
      svg += "y1=\"\(c(y))\" y2=\"\(c(y))\"/>"
      svg += "<text x=\"\(c(Self.left - 4))\" y=\"\(c(y + 4))\" text-anchor=\"end\">"
      svg += "\(Self.percentTick(share))</text>"
    }
    for (index, bin) in bins.enumerated() {
      let name = Self.label(of: bin)
      let x0 = Self.left + slot * Double(index) + slot * 0.1
      let sides = [
        ("bar-base", "baseline", baseShares[index], bin.baseline),
        ("bar-target", "target", targetShares[index], bin.target),
      ]
      for (offset, side) in sides.enumerated() {
        let heightValue = scaleTop > 0 ? plotHeight * side.2 / scaleTop : 0
        svg += "<rect class=\"\(side.0)\" data-share=\"\(String(format: "%.6f", side.2))\" "
        svg += "x=\"\(c(x0 + barWidth * Double(offset)))\" "
        svg += "y=\"\(c(Self.top + plotHeight - heightValue))\" width=\"\(c(barWidth))\" "
        svg += "height=\"\(c(heightValue))\"><title>"
        svg += HTMLText.escape("\(name): \(side.1) \(NumberText.percent(side.2)) (\(side.3) rows)")
        svg += "</title></rect>"
      }
      let labelX = x0 + barWidth
      let labelY = Self.top + plotHeight + 12
      svg += "<text class=\"bin\" x=\"\(c(labelX))\" y=\"\(c(labelY))\" text-anchor=\"end\" "
      svg += "transform=\"rotate(-35 \(c(labelX)) \(c(labelY)))\"><title>\(HTMLText.escape(name))"
      svg += "</title>\(HTMLText.escape(HTMLText.truncated(name, limit: Self.labelLimit)))</text>"
    }
    svg += "</svg>"
    return svg
  }

  /// The axis: a round step (1, 2, 5, 10, 20 or 25 %) and at most 5 ticks reaching `share`.
  static func niceScale(_ share: Double) -> (step: Double, ticks: Int) {
    for step in [0.01, 0.02, 0.05, 0.1, 0.2, 0.25] {
      let ticks = Int((share / step - 1e-9).rounded(.up))
      if ticks <= 5 { return (step, max(ticks, 1)) }
    }
    return (0.25, 4)
  }

  private static func percentTick(_ share: Double) -> String {
    "\(Int((share * 100).rounded())) %"
  }
}
