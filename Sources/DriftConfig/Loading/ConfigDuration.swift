/// Durations written in configuration files: a whole number and a unit.
enum ConfigDuration {
  /// The units, with their length in seconds.
  static let units: [(suffix: String, seconds: Int64)] = [
    ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
  ]

  /// Seconds in `30s`, `10m`, `2h`, `1d`, `1w`, or `0`; nil for anything else.
  static func seconds(in text: String) -> Int64? {
    if text == "0" { return 0 }
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let count = Int64(digits), count <= 1_000_000_000 else { return nil }
    let suffix = text.dropFirst(digits.count)
    guard let unit = units.first(where: { $0.suffix == suffix }) else { return nil }
    return count * unit.seconds
  }

  /// The hint shown with a bad duration.
  static let hint = "write a whole number and a unit: 30s, 10m, 2h, 1d, 1w"
}
