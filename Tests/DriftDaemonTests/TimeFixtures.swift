import DriftData
import Testing

/// Seconds since the epoch of an RFC 3339 time, for readable test times.
func time(_ text: String) throws -> Int64 {
  try #require(Timestamp.parse(text, now: 0), "not a time: \(text)")
}

/// Windows of `size` from `first` (a start) for `count` windows, oldest first.
func windows(_ size: WindowSize, from first: Int64, count: Int) -> [Window] {
  var result = [Window]()
  var start = first
  for _ in 0..<count {
    let end = size.end(ofWindowStartingAt: start)
    result.append(Window(start: start, end: end))
    start = end
  }
  return result
}
