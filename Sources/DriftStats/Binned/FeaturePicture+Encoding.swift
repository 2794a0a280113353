/// A compact binary form of a ``FeaturePicture`` for the store: variable-length integers for
/// counts, raw little-endian doubles for values (so a picture reads back bit for bit).
///
/// Layout: version byte 1; summary kind (0 numeric, 1 categorical); numeric: count, missing,
/// infinite, a presence mask, then the present of mean, std, min, p25, p50, p75, max;
/// categorical: count, missing, unique, top entries (label, count). Then the bins: 0 when there
/// is no distribution, else 1, the number of range bins, their interior edges, and per bin its
/// role (and label for a category) and both sides' counts.
extension FeaturePicture {
  private static let version: UInt8 = 1

  /// The picture as bytes.
  public func encoded() -> [UInt8] {
    var out = CompactWriter()
    out.byte(Self.version)
    switch summary {
    case .numeric(let s):
      out.byte(0)
      out.varint(s.count)
      out.varint(s.missing)
      out.varint(s.infinite)
      let values = [s.mean, s.std, s.min, s.p25, s.p50, s.p75, s.max]
      var mask: UInt8 = 0
      for (bit, value) in values.enumerated() where value != nil { mask |= 1 << UInt8(bit) }
      out.byte(mask)
      for value in values { if let value { out.double(value) } }
    case .categorical(let s):
      out.byte(1)
      out.varint(s.count)
      out.varint(s.missing)
      out.varint(s.unique)
      out.varint(s.top.count)
      for entry in s.top {
        out.string(entry.label)
        out.varint(entry.count)
      }
    }
    guard let distribution else {
      out.byte(0)
      return out.buffer
    }
    out.byte(1)
    let ranges = distribution.bins.filter { $0.role == .range }
    out.varint(ranges.count)
    for bin in ranges.dropFirst() { out.double(bin.lower ?? 0) }
    out.varint(distribution.bins.count)
    for bin in distribution.bins {
      out.byte(Self.roleCode(bin.role))
      if bin.role == .category { out.string(bin.label) }
      out.varint(bin.baseline)
      out.varint(bin.target)
    }
    return out.buffer
  }

  /// Decodes bytes written by ``encoded()``.
  /// - Throws: ``StatsError`` when the bytes are not a picture of this format.
  public init(encoded bytes: [UInt8]) throws(StatsError) {
    var reader = CompactReader(bytes)
    guard try reader.byte() == Self.version else {
      throw StatsError("stored feature picture has an unknown format")
    }
    switch try reader.byte() {
    case 0:
      let count = try reader.varint()
      let missing = try reader.varint()
      let infinite = try reader.varint()
      let mask = try reader.byte()
      var values = [Double?]()
      for bit in 0..<7 {
        values.append(mask & (1 << UInt8(bit)) != 0 ? try reader.double() : nil)
      }
      // Start from an empty summary and set every field (the type has no memberwise init).
      var numeric = NumericSummary(sample: NumericSample(values: []))
      numeric.count = count
      numeric.missing = missing
      numeric.infinite = infinite
      (numeric.mean, numeric.std, numeric.min) = (values[0], values[1], values[2])
      (numeric.p25, numeric.p50, numeric.p75, numeric.max) = (
        values[3], values[4], values[5], values[6]
      )
      summary = .numeric(numeric)
    case 1:
      let count = try reader.varint()
      let missing = try reader.varint()
      let unique = try reader.varint()
      let entries = try reader.varint()
      guard entries <= bytes.count else { throw StatsError("stored feature picture is damaged") }
      let present = count - missing
      var top = [CategoricalSummary.Entry]()
      for _ in 0..<entries {
        let label = try reader.string()
        let rows = try reader.varint()
        top.append(
          .init(label: label, count: rows, share: present > 0 ? Double(rows) / Double(present) : 0))
      }
      var categorical = CategoricalSummary(
        counts: CategoryCounts(labels: [], counts: [], missing: 0))
      categorical.count = count
      categorical.missing = missing
      categorical.unique = unique
      categorical.top = top
      summary = .categorical(categorical)
    default:
      throw StatsError("stored feature picture is damaged")
    }
    guard try reader.byte() == 1 else {
      distribution = nil
      guard reader.isAtEnd else { throw StatsError("stored feature picture is damaged") }
      return
    }
    let rangeCount = try reader.varint()
    guard rangeCount <= bytes.count else { throw StatsError("stored feature picture is damaged") }
    var edges = [Double]()
    for _ in 0..<max(rangeCount - 1, 0) { edges.append(try reader.double()) }
    let binCount = try reader.varint()
    guard binCount <= bytes.count else { throw StatsError("stored feature picture is damaged") }
    var bins = [BinnedDistribution.Bin]()
    var rangeIndex = 0
    for _ in 0..<binCount {
      let role = try Self.role(try reader.byte())
      let label = role == .category ? try reader.string() : ""
      let baseline = try reader.varint()
      let target = try reader.varint()
      var bin = BinnedDistribution.Bin(
        role: role, label: label, baseline: baseline, target: target)
      if role == .range {
        guard rangeIndex < rangeCount else {
          throw StatsError("stored feature picture is damaged")
        }
        bin.lower = rangeIndex == 0 ? nil : edges[rangeIndex - 1]
        bin.upper = rangeIndex < edges.count ? edges[rangeIndex] : nil
        rangeIndex += 1
      }
      bins.append(bin)
    }
    guard reader.isAtEnd else { throw StatsError("stored feature picture is damaged") }
    distribution = BinnedDistribution(bins: bins)
  }

