import DriftStats

/// How a field's text arrived: a CSV field or JSON string, or a typed JSON token.
enum FieldToken {
  /// CSV field or JSON string contents: missing tokens, numbers, booleans, dates are recognised.
  case text
  /// A JSON number (its grammar already checked).
  case number
  /// A JSON `true` or `false` literal.
  case boolean
  /// A JSON `null`.
  case null
}

/// One parsed field, held until the whole row is known to be good.
enum Cell {
  case missing
  case number(Double)
  case flag(Bool)
  case time(Double)
  /// Text at a byte offset in the file (`inScratch == false`) or in the row's scratch buffer.
  case text(offset: Int, count: Int, inScratch: Bool)
}

/// Builds one column of one chunk: infers its kind as values arrive, or checks a declared kind.
///
/// Inference is a small lattice: a column with only missing values so far is `empty`; its first
/// value makes it numeric, boolean, timestamp or categorical; a value of another kind later makes
/// it `retype`, meaning "categorical, but rows before this one were stored as numbers": the
/// builder stops storing and the chunk is parsed again for this column as categorical (rare, and
/// the original text of every label comes back from the file).
struct ColumnBuilder {
  /// Where inference stands; with a declared kind the state is fixed from the start.
  enum State: Equatable {
    case empty
    case numeric
    case boolean
    case timestamp
    case categorical
    case retype

    init(_ kind: ColumnKind) {
      switch kind {
      case .numeric: self = .numeric
      case .boolean: self = .boolean
      case .timestamp: self = .timestamp
      case .categorical: self = .categorical
      }
    }

    /// The state of a column whose chunks ended in `self` and `other`.
    func joined(_ other: State) -> State {
      if self == .empty { return other }
      if other == .empty || other == self { return self }
      return .categorical
    }

    /// The column kind a finished column in this state has.
    var kind: ColumnKind {
      switch self {
      case .empty, .numeric: .numeric
      case .boolean: .boolean
      case .timestamp: .timestamp
      case .categorical, .retype: .categorical
      }
    }
  }

  /// What `prepare` needs to know about a column: plain values, cheap to copy.
  struct Mode {
    /// The declared kind, or nil when inferring.
    let declared: ColumnKind?
    /// Where inference stands.
    var state: State
  }

  /// The declared kind and inference state.
  private(set) var mode: Mode
  /// The declared kind, or nil when inferring.
  var declared: ColumnKind? { mode.declared }
  /// Where inference stands.
  var state: State { mode.state }
  /// Rows seen while `empty` (all missing).
  private(set) var missingPrefix = 0
  /// Values of a numeric or timestamp column.
  var doubles: [Double] = []
  /// Codes of a categorical or boolean column (booleans: 0 = false, 1 = true).
  var codes: [Int32] = []
  /// Labels of a categorical column.
  var dictionary = CategoryDictionary()
  private let capacity: Int

  /// A builder for a column that starts after `rows` rows (all missing), reserving `capacity`.
  init(declared: ColumnKind?, rows: Int = 0, capacity: Int = 0) {
    mode = Mode(declared: declared, state: .empty)
    self.capacity = capacity
    missingPrefix = rows
    if let declared { become(State(declared)) }
  }

  /// Adds a prepared cell as the next row.
  /// Returns true when the cell changed the column's state.
  @inline(__always)
  @discardableResult
  mutating func commit(
    _ cell: Cell, file: UnsafePointer<UInt8>, scratch: UnsafePointer<UInt8>?
  ) -> Bool {
    let before = mode.state
    switch cell {
    case .missing:
      switch state {
      case .empty: missingPrefix += 1
      case .numeric, .timestamp: doubles.append(.nan)
      case .boolean, .categorical: codes.append(CategoricalColumn.missingCode)
      case .retype: break
      }
    case .number(let value):
      if state == .numeric {
        doubles.append(value)
      } else {
        transition(to: .numeric)
        if state == .numeric { doubles.append(value) }
      }
    case .time(let value):
      transition(to: .timestamp)
      if state == .timestamp { doubles.append(value) }
    case .flag(let flag):
      transition(to: .boolean)
      if state == .boolean { codes.append(flag ? 1 : 0) }
    case .text(let offset, let count, let inScratch):
      transition(to: .categorical)
      if state == .categorical {
        // Scratch is non-nil whenever a cell points into it: the parser set it for this row.
        let base = inScratch ? scratch.unsafelyUnwrapped : file
        codes.append(dictionary.code(base + offset, count))
      }
    }
    return before != mode.state
  }

