import DriftStats

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses the lines of one chunk of a JSON Lines file into column builders, one per key.
///
/// Keys are found as they appear: a key first seen at row *r* gets a builder whose first *r*
/// values are missing; a row without a key gets a missing value for it.
struct JSONLChunkParser {
  /// `keyTarget` entry of a key that is not valid UTF-8 (an error wherever it appears).
  static let invalidKey = -2

  /// The file's bytes.
  let file: FileBytes
  /// Error locations.
  let path: String
  /// Declared kinds by key.
  let kinds: [String: ColumnKind]
  /// Keys to read (nil: all).
  let columns: Set<String>?
  /// What to do with bad rows.
  let policy: BadRowPolicy
  /// Record indices to pass over without reading; sorted.
  var skipRecords: [Int] = []
  /// Progress reporting, shared by all chunks.
  let progress: ProgressMeter?

  /// Parses bytes `[start, end)` of the file.
  func parse(start: Int, end: Int, capacity: Int) -> ChunkOutput {
    var output = ChunkOutput(builders: [])
    var keyCodes = CategoryDictionary()
    var keyTarget: [Int] = []
    var cells: [Cell] = []
    var modes: [ColumnBuilder.Mode] = []
    var stamps: [Int] = []
    var scratch: [UInt8] = []
    let fileBase = file.base
    let locator = ChunkLocator(path: path)
    let stop = fileBase + end
    var p = fileBase + start
    var line = 0
    var record = 0
    var nextSkip = 0
    var reported = p

    while p < stop {
      let lineStart = p
      let lineEnd =
        memchr(p, 10, stop - p).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
        ?? stop
      defer {
        p = lineEnd < stop ? lineEnd + 1 : stop
        line += 1
      }
      if p - reported >= ProgressMeter.step {
        progress?.advance(by: p - reported)
        file.release(from: reported - fileBase, to: p - fileBase)
        reported = p
      }
      var scanner = JSONScanner(p: p, end: lineEnd)
      scanner.skipWhitespace()
      if scanner.p == lineEnd { continue }  // blank line
      defer { record += 1 }
      if nextSkip < skipRecords.count && skipRecords[nextSkip] == record {
        nextSkip += 1
        continue
      }
      scratch.removeAll(keepingCapacity: true)
      do throws(JSONSyntaxError) {
        try scanner.expect(UInt8(ascii: "{"), "expected a JSON object starting with '{'")
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "}") {
          scanner.p += 1
        } else {
          while true {
            scanner.skipWhitespace()
            guard scanner.current == UInt8(ascii: "\"") else {
              throw JSONSyntaxError(position: scanner.p, message: "expected a key in double quotes")
            }
            let keyPosition = scanner.p
            let key = try scanner.scanString()
            scanner.skipWhitespace()
            try scanner.expect(UInt8(ascii: ":"), "expected ':' after the key")
            scanner.skipWhitespace()
            // Resolve the key to a builder (or -1 to skip its value).
            let keyCode: Int
            if key.escaped {
              let offset = scratch.count
              JSONScanner.decode(key.start, key.count, into: &scratch)
              keyCode = scratch.withUnsafeBufferPointer { buffer in
                Int(
                  keyCodes.code(
                    buffer.baseAddress.unsafelyUnwrapped + offset, buffer.count - offset))
              }
              scratch.removeSubrange(offset...)
            } else {
              keyCode = Int(keyCodes.code(key.start, key.count))
            }
            if keyCode == keyTarget.count {
              let bytes = keyCodes.withLabel(keyCode) {
                Array(UnsafeBufferPointer(start: $0, count: $1))
              }
              guard
                bytes.withUnsafeBufferPointer({
                  FieldText.isValidUTF8($0.baseAddress ?? key.start, $0.count)
                })
              else {
                // The key has its code now: mark it, so the next new key's code still
                // indexes keyTarget (found by FuzzJSONL: an index out of range).
                keyTarget.append(Self.invalidKey)
                throw JSONSyntaxError(position: keyPosition, message: "key is not valid UTF-8")
              }
              let name = String(decoding: bytes, as: UTF8.self)
              if columns?.contains(name) ?? true {
                keyTarget.append(output.builders.count)
                output.builders.append(
                  ColumnBuilder(declared: kinds[name], rows: output.rows, capacity: capacity))
                output.keys.append(bytes)
                modes.append(output.builders[output.builders.count - 1].mode)
                cells.append(.missing)
                stamps.append(-1)
              } else {
                keyTarget.append(-1)
                output.otherKeys.append(name)
              }
            }
            let target = keyTarget[keyCode]
            if target == Self.invalidKey {
              throw JSONSyntaxError(position: keyPosition, message: "key is not valid UTF-8")
            }
            if target >= 0 && stamps[target] == record {
              throw JSONSyntaxError(
                position: keyPosition, message: "key appears twice in the object")
            }
            let valuePosition = scanner.p
            let token: FieldToken
            var value: (start: UnsafePointer<UInt8>, count: Int)
            var escaped = false
            switch scanner.current {
            case UInt8(ascii: "\""):
              let string = try scanner.scanString()
              value = (string.start, string.count)
              escaped = string.escaped
              token = .text
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
              value = try scanner.scanNumber()
              token = .number
            case UInt8(ascii: "t"):
              value = try scanner.scanLiteral("true")
              token = .boolean
            case UInt8(ascii: "f"):
              value = try scanner.scanLiteral("false")
              token = .boolean
            case UInt8(ascii: "n"):
              value = try scanner.scanLiteral("null")
              token = .null
            case UInt8(ascii: "["), UInt8(ascii: "{"):
              throw JSONSyntaxError(
                position: valuePosition,
                message: "value of key \(keyName(output, keyCodes, keyCode)) is a nested "
                  + (scanner.current == UInt8(ascii: "[") ? "array" : "object")
                  + "; only numbers, strings, booleans and null are supported")
            default:
              throw JSONSyntaxError(position: valuePosition, message: "expected a JSON value")
            }
            if target >= 0 {
              var cell: Cell?
              if escaped {
                let offset = scratch.count
                JSONScanner.decode(value.start, value.count, into: &scratch)
                cell = scratch.withUnsafeBufferPointer { buffer in
                  // Decoding an escape always yields at least one byte, so the buffer is non-empty.
                  modes[target].prepare(
                    buffer.baseAddress.unsafelyUnwrapped + offset, buffer.count - offset,
                    token: token, offset: offset, inScratch: true)
                }
              } else {
                cell = modes[target].prepare(
                  value.start, value.count, token: token, offset: value.start - fileBase,
                  inScratch: false)
              }
              guard let cell else {
                throw JSONSyntaxError(
                  position: valuePosition,
                  message: mismatch(output.builders[target].declared, output.keys[target], value))
              }
              cells[target] = cell
              stamps[target] = record
            }
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: ",") {
              scanner.p += 1
              continue
            }
            try scanner.expect(UInt8(ascii: "}"), "expected ',' or '}' after a value")
            break
          }
        }
        scanner.skipWhitespace()
        guard scanner.p == lineEnd else {
          throw JSONSyntaxError(
            position: scanner.p, message: "text after the end of the object; one object per line")
        }
      } catch {
        let problem = locator.error(
          at: error.position, line: line, lineStart: lineStart, error.message,
          hint: "fix the line, or use --on-bad-row skip")
        if !output.reject(problem, record: record, policy: policy) { break }
        continue
      }
      scratch.withUnsafeBufferPointer { buffer in
        for index in 0..<output.builders.count {
          let cell = stamps[index] == record ? cells[index] : .missing
          if output.builders[index].commit(cell, file: fileBase, scratch: buffer.baseAddress) {
            modes[index] = output.builders[index].mode
          }
        }
      }
      output.rows += 1
    }
    progress?.advance(by: p - reported)
    output.lines = line
    return output
  }

  private func keyName(_ output: ChunkOutput, _ keys: CategoryDictionary, _ code: Int) -> String {
    keys.withLabel(code) { FieldPreview.quoted(UnsafeBufferPointer(start: $0, count: $1)) }
  }

  private func mismatch(
    _ declared: ColumnKind?, _ key: [UInt8], _ value: (start: UnsafePointer<UInt8>, count: Int)
  ) -> String {
    let name = FieldPreview.quoted(key)
    let shown = FieldPreview.quoted(UnsafeBufferPointer(start: value.start, count: value.count))
    guard let declared, declared != .categorical else {
      return "value of key \(name) is not valid UTF-8"
    }
    return "key \(name) is declared \(declared.rawValue) but holds \(shown)"
  }
}
