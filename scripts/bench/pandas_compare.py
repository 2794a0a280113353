#!/usr/bin/env python3
"""The comparison `driftwatch compare` makes with its default tests, written the usual Python way
(pandas + scipy), for the benchmark. Prints the drifted features as JSON.

Numeric features: ks_2samp, PSI on baseline deciles, missing-rate
z-test. Categorical: chi-square homogeneity, Jensen-Shannon and PSI on category shares, missing
rate. Benjamini-Hochberg per test across features; drift when p < 0.01 (tests) or above the
distance thresholds (psi 0.2, jensenshannon 0.1).
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

EPS = 1e-4


def psi(p, q):
    p = np.where(p == 0, EPS, p)
    q = np.where(q == 0, EPS, q)
    return float(np.sum((q - p) * np.log(q / p)))


def missing_p(a, b):
    m1, n1, m2, n2 = a.isna().sum(), len(a), b.isna().sum(), len(b)
    if m1 + m2 == 0:
        return 1.0
    return float(stats.chi2_contingency([[m1, n1 - m1], [m2, n2 - m2]], correction=False)[1])


def main():
    # The timestamp column is not a feature (driftwatch leaves timestamps out too).
    base = pd.read_csv(sys.argv[1]).drop(columns=["ts"], errors="ignore")
    target = pd.read_csv(sys.argv[2]).drop(columns=["ts"], errors="ignore")
    results = {}
    for col in base.columns:
        a, b = base[col], target[col]
        tests = {}
        if pd.api.types.is_numeric_dtype(a):
            x, y = a.dropna().to_numpy(), b.dropna().to_numpy()
            tests["ks"] = ("p", stats.ks_2samp(x, y).pvalue)
            edges = np.unique(np.quantile(x, np.arange(1, 10) / 10))
            cx = np.bincount(np.searchsorted(edges, x, side="right"), minlength=len(edges) + 1)
            cy = np.bincount(np.searchsorted(edges, y, side="right"), minlength=len(edges) + 1)
            tests["psi"] = ("s", psi(cx / cx.sum(), cy / cy.sum()))
        else:
            counts = pd.concat([a.value_counts().rename("a"), b.value_counts().rename("b")], axis=1).fillna(0)
            tests["chisquare"] = ("p", stats.chi2_contingency(counts.T.to_numpy(), correction=False)[1])
            p, q = counts["a"] / counts["a"].sum(), counts["b"] / counts["b"].sum()
            tests["jensenshannon"] = ("s", float(jensenshannon(p, q, base=2)))
            tests["psi"] = ("s", psi(p.to_numpy(), q.to_numpy()))
        tests["missing_rate"] = ("p", missing_p(a, b))
        results[col] = tests
    limits = {"psi": 0.2, "jensenshannon": 0.1}
    drifted = set()
    for test in ("ks", "chisquare", "missing_rate"):
        cols = [c for c in results if test in results[c]]
        adjusted = stats.false_discovery_control([results[c][test][1] for c in cols], method="bh")
        drifted |= {c for c, p in zip(cols, adjusted) if p < 0.01}
    for col, tests in results.items():
        drifted |= {col for t, (kind, v) in tests.items() if kind == "s" and v > limits[t]}
    print(json.dumps({"rows": [len(base), len(target)], "drifted": sorted(drifted)}))


if __name__ == "__main__":
    main()