  private static let roles: [BinnedDistribution.BinRole] = [
    .range, .category, .otherCategories, .unseen, .missing,
  ]

  private static func roleCode(_ role: BinnedDistribution.BinRole) -> UInt8 {
    UInt8(roles.firstIndex(of: role) ?? 0)
  }

  private static func role(_ code: UInt8) throws(StatsError) -> BinnedDistribution.BinRole {
    guard Int(code) < roles.count else { throw StatsError("stored feature picture is damaged") }
    return roles[Int(code)]
  }
}

/// Appends LEB128 variable-length integers, raw doubles and length-prefixed strings.
struct CompactWriter {
  var buffer = [UInt8]()

  mutating func byte(_ value: UInt8) { buffer.append(value) }

  mutating func varint(_ value: Int) {
    var rest = UInt64(max(value, 0))
    while rest >= 0x80 {
      buffer.append(UInt8(rest & 0x7F) | 0x80)
      rest >>= 7
    }
    buffer.append(UInt8(rest))
  }

  mutating func double(_ value: Double) {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
  }

  mutating func string(_ text: String) {
    varint(text.utf8.count)
    buffer.append(contentsOf: text.utf8)
  }
}

/// Reads what ``CompactWriter`` wrote, failing cleanly on truncated or damaged input.
struct CompactReader {
  let data: [UInt8]
  var offset = 0

  init(_ data: [UInt8]) { self.data = data }

  var isAtEnd: Bool { offset == data.count }

  mutating func byte() throws(StatsError) -> UInt8 {
    guard offset < data.count else { throw StatsError("stored feature picture is truncated") }
    defer { offset += 1 }
    return data[offset]
  }

  mutating func varint() throws(StatsError) -> Int {
    var value: UInt64 = 0
    for shift in stride(from: 0, to: 63, by: 7) {
      let next = try byte()
      value |= UInt64(next & 0x7F) << UInt64(shift)
      if next < 0x80 {
        guard value <= UInt64(Int32.max) * 1024 else {
          throw StatsError("stored feature picture holds an impossible count")
        }
        return Int(value)
      }
    }
    throw StatsError("stored feature picture is damaged")
  }

  mutating func double() throws(StatsError) -> Double {
    guard data.count - offset >= 8 else {
      throw StatsError("stored feature picture is truncated")
    }
    var bits: UInt64 = 0
    for index in (0..<8).reversed() { bits = bits << 8 | UInt64(data[offset + index]) }
    offset += 8
    return Double(bitPattern: bits)
  }

  mutating func string() throws(StatsError) -> String {
    let count = try varint()
    guard count <= data.count - offset else {
      throw StatsError("stored feature picture is truncated")
    }
    defer { offset += count }
    return String(decoding: data[offset..<(offset + count)], as: UTF8.self)
  }
}
