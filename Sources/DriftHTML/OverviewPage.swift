/// Every monitor on one page: status, newest window, drifted features, magnitude, failures;
/// each name links to the monitor's history page.
public struct OverviewPage: Sendable {
  /// One monitor's line.
  public struct Line: Sendable, Equatable {
    /// Monitor name (from the configuration; still escaped).
    public var monitor: String
    /// Start of the newest stored window, `nil` when none.
    public var lastWindow: Int64?
    /// Its status (`ok`, `failed`, ...).
    public var lastStatus: String?
    /// Features that drifted in it.
    public var driftedFeatures: [String]
    /// Its drift magnitude in percent.
    public var magnitude: Double?
    /// Windows that failed, over the whole history.
    public var failures: Int
    /// The newest error text (untrusted: from data or the system).
    public var lastError: String?

    /// Creates a line.
    public init(
      monitor: String, lastWindow: Int64?, lastStatus: String?, driftedFeatures: [String],
      magnitude: Double?, failures: Int, lastError: String?
    ) {
      self.monitor = monitor
      self.lastWindow = lastWindow
      self.lastStatus = lastStatus
      self.driftedFeatures = driftedFeatures
      self.magnitude = magnitude
      self.failures = failures
      self.lastError = lastError
    }
  }

  /// The monitors, in configuration order.
  public var lines: [Line]
  /// The link to a monitor's page, given its name (already percent-encoded by the caller).
  public var link: @Sendable (String) -> String

  /// Creates the page.
  public init(lines: [Line], link: @escaping @Sendable (String) -> String) {
    self.lines = lines
    self.link = link
  }

  /// The HTML document.
  public func render() -> String {
    var body = "<header><h1>driftwatch</h1><p class=\"muted\">\(lines.count) monitors</p></header>"
    body += "<table class=\"overview\"><thead><tr><th>monitor</th><th>newest window (UTC)</th>"
    body += "<th>status</th><th>drifted features</th><th class=\"num\">magnitude</th>"
    body += "<th class=\"num\">failed windows</th></tr></thead><tbody>"
    for line in lines {
      body += "<tr><td><a href=\"\(HTMLText.escape(link(line.monitor)))\">"
      body += "\(HTMLText.escape(line.monitor))</a></td>"
      body += "<td>\(line.lastWindow.map(TimeText.minute) ?? "\u{2013}")</td><td>"
      switch (line.lastStatus, line.driftedFeatures.isEmpty) {
      case (nil, _): body += "<span class=\"verdict error\">no window yet</span>"
      case ("ok", false): body += "<span class=\"verdict drift\">drift</span>"
      case ("ok", true): body += "<span class=\"verdict ok\">no drift</span>"
      case (let status?, _):
        body += "<span class=\"verdict error\">\(HTMLText.escape(status))</span>"
      }
      body += "</td><td>"
      body += HTMLText.escape(line.driftedFeatures.joined(separator: ", "))
      body +=
        "</td><td class=\"num\">\(line.magnitude.map { NumberText.short($0) + " %" } ?? "\u{2013}")"
      body += "</td><td class=\"num\">\(line.failures)"
      if let error = line.lastError {
        body +=
          " <span class=\"muted\">\(HTMLText.escape(HTMLText.truncated(error, limit: 80)))</span>"
      }
      body += "</td></tr>"
    }
    body += "</tbody></table>"
    return HTMLPage(title: "driftwatch", body: body).render()
  }
}
