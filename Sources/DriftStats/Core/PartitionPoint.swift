extension Array where Element == Double {
  /// The first index whose value satisfies `predicate`, which must be false then true along the
  /// array (an ascending array and a threshold test): a binary search, O(log n).
  func partitionPoint(_ predicate: (Double) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if predicate(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
