#!/usr/bin/env python3
"""The price of the "location first" test weights on a change only the shape tests see.

A numeric feature whose distribution splits in two (a mixture of N(-d, s^2) and N(d, s^2) with
d^2 + s^2 = 1: the same mean and standard deviation as the N(0, 1) baseline) is invisible to
`welch_t`; `ks` and `fligner` are what find it. This script measures, by seeded simulation with
scipy's own tests, how often they do at the per-member level each rule gives them in the study's
12-feature window (33 members, docs/deciding-drift.md), for the one signal of the window (the
first step of Benjamini-Hochberg, where a lone signal is decided):
  equal weights: 0.01 / 33 for each;
  location-first weights (test_weights, not the default): 0.01 * w / (mean weight 1.227) / 33 with w = 0.1 (ks), 0.15 (fligner).
Usage: python3 scripts/quiet/shape_price.py [--windows 400] [--seed 7]
"""
import argparse

import numpy as np
from scipy import stats

MEAN_WEIGHT = 40.5 / 33  # the study window's raw weights: 4 numeric features, 8 categorical


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", type=int, default=50_000)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    baseline = rng.standard_normal(args.baseline)
    equal = 0.01 / 33
    ks_level = 0.01 * 0.1 / MEAN_WEIGHT / 33
    fligner_level = 0.01 * 0.15 / MEAN_WEIGHT / 33
    print("| split (d, s) | rows | ks equal | ks weighted | ks or fligner equal | ks or fligner weighted |")
    print("|---|---:|---:|---:|---:|---:|")
    for d, s in ((0.8, 0.6), (0.9, 0.4359)):
        for rows in (300, 1000, 3000, 10000):
            ks = np.empty(args.windows)
            fl = np.empty(args.windows)
            for w in range(args.windows):
                side = rng.integers(0, 2, rows)
                target = np.where(side == 0, -d, d) + s * rng.standard_normal(rows)
                ks[w] = stats.ks_2samp(baseline, target).pvalue
                fl[w] = stats.fligner(baseline, target, center="median").pvalue
            pct = lambda m: f"{100 * np.mean(m):.0f} %"
            print(
                f"| {d}, {s} | {rows} | {pct(ks < equal)} | {pct(ks < ks_level)} | "
                f"{pct((ks < equal) | (fl < equal))} | {pct((ks < ks_level) | (fl < fligner_level))} |")


if __name__ == "__main__":
    main()
