/// The calibration section of an encoded ``BaselineProfile``.
///
/// Layout (little-endian, after the features): magic `CAL1`, chunk rows, chunk count, problem
/// (flag, text), entry count, then per entry the feature name, test id, problem (flag, text) and
/// the chunk statistics as binary64 bit patterns, so a decoded calibration gives bit-identical
/// bands.
extension BaselineCalibration {
  private static let magic: [UInt8] = Array("CAL1".utf8)

  /// Appends the section to `out`.
  func encode(into out: inout ByteWriter) {
    out.bytes(Self.magic)
    out.int(chunkRows)
    out.int(chunkCount)
    Self.encode(problem, into: &out)
    out.int(entries.count)
    for entry in entries {
      out.string(entry.feature)
      out.string(entry.test.rawValue)
      Self.encode(entry.problem, into: &out)
      out.doubles(entry.values)
    }
  }

  /// Reads the section written by ``encode(into:)``.
  init(decoding reader: inout ByteReader) throws(StatsError) {
    guard try reader.bytes(4) == Self.magic else {
      throw StatsError("baseline profile: unknown section after the features; recompute it")
    }
    let chunkRows = try reader.int()
    let chunkCount = try reader.int()
    let problem = try Self.decodeProblem(&reader)
    var entries = [Entry]()
    for _ in 0..<(try reader.int()) {
      let feature = try reader.string()
      let testName = try reader.string()
      guard let test = DriftTest(rawValue: testName) else {
        throw StatsError("baseline profile: unknown calibrated test '\(testName)'; recompute it")
      }
      let entryProblem = try Self.decodeProblem(&reader)
      let values = try reader.doubles()
      guard values.allSatisfy(\.isFinite) else {
        throw StatsError("baseline profile: a calibration value is not finite; recompute it")
      }
      entries.append(Entry(feature: feature, test: test, values: values, problem: entryProblem))
    }
    self.init(chunkRows: chunkRows, chunkCount: chunkCount, entries: entries, problem: problem)
  }

  private static func encode(_ problem: String?, into out: inout ByteWriter) {
    out.int(problem == nil ? 0 : 1)
    if let problem { out.string(problem) }
  }

  private static func decodeProblem(_ reader: inout ByteReader) throws(StatsError) -> String? {
    switch try reader.int() {
    case 0: return nil
    case 1: return try reader.string()
    default: throw StatsError("baseline profile: bad calibration flag; recompute it")
    }
  }
}
