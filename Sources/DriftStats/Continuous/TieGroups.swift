/// The runs of equal values in the merged order of two sorted samples: the walk every rank and
/// ECDF statistic (KS, Anderson-Darling, Cramér-von Mises, Mann-Whitney) is built on.
struct TieGroup {
  /// The group's values are `x[start1..<end1]` in the first sample ...
  var start1: Int
  var end1: Int
  /// ... and `y[start2..<end2]` in the second.
  var start2: Int
  var end2: Int

  /// Values of the first sample in the group.
  var count1: Int { end1 - start1 }
  /// Values of the second sample in the group.
  var count2: Int { end2 - start2 }
  /// Values of both samples in the group.
  var tied: Int { count1 + count2 }
  /// Values of both samples below the group.
  var below: Int { start1 + start2 }
}

enum TieGroups {
  /// Calls `body` once per distinct value of the two ascending samples, in ascending order,
  /// with the index ranges that value occupies in each: one linear merge, O(n + m).
  @inline(__always)
  static func forEach(
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ body: (TieGroup) -> Void
  ) {
    var i = 0
    var j = 0
    while i < x.count || j < y.count {
      body(next(x, y, &i, &j))
    }
  }

  /// The group of the smallest value at or after `x[i]` and `y[j]` (at least one of them inside
  /// its sample), with `i` and `j` moved past it: one step of ``forEach(_:_:_:)``, for walks
  /// that take most groups another way.
  @inline(__always)
  static func next(
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ i: inout Int,
    _ j: inout Int
  ) -> TieGroup {
    let n1 = x.count
    let n2 = y.count
    let value: Double
    if i < n1, j < n2 {
      value = min(x[i], y[j])
    } else {
      value = i < n1 ? x[i] : y[j]
    }
    let start1 = i
    let start2 = j
    while i < n1, x[i] == value { i += 1 }
    while j < n2, y[j] == value { j += 1 }
    return TieGroup(start1: start1, end1: i, start2: start2, end2: j)
  }
}
