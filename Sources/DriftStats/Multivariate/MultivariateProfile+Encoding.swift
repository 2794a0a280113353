/// The cached form of a ``MultivariateProfile``, inside a baseline profile's bytes.
///
/// Only what cannot be derived is stored: the settings that shaped it (sample cap, seed, variance
/// share), the baseline's row count and the sampled rows before encoding (numeric values as their
/// bit patterns, categories as slots). The encoding's constants come from the decoded feature
/// profiles, and the design matrix, principal components and sample errors are recomputed, so a
/// decoded profile gives the same numbers as a fresh one by construction.
///
/// Layout: max rows, seed (8 bytes), variance share (bit pattern), baseline rows, sample rows,
/// then per feature a tag (0 numeric: doubles; 1 categorical: 4-byte slots).
extension MultivariateProfile {
  func encode(into out: inout ByteWriter) {
    out.int(settings.maxRows)
    out.uint64(settings.seed)
    out.uint64(settings.varianceShare.bitPattern)
    out.int(baselineRows)
    out.int(sample.rows)
    for column in rawSample {
      switch column {
      case .numeric(let values):
        out.int(0)
        out.doubles(values)
      case .categorical(let slots):
        out.int(1)
        out.int(slots.count)
        for slot in slots {
          withUnsafeBytes(of: slot.littleEndian) { out.buffer.append(contentsOf: $0) }
        }
      }
    }
  }

  init(decoding reader: inout ByteReader, features: [FeatureProfile]) throws(StatsError) {
    var settings = MultivariateSettings()
    settings.maxRows = try reader.int()
    settings.seed = try reader.uint64()
    settings.varianceShare = Double(bitPattern: try reader.uint64())
    let baselineRows = try reader.int()
    let rows = try reader.int()
    let encoding = MultivariateEncoding(features: features.map(FeatureEncoding.init(profile:)))
    var raw = [RawSampleColumn]()
    for feature in encoding.features {
      switch (try reader.int(), feature.rule) {
      case (0, .numeric):
        let values = try reader.doubles()
        guard values.count == rows else { throw Self.corrupt(feature.name) }
        raw.append(.numeric(values))
      case (1, .categorical(let categories, _)):
        let count = try reader.int()
        guard count == rows else { throw Self.corrupt(feature.name) }
        var slots = [Int32]()
        slots.reserveCapacity(count)
        for _ in 0..<count {
          let bytes = try reader.bytes(4)
          let slot = Int32(bitPattern: bytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
          guard slot >= -1, slot <= Int32(categories.count) else {
            throw Self.corrupt(feature.name)
          }
          slots.append(slot)
        }
        raw.append(.categorical(slots))
      default:
        throw Self.corrupt(feature.name)
      }
    }
    guard settings.varianceShare > 0, settings.varianceShare <= 1 else {
      throw StatsError("baseline profile: impossible variance share; recompute it")
    }
    try self.init(
      encoding: encoding, rawSample: raw, baselineRows: baselineRows, settings: settings)
  }

  private static func corrupt(_ name: String) -> StatsError {
    StatsError("baseline profile: the multivariate sample of '\(name)' is damaged; recompute it")
  }
}

extension ByteWriter {
  mutating func uint64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
  }
}
