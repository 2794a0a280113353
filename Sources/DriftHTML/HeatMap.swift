/// Features by windows as inline SVG: each cell shaded by how far the feature's worst test is
/// past its threshold (one hue, so it reads without telling red from green), drifted cells
/// outlined, and windows where the data set drifted marked above the grid.
public struct HeatMap: Sendable {
  /// The history drawn.
  public var history: MonitorHistory
  /// The URL of a feature's page, linked from its row label; `nil`: no links.
  public var featureLink: (@Sendable (String) -> String)?
  /// The URL of a window's page, by window start, linked from a strip above each column.
  public var windowLink: (@Sendable (Int64) -> String)?

  /// Creates a heat map.
  public init(history: MonitorHistory) {
    self.history = history
  }

  static let left = 150.0
  static let cell = 14.0
  static let maxWidth = 560.0
  /// Columns drawn at most.
  public static let maxColumns = 200

  /// The `<svg>` element.
  public func render() -> String {
    let c = NumberText.coordinate
    let features = Array(Set(history.results.map(\.feature))).sorted()
    // Beyond maxColumns windows, consecutive windows share a column (worst of them).
    let size = max((history.windows.count + Self.maxColumns - 1) / Self.maxColumns, 1)
    let windows = stride(from: 0, to: history.windows.count, by: size).map {
      history.windows[$0].start
    }
    let column = Dictionary(
      uniqueKeysWithValues: history.windows.enumerated().map { ($1.start, $0 / size) })
    let row = Dictionary(uniqueKeysWithValues: features.enumerated().map { ($1, $0) })
    // Worst severity and verdict per (feature, window).
    var cells: [Int: (severity: Double, drifted: Bool)] = [:]
    for result in history.results {
      guard let x = column[result.windowStart], let y = row[result.feature] else { continue }
      let key = y * max(windows.count, 1) + x
      let old = cells[key] ?? (0, false)
      cells[key] = (max(old.severity, result.severity ?? 0), old.drifted || result.drifted)
    }
    let cellWidth = min(Self.cell, (Self.maxWidth - Self.left) / Double(max(windows.count, 1)))
    let width = Self.left + cellWidth * Double(windows.count) + 4
    let height = 14 + Self.cell * Double(features.count) + 4 + (windowLink == nil ? 0 : 12)
    var svg =
      "<svg class=\"chart heatmap\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
      + "viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" "
      + "aria-label=\"features by windows, shaded by how far past the threshold\">"
    var marked = Set<Int>()
    for (index, window) in history.windows.enumerated() where window.drifted {
      guard marked.insert(index / size).inserted else { continue }
      let x = Self.left + cellWidth * Double(index / size)
      svg += "<rect class=\"mark\" x=\"\(c(x))\" y=\"2\" "
      svg += "width=\"\(c(cellWidth))\" height=\"8\"><title>\(TimeText.minute(window.start)): "
      svg += "data set drifted</title></rect>"
    }
    for (y, feature) in features.enumerated() {
      let top = 14 + Self.cell * Double(y)
      if let featureLink { svg += "<a href=\"\(HTMLText.escape(featureLink(feature)))\">" }
      svg += "<text x=\"\(c(Self.left - 6))\" y=\"\(c(top + 11))\" text-anchor=\"end\">"
      svg += "<title>\(HTMLText.escape(feature))</title>"
      svg += "\(HTMLText.escape(HTMLText.truncated(feature, limit: 22)))</text>"
      if featureLink != nil { svg += "</a>" }
      for (x, start) in windows.enumerated() {
        guard let value = cells[y * max(windows.count, 1) + x] else { continue }
        let opacity = min(value.severity / 2, 1)
        svg += "<rect class=\"\(value.drifted ? "cell drift" : "cell")\" "
        svg += "x=\"\(c(Self.left + cellWidth * Double(x)))\" y=\"\(c(top))\" "
        svg += "width=\"\(c(cellWidth - 1))\" height=\"\(c(Self.cell - 1))\" "
        svg += "fill-opacity=\"\(NumberText.fixed(max(opacity, 0.04), decimals: 3))\"><title>"
        svg += HTMLText.escape(
          "\(feature), \(TimeText.minute(start)): \(value.drifted ? "drift" : "no drift"), "
            + "\(NumberText.short(value.severity))\u{00D7} the threshold")
        svg += "</title></rect>"
      }
    }
    if let windowLink {
      // One link per column under the grid: the window's page (the column's first window).
      let top = 14 + Self.cell * Double(features.count) + 2
      svg += "<text x=\"\(c(Self.left - 6))\" y=\"\(c(top + 9))\" text-anchor=\"end\">"
      svg += "windows</text>"
      for (x, start) in windows.enumerated() {
        svg += "<a class=\"window-link\" href=\"\(HTMLText.escape(windowLink(start)))\">"
        svg += "<rect class=\"column\" x=\"\(c(Self.left + cellWidth * Double(x)))\" "
        svg += "y=\"\(c(top))\" width=\"\(c(max(cellWidth - 1, 0.5)))\" height=\"10\">"
        svg += "<title>window \(TimeText.minute(start))</title></rect></a>"
      }
    }
    return svg + "</svg>"
  }
}
