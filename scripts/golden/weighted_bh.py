#!/usr/bin/env python3
"""Golden vectors for the weighted window family (MultipleTesting.adjust(_:weights:method:)).

Writes Tests/DriftStatsTests/Golden/weighted_bh.json. Run from the repository root:

    python3 scripts/golden/weighted_bh.py

Weighted Benjamini-Hochberg (Genovese, Roeder and Wasserman 2006): weights renormalised to
average 1, then BH on q_i = p_i / w_i. The reference is derived twice, independently of the
Swift code (which walks the sorted quotients from the largest down, keeping a running minimum):

1. From the step-up definition, in exact rational arithmetic (fractions.Fraction on the
   doubles' exact values): member i is rejected at level a when q_i <= a k* / m, k* the largest
   k with q_(k) <= a k / m. Its adjusted p-value is the smallest a at which it is rejected,
   min over k >= rank(i) of m q_(k) / k, capped at 1; computed here as that minimum over all
   members whose quotient is at least q_i (ties included), without sorting.
2. scipy: `scipy.stats.false_discovery_control(min(q, 1), method="bh")` on the quotients.
   The script checks both agree (relative 1e-12) before writing the exact value.

Weighted Bonferroni: min(1, m p_i / w_i), exact.

Cases: random families of 2-40 p-values (uniform, and with some small down to 1e-300) with
random weights, equal weights (must equal unweighted BH), quotients above 1, ties, one member.
"""
import json
import os
from fractions import Fraction

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261208)


def normalised(weights):
    w = [Fraction(x) for x in weights]
    mean = sum(w) / len(w)
    return [x / mean for x in w]


def weighted_bh_exact(ps, weights):
    w = normalised(weights)
    q = [Fraction(p) / x for p, x in zip(ps, w)]
    m = len(q)
    out = []
    for qi in q:
        best = Fraction(1)
        for qj in q:
            if qj >= qi:
                rank = sum(1 for qk in q if qk <= qj)  # ties share the highest rank
                best = min(best, m * qj / rank)
        out.append(best)
    return out


def weighted_bonferroni_exact(ps, weights):
    w = normalised(weights)
    m = len(ps)
    return [min(Fraction(1), m * Fraction(p) / x) for p, x in zip(ps, w)]


def case(ps, weights, note):
    ps = [float(p) for p in ps]
    weights = [float(x) for x in weights]
    exact = weighted_bh_exact(ps, weights)
    w = np.asarray(weights) / np.mean(weights)
    # scipy takes only values in [0, 1]; a quotient above 1 is adjusted to 1 either way (every
    # candidate m q_j / rank_j with q_j >= 1 is at least 1), so cap the quotients first.
    second = stats.false_discovery_control(np.minimum(np.asarray(ps) / w, 1), method="bh")
    for a, b in zip(exact, second):
        assert abs(float(a) - b) <= 1e-12 * float(a) + 1e-300, (ps, weights, float(a), b)
    return {"note": note, "pvalues": ps, "weights": weights,
            "bh": [float(x) for x in exact],
            "bonferroni": [float(x) for x in weighted_bonferroni_exact(ps, weights)]}


def main():
    cases = []
    for index in range(30):
        m = int(rng.integers(2, 41))
        ps = rng.uniform(size=m)
        if index % 3 == 1:
            ps[: m // 4 + 1] = 10.0 ** -rng.uniform(2, 12, size=m // 4 + 1)
        if index % 3 == 2:
            ps[0] = 10.0 ** -rng.uniform(250, 300)
        weights = rng.choice([0.25, 0.5, 1.0, 1.5, 2.25], size=m) * rng.uniform(0.5, 2)
        cases.append(case(ps, weights, f"random m={m}"))
    ps = rng.uniform(size=12)
    cases.append(case(ps, [3.0] * 12, "equal weights: unweighted BH"))
    cases.append(case([0.004, 0.004, 0.3, 0.9], [2, 0.5, 1, 1], "ties in p, not in quotient"))
    cases.append(case([0.002, 0.008, 0.5], [1, 4, 1], "ties in quotient"))
    cases.append(case([0.9, 0.95, 0.001], [0.1, 0.2, 2.7], "quotients above 1 are capped"))
    cases.append(case([0.03], [5], "one member: weight 1 after renormalising"))
    path = os.path.join("Tests", "DriftStatsTests", "Golden", "weighted_bh.json")
    with open(path, "w") as f:
        json.dump({"generator": "scripts/golden/weighted_bh.py", "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases")


if __name__ == "__main__":
    main()
