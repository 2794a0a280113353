import Testing

@testable import DriftStats

@Suite struct NumericSampleTests {
  @Test func sortsAndCountsMissingAndInfinite() {
    let sample = NumericSample(values: [3, .nan, 1, .infinity, 2, -.infinity, .nan])
    #expect(sample.sorted == [1, 2, 3])
    #expect(sample.missing == 2)
    #expect(sample.infinite == 2)
  }
}
