extension CramerVonMises {
  /// The ECDF walk of the two samples: per distinct pooled value z_j, its pooled count t_j and
  /// d_j = m a_j - n b_j, where a_j and b_j are the baseline and target counts up to z_j.
  struct ECDFWalk {
    /// sum_j t_j d_j^2, exact (see ``walk(_:_:)``).
    var weightedSquares = ExactSum()
    /// The pooled count t_j of every distinct value, ascending.
    var blocks: [Int] = []
    /// Whether any value occurs more than once in the pooled sample.
    var tied = false
  }

  /// One merge over the sorted samples: the tie blocks and sum_j t_j d_j^2.
  ///
  /// |d_j| <= n m < 2^53 for any pair of samples that fits in memory, so Double(d_j) is exact;
  /// d_j^2 = p + e exactly (TwoProduct by FMA), and t_j p and t_j e are added as exact
  /// products. The double-double total holds about 106 bits, so the sum of integers
  /// (at most N (n m)^2, below 2^106 up to a million values per side) is exact.
  static func walk(_ a: [Double], _ b: [Double]) -> ECDFWalk {
    let n = a.count
    let m = b.count
    var result = ECDFWalk()
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        TieGroups.forEach(x, y) { group in
          let tied = group.tied
          if tied > 1 { result.tied = true }
          result.blocks.append(tied)
          let d = Double(m * group.end1 - n * group.end2)
          let square = d * d
          let error = (-square).addingProduct(d, d)
          result.weightedSquares.add(product: Double(tied), square)
          result.weightedSquares.add(product: Double(tied), error)
        }
      }
    }
    return result
  }

  /// T from its definition, (n m / N^2) sum_z t_z (F_n(z) - G_m(z))^2 over the distinct
  /// pooled values z, which is sum_j t_j d_j^2 / (N^2 n m): the exact sum, one division.
  static func tiedStatistic(_ walk: ECDFWalk, _ nx: Int, _ ny: Int) -> Double {
    let size = Double(nx + ny)
    return walk.weightedSquares.value / (size * size * Double(nx) * Double(ny))
  }

  /// Exact P(S' >= S) for S = sum_j t_j d_j^2 under the permutation law conditional on the
  /// ties: all C(N, n) assignments of the baseline label to the pooled values are equally
  /// likely, and the tie blocks stay where they are.
  ///
  /// A dynamic program over the blocks; its state after a block is the number of baseline
  /// values so far and the partial sum of t_j d_j^2 (an integer), with the number of
  /// assignments reaching it. A block of t values takes x baseline values in C(t, x) ways.
  /// Only used when both sides hold at most ``maxExactSize`` values, so every sum is below
  /// N (n m)^2 <= 40 * 400^2 and every count below C(40, 20) < 2^38.
  static func exactTiedPValue(blocks: [Int], observed: Int, _ nx: Int, _ ny: Int) -> Double {
    var states = [[Int: Int]](repeating: [:], count: nx + 1)
    states[0] = [0: 1]
    var pooled = 0
    for tied in blocks {
      var next = [[Int: Int]](repeating: [:], count: nx + 1)
      for before in 0...min(nx, pooled) where !states[before].isEmpty {
        let targetBefore = pooled - before
        guard targetBefore <= ny else { continue }
        let lowest = max(0, tied - (ny - targetBefore))
        let highest = min(tied, nx - before)
        if lowest > highest { continue }
        for taken in lowest...highest {
          let baseline = before + taken
          let target = targetBefore + tied - taken
          let d = ny * baseline - nx * target
          let step = tied * d * d
          let ways = binomial(tied, taken)
          for (sum, count) in states[before] {
            next[baseline][sum + step, default: 0] += count * ways
          }
        }
      }
      states = next
      pooled += tied
    }
    var reaching = 0
    var all = 0
    for (sum, count) in states[nx] {
      all += count
      if sum >= observed { reaching += count }
    }
    return Double(reaching) / Double(all)
  }

  /// C(n, k) for small n (exact in Int for n <= 60).
  static func binomial(_ n: Int, _ k: Int) -> Int {
    let k = min(k, n - k)
    var result = 1
    if k <= 0 { return 1 }
    for i in 1...k {
      // result * (n - k + i) is divisible by i: result is C(n - k + i - 1, i - 1).
      result = result * (n - k + i) / i
    }
    return result
  }
}
