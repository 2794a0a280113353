#!/usr/bin/env python3
"""Golden vectors for the continuous two-sample tests (ks, anderson, cvm) and kstwo.sf.

Writes Tests/DriftStatsTests/Golden/continuous.json from scipy (see "scipy" in the output for the
version used). Every sample is stored as its values, rounded so that the JSON text parses to the
same doubles in Python and Swift. Run from the repository root:

    python3 scripts/golden/continuous.py

The cvm entries of cases whose pooled sample has ties do not come from scipy (its midrank
statistic is wrong with ties): see `cvm_tied`, an independent derivation from the definition.
To refresh only those entries (and append new cases) in the committed JSON, leaving every other
value as it is:

    python3 scripts/golden/continuous.py --cvm-ties-only
"""
import itertools
import json
import math
import pathlib
import sys
import warnings
from fractions import Fraction

from scipy._lib._array_api import array_namespace
from scipy.stats import _hypotests

import numpy as np
import scipy
from scipy import stats

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/DriftStatsTests/Golden/continuous.json"


def rounded(values, digits):
    """Rounds to `digits` significant digits and returns plain Python floats."""
    return [float(f"{v:.{digits}g}") for v in np.asarray(values, dtype=float)]


def outcome(fn):
    """Runs a scipy test; None when scipy raises or returns NaN (the Swift side decides)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = fn()
        except Exception:  # noqa: BLE001 - scipy refuses the input; recorded as null
            return None
    statistic, pvalue = float(result.statistic), float(result.pvalue)
    if math.isnan(statistic) or math.isnan(pvalue):
        return None
    return {"statistic": statistic, "pvalue": pvalue}


def has_ties(x, y):
    pooled = np.concatenate([np.asarray(x, float), np.asarray(y, float)])
    return len(np.unique(pooled)) < len(pooled)


def cvm_blocks(x, y):
    """Per distinct pooled value (ascending): pooled count t, baseline and target counts up to it."""
    x, y = np.sort(np.asarray(x, float)), np.sort(np.asarray(y, float))
    values, counts = np.unique(np.concatenate([x, y]), return_counts=True)
    a = np.searchsorted(x, values, side="right")  # n F_n(z)
    b = np.searchsorted(y, values, side="right")  # m G_m(z)
    return [int(t) for t in counts], [int(v) for v in a], [int(v) for v in b]


def cvm_sum(t, a, b, n, m):
    """sum_z t_z (m a_z - n b_z)^2 in Python integers (exact)."""
    return sum(tz * (m * az - n * bz) ** 2 for tz, az, bz in zip(t, a, b))


def cvm_pvalue_brute(t, n, m, observed):
    """P(S >= observed) over all C(N, n) baseline label sets, enumerated."""
    size = n + m
    ends = np.cumsum(t)
    weights = np.asarray(t, dtype=np.int64)
    labels = np.zeros((math.comb(size, n), size), dtype=np.int64)
    for row, chosen in enumerate(itertools.combinations(range(size), n)):
        labels[row, list(chosen)] = 1
    a = np.cumsum(labels, axis=1)[:, ends - 1]
    b = ends[None, :] - a
    d = m * a - n * b
    sums = (weights[None, :] * d * d).sum(axis=1)
    return float(Fraction(int((sums >= observed).sum()), len(sums)))


def cvm_pvalue_paths(t, n, m, observed):
    """P(S >= observed) by walking the pooled values one at a time (each a lattice step, baseline
    or target), adding t d^2 when a tie block ends: states (baseline so far, partial sum)."""
    states = {(0, 0): 1}
    position = 0
    for tz in t:
        for _ in range(tz):
            nxt = {}
            for (a, s), c in states.items():
                b = position - a
                if a < n:
                    nxt[(a + 1, s)] = nxt.get((a + 1, s), 0) + c
                if b < m:
                    nxt[(a, s)] = nxt.get((a, s), 0) + c
            states = nxt
            position += 1
        merged = {}
        for (a, s), c in states.items():
            key = (a, s + tz * (m * a - n * (position - a)) ** 2)
            merged[key] = merged.get(key, 0) + c
        states = merged
    total = sum(states.values())
    assert total == math.comb(n + m, n)
    return float(Fraction(sum(c for (_, s), c in states.items() if s >= observed), total))


def cvm_tied(x, y):
    """cvm with ties: T from the ECDF definition, (n m / N^2) sum_z t_z (F_n(z) - G_m(z))^2,
    exact in rationals; p from the permutation law conditional on the ties (enumerated when
    C(N, n) <= 200,000, else the path walk) for both sides <= 20, else scipy's limiting law at
    this T."""
    n, m = len(x), len(y)
    if min(n, m) < 2:
        return None
    t, a, b = cvm_blocks(x, y)
    observed = cvm_sum(t, a, b, n, m)
    size = n + m
    statistic = float(Fraction(observed, size * size * n * m))
    if max(n, m) <= 20:
        if math.comb(size, n) <= 200_000:
            pvalue = cvm_pvalue_brute(t, n, m, observed)
            assert pvalue == cvm_pvalue_paths(t, n, m, observed)
        else:
            pvalue = cvm_pvalue_paths(t, n, m, observed)
    else:
        value = np.asarray([statistic])
        pvalue = float(_hypotests._pval_cvm_2samp_asymptotic(
            value, size, n, m, n * m, xp=array_namespace(value))[0])
    return {"statistic": statistic, "pvalue": pvalue}


def cvm_outcome(x, y):
    if has_ties(x, y):
        return cvm_tied(x, y)
    return outcome(lambda: stats.cramervonmises_2samp(x, y, method="auto"))


def case(name, baseline, target):
    x, y = np.asarray(baseline, float), np.asarray(target, float)
    return {
        "name": name,
        "baseline": list(baseline),
        "target": list(target),
        "ks": outcome(lambda: stats.ks_2samp(x, y, method="auto")),
        "anderson": outcome(lambda: stats.anderson_ksamp([x, y], variant="midrank")),
        "cvm": cvm_outcome(x, y),
    }


def tie_cases():
    """Cases added with the cvm tie fix (their own generator, so the cases above keep theirs)."""
    rng = np.random.default_rng(20261206)
    return [
        # Same law, heavy ties: scipy's midranks give T in the hundreds and p near 0.
        case("cvm_ties_poisson_5000_vs_300_same", rng.poisson(4, 5000).astype(float).tolist(),
             rng.poisson(4, 300).astype(float).tolist()),
        # A real shift in tied data.
        case("cvm_ties_poisson_2000_vs_300_shift", rng.poisson(4, 2000).astype(float).tolist(),
             rng.poisson(4.6, 300).astype(float).tolist()),
        # Exact path with ties and a shift (C(32, 14) assignments: the path walk).
        case("cvm_ties_exact_14_vs_18_shift", rng.poisson(2, 14).astype(float).tolist(),
             rng.poisson(4, 18).astype(float).tolist()),
    ]


def cases():
    rng = np.random.default_rng(20240611)
    out = []

    def normal(n, loc=0.0, scale=1.0, digits=6):
        return rounded(rng.normal(loc, scale, n), digits)

    # Tiny samples with ties.
    out.append(case("n1_vs_n1", [1.0], [2.0]))
    out.append(case("n1_vs_n1_equal", [1.5], [1.5]))
    out.append(case("n1_vs_n3", [0.5], [0.1, 0.5, 0.9]))
    out.append(case("n1_vs_n5", [3.0], normal(5)))
    out.append(case("n2_vs_n2_ties", [1.0, 2.0], [2.0, 2.0]))
    out.append(case("n2_vs_n3", [0.3, 1.2], [0.3, 0.7, 2.5]))
    out.append(case("n3_vs_n3_ties", [1.0, 1.0, 2.0], [1.0, 2.0, 2.0]))
    out.append(case("n3_vs_n5", normal(3, digits=2), normal(5, 0.5, digits=2)))
    out.append(case("n5_vs_n5", normal(5), normal(5, 1.0)))
    out.append(case("n5_vs_n2", normal(5, digits=1), normal(2, digits=1)))
    # Exact paths: cvm up to 20 per side, ks up to 10,000 per side.
    for n, m in [(8, 12), (10, 10), (15, 20), (20, 20), (20, 7), (19, 20)]:
        out.append(case(f"exact_{n}_vs_{m}", normal(n), normal(m, 0.6)))
        out.append(case(f"exact_ties_{n}_vs_{m}", normal(n, digits=1), normal(m, 0.2, digits=1)))
    # Just above the cvm switch (asymptotic from 21).
    out.append(case("cvm_switch_21_vs_20", normal(21), normal(20, 0.3)))
    out.append(case("cvm_switch_21_vs_3", normal(21), normal(3, 1.0)))
    out.append(case("cvm_switch_25_vs_25", normal(25), normal(25)))
    # Medium samples, exact KS.
    out.append(case("medium_1000_same", normal(1000), normal(1000)))
    out.append(case("medium_1000_shift", normal(1000), normal(1000, 0.1)))
    out.append(case("medium_1000_scale", normal(1000), normal(1000, 0.0, 1.2)))
    out.append(case("medium_1000_vs_700", normal(1000), normal(700, 0.05)))
    out.append(case("medium_997_vs_1013", normal(997), normal(1013, 0.3)))
    out.append(case("strong_shift_300_vs_400", normal(300), normal(400, 1.5)))
    out.append(case("ks_exact_10000_vs_9000", normal(10000, digits=5), normal(9000, 0.02, digits=5)))
    out.append(case("ks_exact_10000_vs_10000", normal(10000, digits=5), normal(10000, 0.03, digits=5)))
    # Just above the ks switch (asymptotic when either side exceeds 10,000).
    out.append(case("ks_switch_10001_vs_10000", normal(10001, digits=5), normal(10000, 0.02, digits=5)))
    out.append(case("ks_asym_10001_vs_10", normal(10001, digits=5), normal(10, 0.5)))
    out.append(case("ks_asym_12000_vs_60", normal(12000, digits=5), normal(60, 0.2)))
    out.append(case("ks_asym_11000_vs_150", normal(11000, digits=5), normal(150, 0.1)))
    out.append(case("ks_asym_11000_vs_150_far", normal(11000, digits=5), normal(150, 1.0)))
    out.append(case("ks_asym_11000_vs_400", normal(11000, digits=5), normal(400, 0.05)))
    # Large samples, asymptotic paths.
    out.append(case("large_15000_vs_20000_same", normal(15000, digits=5), normal(20000, digits=5)))
    out.append(case("large_20000_vs_20000_shift", normal(20000, digits=5), normal(20000, 0.04, digits=5)))
    out.append(case("large_20000_vs_15000_scale", normal(20000, digits=5), normal(15000, 0, 1.05, digits=5)))
    out.append(case("large_12000_vs_12000_far", normal(12000, digits=5), normal(12000, 0.5, digits=5)))
    # Identical, disjoint, single-valued.
    same = normal(50)
    out.append(case("identical_50", same, same))
    same = normal(3000, digits=4)
    out.append(case("identical_3000", same, same))
    out.append(case("disjoint_30_vs_40", rounded(rng.uniform(0, 1, 30), 6), rounded(rng.uniform(2, 3, 40), 6)))
    out.append(case("disjoint_500_vs_500", rounded(rng.uniform(0, 1, 500), 6), rounded(rng.uniform(5, 6, 500), 6)))
    out.append(case("disjoint_12000_vs_50", rounded(rng.uniform(0, 1, 12000), 6), rounded(rng.uniform(5, 6, 50), 6)))
    out.append(case("single_valued_apart_20_vs_30", [1.0] * 20, [2.0] * 30))
    out.append(case("single_valued_vs_spread_40", [0.0] * 40, normal(40)))
    out.append(case("constant_both_sides_10", [4.0] * 10, [4.0] * 10))
    # Heavy ties: integers 0..4.
    out.append(case("ties_int_15_vs_18", rng.integers(0, 5, 15).astype(float).tolist(),
                    rng.integers(0, 5, 18).astype(float).tolist()))
    out.append(case("ties_int_800_vs_900", rng.integers(0, 5, 800).astype(float).tolist(),
                    np.minimum(rng.integers(0, 6, 900), 4).astype(float).tolist()))
    out.append(case("ties_int_15000_vs_12000", rng.integers(0, 5, 15000).astype(float).tolist(),
                    rng.integers(0, 5, 12000).astype(float).tolist()))
    # Unequal sizes.
    out.append(case("unequal_10_vs_5000", normal(10), normal(5000, 0.2)))
    out.append(case("unequal_5000_vs_10", normal(5000), normal(10, 0.8)))
    out.append(case("unequal_3_vs_5000", normal(3), normal(5000)))
    return out + tie_cases()


def kstwo_grid():
    sizes = [1, 2, 3, 5, 10, 37, 100, 140, 141, 500, 1000, 10000, 50000, 100000, 100001, 400000,
             2000000]
    rows = []
    for n in sizes:
        ds = {0.3 / n, 0.5 / n, 0.7 / n, 1.0 / n, 1 - 1.5 / n, 1 - 1.0 / n, 1 - 0.5 / n,
              0.5, 0.55, 0.75, 0.9, 1.0, (1.0 / n) ** (2 / 3), (1.4 / n) ** (2 / 3) * 0.99,
              (1.4 / n) ** (2 / 3) * 1.01}
        for nd2 in [0.05, 0.2, 0.5, 0.75, 0.76, 1.0, 1.5, 2.1, 2.3, 3.0, 3.9, 4.1, 6.0, 10.0,
                    17.0, 19.0, 40.0, 100.0, 300.0, 369.0, 371.0]:
            ds.add(math.sqrt(nd2 / n))
        for d in sorted(ds):
            if 0 < d <= 1:
                rows.append({"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n)),
                             "cdf": float(stats.kstwo.cdf(d, n))})
    return rows


def refresh_cvm_ties():
    """Replaces the cvm entries of tied cases in the committed JSON and appends missing cases;
    every other value stays byte for byte as it is."""
    document = json.loads(OUT.read_text())
    changed = 0
    for entry in document["cases"]:
        x, y = np.asarray(entry["baseline"], float), np.asarray(entry["target"], float)
        if has_ties(x, y):
            entry["cvm"] = cvm_tied(x, y)
            changed += 1
    names = {entry["name"] for entry in document["cases"]}
    added = [c for c in tie_cases() if c["name"] not in names]
    document["cases"].extend(added)
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}: {changed} tied cvm entries refreshed, {len(added)} cases added")


def main():
    if "--cvm-ties-only" in sys.argv[1:]:
        refresh_cvm_ties()
        return
    document = {
        "generator": "scripts/golden/continuous.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "cases": cases(),
        "kstwo": kstwo_grid(),
    }
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(document['cases'])} cases, "
          f"{len(document['kstwo'])} kstwo rows)")


if __name__ == "__main__":
    main()
