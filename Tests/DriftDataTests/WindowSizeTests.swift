import Testing

@testable import DriftData

@Suite struct WindowSizeTests {
  // 2025-11-25T13:47:12Z, a Tuesday.
  let time: Int64 = 1_764_078_432

  @Test(arguments: [
    ("15m", "15m"), ("1h", "1h"), ("6h", "6h"), ("1d", "1d"), ("1w", "1w"), ("1mo", "1mo"),
    ("3mo", "3mo"),
  ])
  func parsesAndPrints(text: String, printed: String) throws {
    let size = try #require(WindowSize(text))
    #expect(size.description == printed)
  }

  @Test(arguments: ["", "0h", "-1h", "1y", "h", "1.5h", "1 h"])
  func rejectsBadSizes(text: String) {
    #expect(WindowSize(text) == nil)
  }

  @Test func alignsFixedAndCalendarWindows() throws {
    let checks: [(String, Int64, Int64)] = [
      ("15m", 1_764_078_300, 1_764_079_200),  // 13:45 - 14:00
      ("1h", 1_764_075_600, 1_764_079_200),  // 13:00 - 14:00
      ("1d", 1_764_028_800, 1_764_115_200),  // 2025-11-25 - 26
      ("1w", 1_763_942_400, 1_764_547_200),  // Monday 2025-11-24 - Monday 2025-12-01
      ("1mo", 1_761_955_200, 1_764_547_200),  // 2025-11-01 - 2025-12-01
      ("3mo", 1_759_276_800, 1_767_225_600),  // 2025-10-01 - 2026-01-01
    ]
    for (text, start, end) in checks {
      let size = try #require(WindowSize(text))
      let window = Window(containing: time, size: size)
      #expect(window.start == start, "\(text)")
      #expect(window.end == end, "\(text)")
      #expect(window.contains(Double(time)))
      // The next window starts where this one ends.
      #expect(Window(containing: window.end, size: size).start == window.end)
    }
  }

  @Test func civilDatesRoundTrip() {
    for days in stride(from: -800_000, through: 800_000, by: 997) {
      let date = CivilDate(daysSinceEpoch: days)
      #expect(date.daysSinceEpoch == days)
    }
    #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
    #expect(CivilDate(daysSinceEpoch: 11_016) == CivilDate(year: 2000, month: 2, day: 29))
  }

  @Test func monthsCrossYearsAndLeapDays() throws {
    let size = try #require(WindowSize("1mo"))
    // 2024-02-10 -> February 2024, 29 days.
    let february = Window(containing: 1_707_523_200, size: size)
    #expect(february.end - february.start == 29 * 86_400)
    // 2025-12-31T23:59:59Z -> December 2025, ends at 2026-01-01.
    let december = Window(containing: 1_767_225_599, size: size)
    #expect(december.end == 1_767_225_600)
  }
}

@Suite struct TimestampTests {
  @Test func parsesAbsoluteAndRelativeTimes() {
    let now: Int64 = 1_764_078_432
    #expect(Timestamp.parse("2025-11-25T13:47:12Z", now: 0) == now)
    #expect(Timestamp.parse("-7d", now: now) == now - 7 * 86_400)
    #expect(Timestamp.parse("-90s", now: now) == now - 90)
    #expect(Timestamp.parse("now", now: now) == now)
    #expect(Timestamp.parse("yesterday", now: now) == nil)
    #expect(Timestamp.parse("-7y", now: now) == nil)
  }

  @Test func formatsRFC3339() {
    #expect(Timestamp.format(1_764_078_432) == "2025-11-25T13:47:12Z")
    #expect(Timestamp.format(0) == "1970-01-01T00:00:00Z")
    #expect(Timestamp.format(-1) == "1969-12-31T23:59:59Z")
  }

  @Test func parsesDurations() {
    #expect(TimeSpan.seconds("30s") == 30)
    #expect(TimeSpan.seconds("10m") == 600)
    #expect(TimeSpan.seconds("400d") == 34_560_000)
    #expect(TimeSpan.seconds("1.5h") == nil)
    #expect(TimeSpan.seconds("h") == nil)
  }
}
