/// A value over time as inline SVG: a line through the windows (broken where a value is
/// missing), points coloured where the window drifted, and a dashed threshold line.
public struct TimeSeriesChart: Sendable {
  /// One point: window start and value (`nil`: not computed there).
  public struct Point: Sendable, Equatable {
    /// Window start, seconds since 1970.
    public var time: Int64
    /// The value, `nil` when missing.
    public var value: Double?
    /// Whether the point is past its threshold.
    public var drifted: Bool

    /// Creates a point.
    public init(time: Int64, value: Double?, drifted: Bool) {
      self.time = time
      self.value = value
      self.drifted = drifted
    }
  }

  /// The points, oldest first.
  public var points: [Point]
  /// The time range drawn.
  public var range: ClosedRange<Int64>
  /// A horizontal threshold line, if any.
  public var threshold: Double?
  /// Whether the value axis spans the data's own range (for means and medians, which may be
  /// negative or far from 0) instead of starting at 0.
  public var fitsToData = false
  /// A second, lower threshold line (the lower edge of a calibrated band), if any.
  public var lowerThreshold: Double?
  /// The top of the value axis, if fixed (100 for percentages); else from the data.
  public var ceiling: Double?
  /// Text for screen readers and the chart's hover title (plain text; escaped here).
  public var caption: String
  /// Unit shown after tick values (`%` or empty).
  public var unit: String

  /// Creates a chart.
  public init(
    points: [Point], range: ClosedRange<Int64>, threshold: Double? = nil, ceiling: Double? = nil,
    caption: String, unit: String = ""
  ) {
    self.points = points
    self.range = range
    self.threshold = threshold
    self.ceiling = ceiling
    self.caption = caption
    self.unit = unit
  }

  static let width = 560.0
  static let height = 170.0
  static let left = 52.0
  static let top = 8.0
  static let bottom = 24.0

  /// Points drawn at most: beyond this, consecutive windows are merged (highest value, drifted
  /// when any was), so a year of hourly windows stays a small page that still shows every peak.
  static let maxPoints = 240

  /// `points`, merged into at most ``maxPoints`` buckets of consecutive windows.
  static func merged(_ points: [Point]) -> [Point] {
    guard points.count > maxPoints else { return points }
    let size = (points.count + maxPoints - 1) / maxPoints
    return stride(from: 0, to: points.count, by: size).map { start in
      let bucket = points[start..<min(start + size, points.count)]
      let values = bucket.compactMap(\.value).filter(\.isFinite)
      return Point(
        time: bucket[bucket.startIndex].time, value: values.max(),
        drifted: bucket.contains(where: \.drifted))
    }
  }

  /// The `<svg>` element.
  public func render() -> String {
    let c = NumberText.coordinate
    let points = Self.merged(self.points)
    let values = points.compactMap(\.value).filter(\.isFinite)
    var top = max(ceiling ?? 0, values.max() ?? 0, (threshold ?? 0) * 1.15, 1e-12)
    var floor = 0.0
    if fitsToData, let low = values.min(), let high = values.max() {
      let pad = high > low ? (high - low) * 0.08 : max(abs(high) * 0.1, 1)
      floor = low - pad
      top = high + pad
    }
    let plotWidth = Self.width - Self.left - 8
    let plotHeight = Self.height - Self.top - Self.bottom
    let span = Double(max(range.upperBound - range.lowerBound, 1))
    func x(_ time: Int64) -> Double {
      Self.left + plotWidth * Double(time - range.lowerBound) / span
    }
    func y(_ value: Double) -> Double {
      Self.top + plotHeight * (1 - min(max((value - floor) / (top - floor), 0), 1))
    }
    var svg =
      "<svg class=\"chart series\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
      + "viewBox=\"0 0 \(c(Self.width)) \(c(Self.height))\" width=\"\(c(Self.width))\" "
      + "height=\"\(c(Self.height))\" aria-label=\"\(HTMLText.escape(caption))\">"
      + "<title>\(HTMLText.escape(caption))</title>"
    for tick in 0...2 {
      let value = floor + (top - floor) * Double(tick) / 2
      svg += "<line class=\"axis\" x1=\"\(c(Self.left))\" x2=\"\(c(Self.width - 8))\" "
      svg += "y1=\"\(c(y(value)))\" y2=\"\(c(y(value)))\"/><text x=\"\(c(Self.left - 4))\" "
      svg += "y=\"\(c(y(value) + 4))\" text-anchor=\"end\">\(NumberText.short(value))\(unit)</text>"
    }
    svg += "<text x=\"\(c(Self.left))\" y=\"\(c(Self.height - 6))\">"
    svg += "\(TimeText.minute(range.lowerBound))</text>"
    svg += "<text x=\"\(c(Self.width - 8))\" y=\"\(c(Self.height - 6))\" text-anchor=\"end\">"
    svg += "\(TimeText.minute(range.upperBound))</text>"
    if let threshold {
      svg += "<line class=\"threshold\" x1=\"\(c(Self.left))\" x2=\"\(c(Self.width - 8))\" "
      svg += "y1=\"\(c(y(threshold)))\" y2=\"\(c(y(threshold)))\"><title>threshold "
      svg += "\(NumberText.short(threshold))\(unit)</title></line>"
    }
    if let lowerThreshold {
      svg += "<line class=\"threshold\" x1=\"\(c(Self.left))\" x2=\"\(c(Self.width - 8))\" "
      svg += "y1=\"\(c(y(lowerThreshold)))\" y2=\"\(c(y(lowerThreshold)))\"><title>lower edge "
      svg += "\(NumberText.short(lowerThreshold))\(unit)</title></line>"
    }
    // Segments between missing values.
    var segment: [String] = []
    func flush() {
      if segment.count > 1 {
        svg += "<polyline class=\"line\" points=\"\(segment.joined(separator: " "))\"/>"
      }
      segment = []
    }
    for point in points {
      guard let value = point.value, value.isFinite else {
        flush()
        continue
      }
      segment.append("\(c(x(point.time))),\(c(y(value)))")
    }
    flush()
    // Dots only where the window drifted (with the value on hover): the line shows the rest,
    // and a dot per window would multiply the page's size.
    for point in points where point.drifted {
      guard let value = point.value, value.isFinite else { continue }
      svg += "<circle class=\"dot drift\" cx=\"\(c(x(point.time)))\" "
      svg += "cy=\"\(c(y(value)))\" r=\"3\"><title>"
      svg += "\(TimeText.minute(point.time)): \(NumberText.short(value))\(unit)</title></circle>"
    }
    return svg + "</svg>"
  }
}
