/// Turns per-chunk outcomes into file-wide ones: line numbers, the first failure, examples.
enum ChunkReport {
  /// The 1-based line number of the first line of each chunk.
  static func lineBases(_ outputs: [ChunkOutput], firstLine: Int) -> [Int] {
    var bases: [Int] = []
    var line = firstLine
    for output in outputs {
      bases.append(line)
      line += output.lines
    }
    return bases
  }

  /// The first chunk's failure, located in the whole file. Chunks before it finished cleanly,
  /// so its start was a true record boundary and the error is what a sequential read reports.
  static func firstFailure(_ outputs: [ChunkOutput], bases: [Int]) -> DataError? {
    for (index, output) in outputs.enumerated() {
      if var failure = output.failure {
        failure.line += bases[index]
        return failure
      }
    }
    return nil
  }

  /// The first examples of rejected rows across chunks, in file order.
  static func examples(_ outputs: [ChunkOutput], bases: [Int]) -> [DataError] {
    var result: [DataError] = []
    for (index, output) in outputs.enumerated() {
      for var example in output.examples where result.count < ReadResult.maximumExamples {
        example.line += bases[index]
        result.append(example)
      }
    }
    return result
  }
}
