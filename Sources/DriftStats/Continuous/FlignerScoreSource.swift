/// Where the walk gets a group's score: read from a table for untied groups, or computed.
protocol FlignerScoreSource {
  /// The score of an untied group (a single value) with `below` smaller deviations; `below`
  /// never decreases from one call to the next.
  mutating func untied(below: Int) -> Double
  /// The score of a group of `tied` equal deviations with `below` smaller ones.
  func score(below: Int, tied: Int) -> Double
}
