import DriftStats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads CSV and JSON Lines files straight into typed columns.
///
/// Inference (for columns without a declared kind) looks at every value: a column is numeric
/// when every non-missing value is a decimal number, boolean when every one is `true`/`false`
/// (any case; `0`/`1` stay numeric), timestamp when every one is an RFC 3339 / ISO 8601 date or
/// date-time, otherwise categorical with labels exactly as written. A column with no values at
/// all is numeric (all NaN). Missing values: see ``FieldText``: empty, `NA`, `N/A`, `null`,
/// `NULL`, `NaN`, `nan`, `None`; in JSON also `null` and an absent key. JSON strings are read
/// like CSV fields, so `"1.5"` is a number and `"2024-05-01"` a date.
///
/// Booleans are categorical columns with categories `["false", "true"]` in that order.
public enum DataReader {
  /// Reads the file at `path`.
  ///
  /// - Parameters:
  ///   - path: A `.csv`, `.tsv`, `.txt`, `.jsonl` or `.ndjson` file (or any name with
  ///     `options.format` set).
  ///   - options: Format, delimiter, declared kinds, column selection, bad-row policy, threads.
  /// - Throws: ``DataError`` locating the problem by file, line and column.
  public static func read(path: String, options: ReadOptions = .init()) throws(DataError)
    -> ReadResult
  {
    guard let format = options.format ?? DataFormat.inferred(fromPath: path) else {
      throw DataError(
        file: path, line: 0, column: 0,
        message: "cannot tell the format from the file name",
        hint: "name the file .csv, .tsv or .jsonl, or set the format (--format csv|jsonl)")
    }
    // A file truncated under the reader reads as zeros from that point, and one rewritten in
    // place changes its size or time stamps (``FileBytes``): discard that parse, whatever it
    // produced, and read the file again after a moment.
    for attempt in 1...rereadAttempts {
      let file = try FileBytes(path: path)
      let outcome: Result<ReadResult, DataError>
      do {
        outcome = .success(try read(file: file, path: path, format: format, options: options))
      } catch {
        outcome = .failure(error)
      }
      if !file.wasChanged { return try outcome.get() }
      usleep(UInt32(20_000 * attempt))
    }
    throw CSVReader.changedWhileReading(path)
  }

  /// Reads of a file that keeps being truncated under the reader before giving up.
  static let rereadAttempts = 4

  /// Reads bytes held in memory exactly as ``read(path:options:)`` reads a file's contents.
  ///
  /// - Parameters:
  ///   - bytes: The contents of a CSV or JSON Lines file.
  ///   - name: The name errors give as the file (for example `<stdin>`).
  ///   - format: How to parse the bytes; `options.format` is ignored.
  ///   - options: Delimiter, declared kinds, column selection, bad-row policy, threads.
  /// - Throws: ``DataError`` locating the problem by line and column under `name`.
  public static func read(
    bytes: [UInt8], name: String, format: DataFormat, options: ReadOptions = .init()
  ) throws(DataError) -> ReadResult {
    try read(file: FileBytes(copying: bytes), path: name, format: format, options: options)
  }

  /// The parsing shared by both entries, once the bytes are in memory.
  private static func read(
    file: FileBytes, path: String, format: DataFormat, options: ReadOptions
  ) throws(DataError) -> ReadResult {
    if file.count == 0 {
      throw DataError(
        file: path, line: 0, column: 0, message: "the file is empty",
        hint: format == .csv
          ? "a CSV file needs at least a header row naming the columns"
          : "a JSON Lines file needs one JSON object per line")
    }
    let progress = options.progress.map { ProgressMeter(total: Int64(file.count), callback: $0) }
    let (table, rejected) =
      switch format {
      case .csv: try CSVReader.read(file: file, path: path, options: options, progress: progress)
      case .jsonl:
        try JSONLReader.read(file: file, path: path, options: options, progress: progress)
      }
    progress?.finish()
    return ReadResult(table: table, rejected: rejected, bytes: Int64(file.count))
  }
}
