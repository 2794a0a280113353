import DriftData
import Testing

@testable import DriftDaemon

/// Which windows are due: complete windows only (end plus delay passed), aligned in UTC, oldest
/// first, at most `catch_up` of them, with the rest of a downtime recorded as skipped. Pure
/// arithmetic on a given time: no clock, no sleeping.
@Suite struct WindowPlannerTests {
  @Test func aWindowIsCompleteOnlyOnceItsEndPlusTheDelayHasPassed() throws {
    let size = WindowSize.hours(1)
    let end = try time("2026-11-03T01:00:00Z")
    // One second before the end plus the 10-minute delay, the 00:00 window is still open.
    let early = WindowPlanner.lastComplete(size: size, delay: 600, now: end + 599)
    #expect(early.start == (try time("2026-11-02T23:00:00Z")))
    // At exactly end + delay it is complete; it stays the last complete one for the hour.
    for now in [end + 600, end + 601, end + 3599 + 600] {
      let last = WindowPlanner.lastComplete(size: size, delay: 600, now: now)
      #expect(last == Window(start: try time("2026-11-03T00:00:00Z"), end: end))
    }
  }

  @Test func noDelayMakesAWindowDueAtItsEnd() throws {
    let end = try time("2026-11-03T00:15:00Z")
    let size = WindowSize.minutes(15)
    #expect(WindowPlanner.lastComplete(size: size, delay: 0, now: end).end == end)
    #expect(WindowPlanner.lastComplete(size: size, delay: 0, now: end - 1).end == end - 900)
  }

  @Test(arguments: [
    // Calendar windows in UTC: no daylight-saving hour is ever added or lost (Europe moved its
    // clocks on 2026-10-25, the United States on 2026-11-01).
    ("1d", "2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z"),
    ("1d", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"),
    // ISO weeks start on Monday midnight.
    ("1w", "2026-10-26T00:00:00Z", "2026-11-02T00:00:00Z"),
    // Months have their own lengths, leap years included.
    ("1mo", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"),
    ("1mo", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"),
    ("3mo", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z"),
  ])
  func calendarWindowsAreAlignedInUTC(size text: String, start: String, end: String) throws {
    let size = try #require(WindowSize(text))
    let window = Window(start: try time(start), end: try time(end))
    // Every instant inside the window, and the first instant after it, plan the same way.
    for now in [window.start, window.start + 1, (window.start + window.end) / 2, window.end - 1] {
      #expect(Window(containing: now, size: size) == window)
    }
    #expect(WindowPlanner.lastComplete(size: size, delay: 0, now: window.end) == window)
    #expect(WindowPlanner.lastComplete(size: size, delay: 0, now: window.end - 1) != window)
  }

  @Test func anEmptyStoreGetsTheLastCatchUpWindowsOldestFirst() throws {
    let size = WindowSize.hours(1)
    let now = try time("2026-11-04T00:15:00Z")
    let plan = WindowPlanner.plan(
      size: size, delay: 600, catchUp: 72, now: now, stored: [:], lastStoredStart: nil)
    let expected = windows(size, from: try time("2026-11-01T00:00:00Z"), count: 72)
    #expect(plan.due == expected)
    #expect(plan.skipped.isEmpty)
    // The next window (00:00 to 01:00 on the 4th) is due at 01:10.
    #expect(plan.nextDueAt == (try time("2026-11-04T01:10:00Z")))
  }

  @Test func storedWindowsAreNeverDueTwice() throws {
    let size = WindowSize.hours(1)
    let now = try time("2026-11-03T06:10:00Z")
    let all = windows(size, from: try time("2026-11-03T00:00:00Z"), count: 6)
    let stored = Dictionary(
      uniqueKeysWithValues: all[0..<4].map {
        ($0.start, StoredWindow(retryable: false, nextAttemptAt: nil))
      })
    let plan = WindowPlanner.plan(
      size: size, delay: 600, catchUp: 6, now: now, stored: stored, lastStoredStart: all[3].start)
    #expect(plan.due == Array(all[4...]))
    #expect(plan.skipped.isEmpty)
  }

  @Test func aFailedWindowIsDueAgainOnlyOnceItsRetryTimeHasCome() throws {
    let size = WindowSize.hours(1)
    let now = try time("2026-11-03T03:10:00Z")
    let all = windows(size, from: try time("2026-11-03T00:00:00Z"), count: 3)
    func plan(retryAt: Int64) -> WindowPlan {
      WindowPlanner.plan(
        size: size, delay: 600, catchUp: 3, now: now,
        stored: [
          all[0].start: StoredWindow(retryable: false, nextAttemptAt: nil),
          all[1].start: StoredWindow(retryable: true, nextAttemptAt: retryAt),
          all[2].start: StoredWindow(retryable: false, nextAttemptAt: nil),
        ],
        lastStoredStart: all[2].start)
    }
    #expect(plan(retryAt: now + 1).due.isEmpty)
    #expect(plan(retryAt: now).due == [all[1]])
    #expect(plan(retryAt: now - 60).due == [all[1]])
  }

  @Test func catchUpAfterDowntimeEvaluatesTheNewestAndRecordsTheRestAsSkipped() throws {
    let size = WindowSize.hours(1)
    // The last window stored was 00:00 on the 3rd; the daemon comes back at 12:10 (12 windows
    // complete since), with catch_up 3.
    let last = try time("2026-11-03T00:00:00Z")
    let now = try time("2026-11-03T13:10:00Z")
    let plan = WindowPlanner.plan(
      size: size, delay: 600, catchUp: 3, now: now,
      stored: [last: StoredWindow(retryable: false, nextAttemptAt: nil)], lastStoredStart: last)
    let missed = windows(size, from: last + 3600, count: 12)
    #expect(plan.due == Array(missed[9...]))
    #expect(plan.skipped == Array(missed[..<9]))
  }

  @Test func theSkippedRecordsAreLimited() throws {
    let size = WindowSize.minutes(1)
    let last = try time("2025-11-03T00:00:00Z")
    let now = try time("2026-11-03T00:00:00Z")
    let plan = WindowPlanner.plan(
      size: size, delay: 0, catchUp: 5, now: now,
      stored: [last: StoredWindow(retryable: false, nextAttemptAt: nil)], lastStoredStart: last)
    #expect(plan.due.count == 5)
    #expect(plan.skipped.count == WindowPlanner.skippedLimit)
    #expect(plan.skipped.first?.start == last + 60)
    #expect(zip(plan.skipped, plan.skipped.dropFirst()).allSatisfy { $0.end == $1.start })
  }

  @Test func catchUpZeroStillEvaluatesTheLastCompleteWindow() throws {
    let now = try time("2026-11-03T03:10:00Z")
    let plan = WindowPlanner.plan(
      size: .hours(1), delay: 600, catchUp: 0, now: now, stored: [:], lastStoredStart: nil)
    #expect(plan.due == [Window(start: try time("2026-11-03T02:00:00Z"), end: now - 600)])
  }
}
