/// What parsing one chunk of a file produced.
///
/// Line numbers in `failure` and `examples` are counted from the chunk's first line (0 there);
/// the reader adds the chunk's starting line once all chunks are done.
struct ChunkOutput {
  /// One builder per column read (CSV: in plan order; JSONL: in the chunk's key order).
  var builders: [ColumnBuilder]
  /// JSONL: the key of each builder. CSV leaves it empty (names come from the header).
  var keys: [[UInt8]] = []
  /// JSONL: keys seen but not read (outside the column selection), for error messages.
  var otherKeys: [String] = []
  /// Rows kept.
  var rows = 0
  /// Indices (counting every non-blank record) of rows dropped under the skip policy.
  var rejectedRecords: [Int] = []
  /// Errors locating the first few dropped rows.
  var examples: [DataError] = []
  /// The error that stopped this chunk, if any.
  var failure: DataError?
  /// Newline characters in the chunk.
  var lines = 0

  /// Records a bad row; returns false when the policy says to stop.
  mutating func reject(_ error: DataError, record: Int, policy: BadRowPolicy) -> Bool {
    if policy == .fail {
      failure = error
      return false
    }
    rejectedRecords.append(record)
    if examples.count < ReadResult.maximumExamples { examples.append(error) }
    return true
  }
}

/// Locates positions of a chunk for error messages.
struct ChunkLocator {
  /// The file as the user named it.
  let path: String

  /// An error at `position`, whose line (counted from the chunk) is `line` and which starts at
  /// `lineStart`. The column counts characters, not bytes, from the start of the line.
  func error(
    at position: UnsafePointer<UInt8>, line: Int, lineStart: UnsafePointer<UInt8>,
    _ message: String, hint: String? = nil
  ) -> DataError {
    var column = 1
    var cursor = lineStart
    while cursor < position {
      if cursor[0] & 0xC0 != 0x80 { column += 1 }
      cursor += 1
    }
    return DataError(file: path, line: line, column: column, message: message, hint: hint)
  }
}
