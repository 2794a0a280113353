#!/usr/bin/env python3
"""Golden vectors for combining one feature's p-values (PValueCombination.swift).

Writes Tests/DriftStatsTests/Golden/p_combination.json. Run from the repository root:

    python3 scripts/golden/p_combination.py

scipy has no Cauchy combination test (Liu and Xie 2020), so the reference is derived twice,
independently of the Swift formula (which uses cot(p pi) and arctan(1 / T) to keep both tails):

1. mpmath at 700 significant digits (p-values reach 1e-300), the paper's formula as written,
   with driftwatch's floor on each term (a p-value above 1/2 counts as 1/2, so that one test
   that saw nothing cannot cancel the others): T = mean of max(0, tan((1/2 - p_i) pi)),
   p = 1/2 - arctan(T) / pi.
2. scipy's standard Cauchy law: tan((1/2 - p) pi) is its inverse survival function at p and
   1/2 - arctan(T) / pi its survival function at T, so T = mean(max(0, cauchy.isf(p_i))),
   p = cauchy.sf(T).
   The script checks that both agree (relative 1e-9 where the double-precision route is well
   conditioned) before writing the mpmath value.

Simes (min over i of d p_(i) / i) and Bonferroni (d min p_i, capped at 1) are written from their
definitions, in mpmath.

Cases: random sets of 2-8 p-values (uniform, and with one or several small p-values down to
1e-300 as a feature with real drift gives), p-values near 1 (where the tangent is large and
negative), a single p-value, and ties.
"""
import json
import os

import mpmath
import numpy as np
from scipy import stats

mpmath.mp.dps = 700  # enough for 1/2 - p and 1/2 - arctan(T) / pi at p = 1e-300
rng = np.random.default_rng(20261207)


def cauchy_mp(ps):
    t = sum(max(mpmath.mpf(0), mpmath.tan((mpmath.mpf(1) / 2 - mpmath.mpf(p)) * mpmath.pi))
            for p in ps) / len(ps)
    return mpmath.mpf(1) / 2 - mpmath.atan(t) / mpmath.pi


def cauchy_scipy(ps):
    t = np.mean(np.maximum(stats.cauchy.isf(np.asarray(ps)), 0))
    return float(stats.cauchy.sf(t))


def simes_mp(ps):
    d = len(ps)
    s = sorted(mpmath.mpf(p) for p in ps)
    return min(min(d * p / (i + 1) for i, p in enumerate(s)), mpmath.mpf(1))


def bonferroni_mp(ps):
    return min(len(ps) * min(mpmath.mpf(p) for p in ps), mpmath.mpf(1))


def case(ps, note):
    ps = [float(p) for p in ps]
    c = cauchy_mp(ps)
    second = cauchy_scipy(ps)
    # The double-precision route loses digits only where the combined p is near 1 (1 - p small)
    # or where T sits on the cancelling side; check it where it is well conditioned.
    if 1e-250 < float(c) < 0.9:
        assert abs(second - float(c)) <= 1e-9 * float(c), (ps, float(c), second)
    return {"note": note, "pvalues": ps, "cauchy": float(c), "simes": float(simes_mp(ps)),
            "bonferroni": float(bonferroni_mp(ps))}


def main():
    cases = []
    for index in range(30):
        d = int(rng.integers(2, 9))
        ps = rng.uniform(size=d)
        if index % 3 == 1:
            ps[0] = 10.0 ** -rng.uniform(2, 12)  # one test carries the signal
        if index % 3 == 2:
            ps[: d // 2 + 1] = 10.0 ** -rng.uniform(1, 8, size=d // 2 + 1)  # several do
        cases.append(case(ps, f"random d={d}"))
    cases.append(case([1e-300, 0.5], "a p-value near the smallest double"))
    cases.append(case([1e-17, 0.3, 0.9], "below double precision's 1/2 - p"))
    cases.append(case([0.001, 0.999], "one small, one near 1: the floor keeps them from cancelling"))
    cases.append(case([0.001, 0.999999], "a p-value very near 1 counts as 1/2"))
    cases.append(case([0.2, 0.2, 0.2], "ties"))
    cases.append(case([0.5, 0.5], "T = 0"))
    cases.append(case([0.004, 0.0002, 0.03, 0.7], "a mean shift: three tests see it"))
    cases.append(case([0.37], "one p-value stands alone"))
    path = os.path.join("Tests", "DriftStatsTests", "Golden", "p_combination.json")
    with open(path, "w") as out:
        out.write('{"cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n]}\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
