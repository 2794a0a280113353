#!/usr/bin/env python3
"""Golden vectors for the continuous two-sample tests (ks, anderson, cvm) and kstwo.sf.

Writes Tests/DriftStatsTests/Golden/continuous.json from scipy (see "scipy" in the output for the
version used). Every sample is stored as its values, rounded so that the JSON text parses to the
same doubles in Python and Swift. Run from the repository root:

    python3 scripts/golden/continuous.py
"""
import json
import math
import pathlib
import warnings

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


def case(name, baseline, target):
    x, y = np.asarray(baseline, float), np.asarray(target, float)
    return {
        "name": name,
        "baseline": list(baseline),
        "target": list(target),
        "ks": outcome(lambda: stats.ks_2samp(x, y, method="auto")),
        "anderson": outcome(lambda: stats.anderson_ksamp([x, y], variant="midrank")),
        "cvm": outcome(lambda: stats.cramervonmises_2samp(x, y, method="auto")),
    }


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
    return out


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


def main():
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
