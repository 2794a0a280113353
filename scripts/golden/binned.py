#!/usr/bin/env python3
"""Golden vectors for the DriftStats rank/t/distance/binned/categorical tests.

Writes Tests/DriftStatsTests/Golden/binned.json. Run from the repository root:

    python3 scripts/golden/binned.py

References come from scipy where scipy has the statistic (mannwhitneyu, ttest_ind,
fligner with center="median", wasserstein_distance, energy_distance,
jensenshannon, entropy, chi2_contingency, false_discovery_control). Where scipy has no counterpart (PSI, Hellinger, L-infinity, total
variation, the normalized Wasserstein divisor, the driftwatch-defined degenerate cases) the reference
is computed here from the documented formula with numpy; each place says so.

Inputs are rounded (6 decimals) before any statistic is computed, and json writes the shortest
repr of each double, so Swift parses exactly the doubles this script used.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

EPSILON = 1e-4  # Evidently's stand-in for an empty bin in PSI and KL.
BIN_COUNT = 10  # deciles
BIG = sys.float_info.max

rng = np.random.default_rng(20260425)


def r(x):
    return np.round(np.asarray(x, dtype=float), 6)


# ---------------------------------------------------------------------------------------------
# Binning: the SAME rule as QuantileBins.swift. Interior edges at the baseline quantiles
# k / BIN_COUNT (numpy's default linear method), consecutive duplicates removed; bins are
# left-closed, so the bin of v is searchsorted(edges, v, side="right").
def quantile_edges(baseline):
    probabilities = np.arange(1, BIN_COUNT) / BIN_COUNT
    q = np.quantile(np.sort(baseline), probabilities)
    edges = []
    for e in q:
        if not edges or edges[-1] != e:
            edges.append(float(e))
    return edges


def bin_counts(edges, values):
    idx = np.searchsorted(np.asarray(edges), values, side="right")
    return np.bincount(idx, minlength=len(edges) + 1).astype(int).tolist()


# ---------------------------------------------------------------------------------------------
# Distances between count vectors.
def distances(b_counts, t_counts):
    b = np.asarray(b_counts, dtype=float)
    t = np.asarray(t_counts, dtype=float)
    p = b / b.sum()
    q = t / t.sum()
    pe = np.where(p == 0, EPSILON, p)
    qe = np.where(q == 0, EPSILON, q)
    return {
        # No scipy counterpart: PSI from its formula, Evidently's epsilon, no renormalization.
        "psi": float(np.sum((qe - pe) * np.log(qe / pe))),
        # scipy.stats.entropy renormalizes the epsilon-filled proportions.
        "kl": float(stats.entropy(pe, qe)),
        "jensenshannon": float(distance.jensenshannon(b, t, base=2)),
        # No scipy counterpart: Hellinger in its cancellation-free form
        # sqrt(sum (sqrt p - sqrt q)^2 / 2) == sqrt(1 - sum sqrt(p q)).
        "hellinger": float(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2) / 2)),
        # No scipy counterpart: from the formulas.
        "linf": float(np.max(np.abs(p - q))),
        "tvd": float(np.sum(np.abs(p - q)) / 2),
    }


def contingency(b_counts, t_counts):
    b = np.asarray(b_counts)
    t = np.asarray(t_counts)
    keep = (b + t) > 0
    table = np.vstack([b[keep], t[keep]])
    if table.shape[1] <= 1:
        # driftwatch rule: nothing to compare.
        return {"statistic": 0.0, "pvalue": 1.0}, {"statistic": 0.0, "pvalue": 1.0}
    chi = stats.chi2_contingency(table, correction=False)
    g = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    return (
        {"statistic": float(chi.statistic), "pvalue": float(chi.pvalue)},
        {"statistic": float(g.statistic), "pvalue": float(g.pvalue)},
    )


def missing_rate(m1, n1, m2, n2):
    if m1 + m2 == 0 or m1 + m2 == n1 + n2:
        return {"statistic": 0.0, "pvalue": 1.0}  # driftwatch rule: shares equal.
    res = stats.chi2_contingency([[m1, n1 - m1], [m2, n2 - m2]], correction=False)
    return {"statistic": abs(m2 / n2 - m1 / n1), "pvalue": float(res.pvalue)}


# ---------------------------------------------------------------------------------------------
def welch(b, t):
    if len(b) < 2 or len(t) < 2:
        return None  # driftwatch throws
    vb = np.var(b, ddof=1)
    vt = np.var(t, ddof=1)
    if vb == 0 and vt == 0:
        # driftwatch rule (scipy gives NaN): equal constants -> 0, 1; different -> +-max, 0.
        d = np.mean(b) - np.mean(t)
        if d == 0:
            return {"statistic": 0.0, "pvalue": 1.0}
        return {"statistic": math.copysign(BIG, d), "pvalue": 0.0}
    res = stats.ttest_ind(b, t, equal_var=False)
    return {"statistic": float(res.statistic), "pvalue": float(res.pvalue)}


def fligner(b, t):
    if len(b) < 2 or len(t) < 2:
        return None  # driftwatch throws
    zb = np.abs(b - np.median(b))
    zt = np.abs(t - np.median(t))
    if np.all(np.concatenate([zb, zt]) == zb[0]):
        # driftwatch rule (scipy gives NaN): every absolute deviation equal -> no change of spread.
        return {"statistic": 0.0, "pvalue": 1.0}
    res = stats.fligner(b, t, center="median")
    return {"statistic": float(res.statistic), "pvalue": float(res.pvalue)}


def numeric_summary(values, missing, infinite):
    n = len(values)
    out = {"count": n + missing + infinite, "missing": missing, "infinite": infinite}
    if n == 0:
        return out
    s = np.sort(values)
    out.update(
        mean=float(np.mean(s)),
        min=float(s[0]),
        max=float(s[-1]),
        p25=float(np.quantile(s, 0.25)),
        p50=float(np.quantile(s, 0.5)),
        p75=float(np.quantile(s, 0.75)),
    )
    if n >= 2:
        out["std"] = float(np.std(s, ddof=1))
    return out


def numeric_case(name, baseline, target, b_missing=0, b_inf=0, t_missing=0, t_inf=0):
    b = r(baseline)
    t = r(target)
    case = {
        "name": name,
        "baseline": b.tolist(),
        "target": t.tolist(),
        "baselineMissing": b_missing,
        "baselineInfinite": b_inf,
        "targetMissing": t_missing,
        "targetInfinite": t_inf,
    }
    mw = stats.mannwhitneyu(b, t, alternative="two-sided", method="auto", use_continuity=True)
    ties = len(np.unique(np.concatenate([b, t]))) < len(b) + len(t)
    case["mannwhitney"] = {
        "statistic": float(mw.statistic),
        "pvalue": float(mw.pvalue),
        "exact": bool(min(len(b), len(t)) <= 8 and not ties),
    }
    case["welch"] = welch(b, t)
    case["fligner"] = fligner(b, t)
    wd = float(stats.wasserstein_distance(b, t))
    case["wasserstein"] = wd
    # No scipy counterpart for the divisor: population std (np.std, ddof=0, as Evidently), floored
    # at 1e-12 * max(1, |mean|) as documented in Wasserstein.normalized.
    floor = 1e-12 * max(1.0, abs(float(np.mean(b))))
    case["wassersteinNorm"] = wd / max(float(np.std(b)), floor)
    case["energy"] = float(stats.energy_distance(b, t))
    edges = quantile_edges(b)
    bc = bin_counts(edges, b)
    tc = bin_counts(edges, t)
    case["bins"] = {"edges": edges, "baseline": bc, "target": tc, **distances(bc, tc)}
    case["missingRate"] = missing_rate(
        b_missing, len(b) + b_missing + b_inf, t_missing, len(t) + t_missing + t_inf
    )
    case["baselineSummary"] = numeric_summary(b, b_missing, b_inf)
    case["targetSummary"] = numeric_summary(t, t_missing, t_inf)
    case["shareOutside"] = float(np.mean((t < b.min()) | (t > b.max())))
    return case


def numeric_cases():
    normal = rng.normal
    cases = [
        numeric_case("tiny_ties", [1, 2, 2, 3, 5], [2, 3, 3, 4]),
        numeric_case("tiny_exact_scipy_doc", [19, 22, 16, 29, 24], [20, 11, 17, 12]),
        numeric_case("n1_vs_n1", [1.5], [2.5]),
        numeric_case("n1_vs_n1_tied", [1.5], [1.5]),
        numeric_case("n2_vs_n2", [1.0, 2.0], [3.0, 5.0]),
        numeric_case("n1_vs_50", [0.3], normal(0, 1, 50)),
        numeric_case("n3_vs_n3_middle", [1, 4, 5], [2, 3, 6]),
        numeric_case("exact_8_vs_30", normal(0, 1, 8), normal(0.8, 1, 30)),
        numeric_case("exact_8_vs_200", normal(0, 1, 8), normal(-0.5, 2, 200)),
        # The null counts pass 2**53 here, so the exact distribution is summed in floating point.
        numeric_case(
            "exact_8_vs_2000",
            rng.choice(2000, 8, replace=False) / 1000 + 0.0005,
            rng.permutation(2000) / 1000 + 0.3,
        ),
        numeric_case("exact_5_vs_5_disjoint", [1, 2, 3, 4, 5], [6, 7, 8, 9, 10]),
        numeric_case("medium_shift", normal(0, 1, 200), normal(0.3, 1.2, 300)),
        numeric_case("medium_same", normal(5, 2, 400), normal(5, 2, 350)),
        numeric_case("large_shift", normal(0, 1, 10000), normal(0.05, 1, 10000)),
        numeric_case("large_unequal_lognormal", rng.lognormal(0, 1, 10000), rng.lognormal(0.1, 1, 3000)),
        numeric_case("large_offset", 1e6 + normal(0, 10, 5000), 1e6 + normal(1, 10, 5000)),
    ]
    same = normal(0, 1, 500)
    cases.append(numeric_case("identical", same, same))
    cases.append(numeric_case("disjoint", rng.uniform(0, 1, 300), rng.uniform(5, 6, 200)))
    cases.append(numeric_case("single_valued_equal", [3.0] * 50, [3.0] * 40))
    cases.append(numeric_case("single_valued_different", [3.0] * 50, [4.0] * 40))
    cases.append(numeric_case("constant_baseline_varied_target", [2.0] * 100, normal(2, 1, 100)))
    cases.append(
        numeric_case("heavy_ties_poisson", rng.poisson(2, 2000), rng.poisson(2.3, 1500))
    )
    cases.append(
        numeric_case("integer_ages", rng.integers(18, 91, 5000), rng.integers(20, 91, 5000))
    )
    cases.append(
        numeric_case("mostly_zero", np.where(rng.uniform(size=1000) < 0.7, 0, normal(0, 1, 1000)),
                     np.where(rng.uniform(size=800) < 0.5, 0, normal(0, 1, 800)))
    )
    cases.append(
        numeric_case("with_missing_and_infinite", normal(0, 1, 300), normal(0, 1, 250),
                     b_missing=12, b_inf=3, t_missing=40, t_inf=1)
    )
    cases.append(
        numeric_case("zero_bins_target_below", rng.uniform(10, 20, 400), rng.uniform(0, 5, 300))
    )
    cases.append(
        numeric_case("zero_bins_target_one_decile", rng.uniform(0, 10, 1000), rng.uniform(4.2, 4.8, 300))
    )
    cases.append(numeric_case("negative_and_wide", normal(-50, 30, 700), normal(-45, 60, 900)))
    return cases


# ---------------------------------------------------------------------------------------------
def categories_in_order(labels):
    seen = []
    for x in labels:
        if x is not None and x not in seen:
            seen.append(x)
    return seen


def categorical_summary(labels):
    present = [x for x in labels if x is not None]
    counts = {}
    for x in present:
        counts[x] = counts.get(x, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "count": len(labels),
        "missing": len(labels) - len(present),
        "unique": len(counts),
        "top": [{"label": k, "count": v, "share": v / len(present)} for k, v in ordered[:5]],
    }


def categorical_case(name, baseline, target):
    b_labels = categories_in_order(baseline)
    t_labels = categories_in_order(target)
    labels = b_labels + [x for x in t_labels if x not in b_labels]
    bc = [sum(1 for x in baseline if x == label) for label in labels]
    tc = [sum(1 for x in target if x == label) for label in labels]
    unseen = sum(1 for x in target if x is not None and x not in b_labels)
    chi, g = contingency(bc, tc)
    bm = sum(1 for x in baseline if x is None)
    tm = sum(1 for x in target if x is None)
    return {
        "name": name,
        "baseline": list(baseline),
        "target": list(target),
        "labels": labels,
        "baselineCounts": bc,
        "targetCounts": tc,
        "unseen": unseen,
        "chisquare": chi,
        "gtest": g,
        "distances": distances(bc, tc),
        "missingRate": missing_rate(bm, len(baseline), tm, len(target)),
        "baselineSummary": categorical_summary(baseline),
        "targetSummary": categorical_summary(target),
    }


def draw(labels, weights, n, missing=0.0):
    w = np.asarray(weights, dtype=float)
    picks = rng.choice(len(labels), size=n, p=w / w.sum())
    out = [labels[i] for i in picks]
    if missing:
        mask = rng.uniform(size=n) < missing
        out = [None if m else x for x, m in zip(out, mask)]
    return out


def categorical_cases():
    abc = ["a", "b", "c", "d"]
    return [
        categorical_case("same_mix", draw(abc, [4, 3, 2, 1], 2000), draw(abc, [4, 3, 2, 1], 1500)),
        categorical_case("shifted_mix", draw(abc, [4, 3, 2, 1], 2000), draw(abc, [1, 2, 3, 4], 1000)),
        categorical_case(
            "unseen_categories",
            draw(["red", "green", "blue"], [5, 3, 2], 600),
            draw(["red", "green", "blue", "teal", "amber"], [5, 3, 2, 1, 1], 500),
        ),
        categorical_case(
            "category_vanishes",
            draw(["x", "y", "z"], [1, 1, 1], 300),
            draw(["x", "y"], [1, 1], 300),
        ),
        categorical_case("single_category", ["only"] * 20, ["only"] * 30),
        categorical_case("single_vs_other", ["one"] * 20, ["two"] * 30),
        categorical_case(
            "with_missing",
            draw(["yes", "no"], [3, 1], 800, missing=0.05),
            draw(["yes", "no"], [1, 1], 700, missing=0.2),
        ),
        categorical_case(
            "top_ties_by_label",
            ["f", "e", "d", "c", "b", "a", "g", "g"] * 3,
            ["a", "b", "c"] * 4 + [None, None],
        ),
        categorical_case("tiny", ["a", "b"], ["b", "b", "c"]),
    ]


# ---------------------------------------------------------------------------------------------
def counts_case(name, b, t):
    chi, g = contingency(b, t)
    return {"name": name, "baseline": b, "target": t, "chisquare": chi, "gtest": g,
            **distances(b, t)}


def counts_cases():
    return [
        counts_case("zero_bins_both_sides", [10, 0, 5, 5, 0], [0, 8, 2, 10, 0]),
        counts_case("identical", [100, 200, 300], [100, 200, 300]),
        counts_case("proportional", [1, 2, 3, 4], [10, 20, 30, 40]),
        counts_case("two_bins", [30, 70], [45, 55]),
        counts_case("one_bin", [5], [9]),
        counts_case("large_counts", [400000, 300000, 200000, 100000], [390000, 310000, 195000, 105000]),
        counts_case("extreme_shift", [1000000, 0], [0, 1000000]),
        counts_case("sparse_target", [50] * 10, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
    ]


def adjust_case(name, p):
    p = [float(x) for x in p]
    if p:
        bh = stats.false_discovery_control(p, method="bh").tolist()
    else:
        bh = []
    bonferroni = [min(x * len(p), 1.0) for x in p]  # formula: scipy has no Bonferroni helper
    return {"name": name, "p": p, "bh": bh, "bonferroni": bonferroni}


def adjust_cases():
    return [
        adjust_case("empty", []),
        adjust_case("single", [0.03]),
        adjust_case("uniform_20", r(rng.uniform(size=20)).tolist()),
        adjust_case("small_and_large", [1e-10, 0.001, 0.01, 0.04, 0.2, 0.5, 0.9, 1.0]),
        adjust_case("ties", [0.01, 0.01, 0.02, 0.02, 0.02, 0.5, 0.0]),
        adjust_case("unsorted", [0.8, 0.001, 0.3, 0.04, 0.04, 0.6, 0.011, 0.2]),
    ]


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = os.path.join(root, "Tests", "DriftStatsTests", "Golden", "binned.json")
    doc = {
        "generator": "scripts/golden/binned.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "numeric": numeric_cases(),
        "categorical": categorical_cases(),
        "counts": counts_cases(),
        "adjust": adjust_cases(),
    }
    with open(out, "w") as f:
        json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
