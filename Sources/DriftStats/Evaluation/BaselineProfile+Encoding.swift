/// A compact binary form of a ``BaselineProfile``, so the daemon can cache it by baseline hash.
///
/// Only what cannot be derived is stored: each numeric feature's sorted sample and each
/// categorical feature's counts. Bins and summaries are recomputed on decoding (linear passes),
/// so a cached profile is identical to a freshly computed one by construction.
///
/// Layout (little-endian): magic `DWP2`, bin count, row count, feature count, then per feature
/// its name, kind and either (missing, infinite, values) or (labels, counts, missing); then the
/// multivariate profile (see `MultivariateProfile+Encoding.swift`) or a 0 when there is none;
/// then, only when the profile holds a calibration, its section (``BaselineCalibration``'s
/// encoding, starting with `CAL1`).
/// Version 2 added the multivariate part: a `DWP1` cache fails to decode and is recomputed.
extension BaselineProfile {
  private static let magic: [UInt8] = Array("DWP2".utf8)

  /// The profile as bytes.
  public func encoded() -> [UInt8] {
    var out = ByteWriter()
    out.bytes(Self.magic)
    out.int(binCount)
    out.int(rowCount)
    out.int(features.count)
    for feature in features {
      out.string(feature.name)
      out.string(feature.kind.rawValue)
      switch feature.distribution {
      case .numeric(let profile):
        out.int(0)
        out.int(profile.sample.missing)
        out.int(profile.sample.infinite)
        out.doubles(profile.sample.sorted)
      case .categorical(let counts):
        out.int(1)
        out.int(counts.labels.count)
        for (label, count) in zip(counts.labels, counts.counts) {
          out.string(label)
          out.int(count)
        }
        out.int(counts.missing)
      }
    }
    if let multivariate {
      out.int(1)
      multivariate.encode(into: &out)
    } else {
      out.int(0)
    }
    if let calibration { calibration.encode(into: &out) }
    return out.buffer
  }

  /// Decodes bytes written by ``encoded()``.
  /// - Throws: ``StatsError`` when the bytes are not a profile of this format.
  public init(encoded bytes: [UInt8]) throws(StatsError) {
    var reader = ByteReader(bytes)
    guard try reader.bytes(4) == Self.magic else {
      throw StatsError("not a driftwatch baseline profile (bad magic); recompute it")
    }
    let binCount = try reader.int()
    let rowCount = try reader.int()
    let featureCount = try reader.int()
    var features = [FeatureProfile]()
    for _ in 0..<featureCount {
      let name = try reader.string()
      guard let kind = ColumnKind(rawValue: try reader.string()) else {
        throw StatsError("baseline profile: unknown column kind for '\(name)'")
      }
      switch try reader.int() {
      case 0:
        let missing = try reader.int()
        let infinite = try reader.int()
        let values = try reader.doubles()
        guard values.allSatisfy(\.isFinite),
          zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw StatsError("baseline profile: values of '\(name)' are not sorted and finite") }
        let sample = NumericSample(presorted: values, missing: missing, infinite: infinite)
        features.append(
          FeatureProfile(
            name: name, kind: kind,
            distribution: .numeric(NumericProfile(sample: sample, binCount: binCount))))
      case 1:
        var labels = [String]()
        var counts = [Int]()
        for _ in 0..<(try reader.int()) {
          labels.append(try reader.string())
          counts.append(try reader.int())
        }
        let missing = try reader.int()
        features.append(
          FeatureProfile(
            name: name, kind: kind,
            distribution: .categorical(
              CategoryCounts(labels: labels, counts: counts, missing: missing))))
      default:
        throw StatsError("baseline profile: unknown distribution tag for '\(name)'")
      }
    }
    let multivariate: MultivariateProfile?
    switch try reader.int() {
    case 0: multivariate = nil
    case 1: multivariate = try MultivariateProfile(decoding: &reader, features: features)
    default: throw StatsError("baseline profile: unknown multivariate tag")
    }
    let calibration = reader.isAtEnd ? nil : try BaselineCalibration(decoding: &reader)
    guard reader.isAtEnd else { throw StatsError("baseline profile: trailing bytes") }
    self.init(
      rowCount: rowCount, features: features, binCount: binCount, multivariate: multivariate)
    self.calibration = calibration
  }
}

/// Appends little-endian fixed-width values to a byte buffer.
struct ByteWriter {
  var buffer = [UInt8]()

  mutating func bytes(_ data: [UInt8]) { buffer.append(contentsOf: data) }

  mutating func int(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { buffer.append(contentsOf: $0) }
  }

  mutating func string(_ text: String) {
    int(text.utf8.count)
    buffer.append(contentsOf: text.utf8)
  }

  mutating func doubles(_ values: [Double]) {
    int(values.count)
    buffer.reserveCapacity(buffer.count + values.count * 8)
    for value in values {
      withUnsafeBytes(of: value.bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
    }
  }
}

/// Reads what ``ByteWriter`` wrote, failing cleanly on truncated input.
struct ByteReader {
  let data: [UInt8]
  var offset = 0

  init(_ data: [UInt8]) { self.data = data }

  var isAtEnd: Bool { offset == data.count }

  mutating func bytes(_ count: Int) throws(StatsError) -> [UInt8] {
    guard count >= 0, count <= data.count - offset else {
      throw StatsError("baseline profile is truncated; recompute it")
    }
    defer { offset += count }
    return Array(data[offset..<(offset + count)])
  }

  mutating func uint64() throws(StatsError) -> UInt64 {
    let raw = try bytes(8)
    return raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }

  mutating func int() throws(StatsError) -> Int {
    let value = Int64(bitPattern: try uint64())
    guard value >= 0, value <= Int64(Int32.max) * 1024 else {
      throw StatsError("baseline profile holds an impossible count; recompute it")
    }
    return Int(value)
  }

  mutating func string() throws(StatsError) -> String {
    String(decoding: try bytes(try int()), as: UTF8.self)
  }

  mutating func doubles() throws(StatsError) -> [Double] {
    let count = try int()
    guard count <= (data.count - offset) / 8 else {
      throw StatsError("baseline profile is truncated; recompute it")
    }
    var values = [Double]()
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(Double(bitPattern: try uint64())) }
    return values
  }
}
