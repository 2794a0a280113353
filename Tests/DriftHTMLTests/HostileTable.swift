import DriftStats

/// Tables whose feature names and category values are markup and script, for the escaping tests.
enum HostileTable {
  /// Text that would run script or break out of an element or attribute if written unescaped.
  static let payloads = [
    "<img src=x onerror=\"document.title='pwned'\">",
    "</script><script>document.title='pwned'</script>",
    "\"><svg onload=alert(1)>",
    "'; background:url(x) /*",
    "</title></svg><b>bold</b>",
  ]

  /// A numeric feature named by `payloads[0]` and a categorical one named by `payloads[1]`
  /// whose categories are all the payloads; `shift` moves the numeric values.
  static func table(rows: Int, seed: UInt64, shift: Double) -> Table {
    var state = seed
    var numbers = [Double]()
    var codes = [Int32]()
    for row in 0..<rows {
      // SplitMix64 step: a fixed, seeded sequence.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      numbers.append(Double(z % 10_000) / 1000 + shift)
      codes.append(row % 17 == 0 ? -1 : Int32(z % UInt64(payloads.count)))
    }
    return Table(
      columns: [
        Column(
          name: payloads[0], kind: .numeric, values: .numeric(NumericColumn(values: numbers))),
        Column(
          name: payloads[1], kind: .categorical,
          values: .categorical(CategoricalColumn(codes: codes, categories: payloads))),
      ],
      rowCount: rows)
  }
}