  /// Moves an inferring column to `target` if it was empty, or to `retype` on a conflict.
  @inline(__always)
  private mutating func transition(to target: State) {
    if state == target || state == .retype { return }
    if state == .empty {
      become(target)
    } else {
      mode.state = .retype
      doubles = []
      codes = []
      dictionary = CategoryDictionary()
    }
  }

  /// The rows the reserved capacity expects: the reader's estimate carries 2 % headroom
  /// (``CSVReader/estimateRows(file:start:end:)``), which is not advised for huge pages (one
  /// partly filled huge page per column would be backed whole).
  private var expectedRows: Int { Swift.max(capacity - capacity / 50, missingPrefix) }

  private mutating func become(_ target: State) {
    mode.state = target
    switch target {
    case .numeric, .timestamp:
      doubles.reserveCapacity(Swift.max(capacity, missingPrefix))
      HugePages.adviseCapacity(&doubles, expected: expectedRows)
      doubles.append(contentsOf: repeatElement(.nan, count: missingPrefix))
    case .boolean, .categorical:
      codes.reserveCapacity(Swift.max(capacity, missingPrefix))
      HugePages.adviseCapacity(&codes, expected: expectedRows)
      codes.append(contentsOf: repeatElement(CategoricalColumn.missingCode, count: missingPrefix))
    case .empty, .retype: break
    }
    missingPrefix = 0
  }
}

extension ColumnBuilder.Mode {
  /// Reads one field without changing the column; nil when it does not fit a declared kind
  /// or is not valid UTF-8 where text is kept.
  @inline(__always)
  func prepare(
    _ start: UnsafePointer<UInt8>, _ count: Int, token: FieldToken, offset: Int, inScratch: Bool
  ) -> Cell? {
    let mode = self
    let text = Cell.text(offset: offset, count: count, inScratch: inScratch)
    switch token {
    case .null:
      return .missing
    case .number:
      switch mode.state {
      case .categorical, .retype: return text
      case .boolean where mode.declared != nil: return nil
      // A JSON number is a time only in a column declared a timestamp. In an inferred one it is
      // a conflict (categorical), as it is in CSV and as chunks that disagree are joined:
      // otherwise the kind would depend on the row order and on where chunks split.
      case .timestamp where mode.declared != nil:
        return DecimalParser.parse(start, count).map { .time($0) }
      default: return DecimalParser.parse(start, count).map { .number($0) }
      }
    case .boolean:
      switch mode.state {
      case .categorical, .retype: return text
      case .numeric, .timestamp: if mode.declared != nil { return nil }
      default: break
      }
      return .flag(start[0] == UInt8(ascii: "t"))
    case .text:
      let (trimmedStart, trimmedCount) = FieldText.trimmed(start, count)
      if FieldText.isMissing(trimmedStart, trimmedCount) { return .missing }
      if let declared = mode.declared { return fit(declared, start, count, text: text) }
      switch mode.state {
      case .categorical, .retype:
        return FieldText.isValidUTF8(start, count) ? text : nil
      default:
        if let value = DecimalParser.parse(trimmedStart, trimmedCount) { return .number(value) }
        if let flag = FieldText.boolean(trimmedStart, trimmedCount) { return .flag(flag) }
        if let time = TimestampParser.parse(trimmedStart, trimmedCount) { return .time(time) }
        return FieldText.isValidUTF8(start, count) ? text : nil
      }
    }
  }

  /// A text field read as a declared kind.
  private func fit(
    _ kind: ColumnKind, _ start: UnsafePointer<UInt8>, _ count: Int, text: Cell
  ) -> Cell? {
    let (trimmedStart, trimmedCount) = FieldText.trimmed(start, count)
    switch kind {
    case .numeric:
      return DecimalParser.parse(trimmedStart, trimmedCount).map { .number($0) }
    case .timestamp:
      if let time = TimestampParser.parse(trimmedStart, trimmedCount) { return .time(time) }
      return DecimalParser.parse(trimmedStart, trimmedCount).map { .time($0) }
    case .boolean:
      if let flag = FieldText.boolean(trimmedStart, trimmedCount) { return .flag(flag) }
      if trimmedCount == 1
        && (trimmedStart[0] == UInt8(ascii: "0") || trimmedStart[0] == UInt8(ascii: "1"))
      {
        return .flag(trimmedStart[0] == UInt8(ascii: "1"))
      }
      return nil
    case .categorical:
      return FieldText.isValidUTF8(start, count) ? text : nil
    }
  }

}
