#!/usr/bin/env python3
"""The price of test weights on a change only the shape tests see.

A numeric feature whose distribution splits in two (a mixture of N(-d, s^2) and N(d, s^2) with
d^2 + s^2 = 1: the same mean and standard deviation as the N(0, 1) baseline) is invisible to
`welch_t`; `ks` and `fligner` are what find it. This script measures, by seeded simulation with
scipy's own tests, how often they do at the per-member level each rule gives them in the study's
12-feature window (33 members, docs/deciding-drift.md), for the one signal of the window (the
first step of Benjamini-Hochberg, where a lone signal is decided):
  equal weights (`test_weights: equal`): 0.01 / 33 for each;
  the default weights: 0.01 * w / (mean weight 33.53 / 33) / 33 with w = 0.9 (ks), 0.3 (fligner);
  location-first weights (not the default): 0.01 * w / (mean weight 40.5 / 33) / 33 with
  w = 0.1 (ks), 0.15 (fligner).
The study itself plants the first split below (`driftwatch-bench quiet --changes modes`).
Usage: python3 scripts/quiet/shape_price.py [--windows 400] [--seed 7]
"""
import argparse

import numpy as np
from scipy import stats

# (ks, fligner, the window's raw weight sum over its 33 members: 4 numeric features, 8 categorical)
RULES = {
    "equal": (1, 1, 33),
    "default": (0.9, 0.3, 4 * (1.9 + 0.9 + 0.3 + 0.02) + 1.05 + 8 * (1.25 + 1.25)),
    "location first": (0.1, 0.15, 4 * (2.5 + 0.1 + 0.15 + 0.05) + 1.3 + 8 * (2 + 1.5)),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", type=int, default=50_000)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    baseline = rng.standard_normal(args.baseline)
    levels = {name: (0.01 * ks / total, 0.01 * fl / total) for name, (ks, fl, total) in RULES.items()}
    print("| split (d, s) | rows | " + " | ".join(f"ks or fligner, {name}" for name in RULES) + " |")
    print("|---|---:|" + "---:|" * len(RULES))
    for d, s in ((0.8, 0.6), (0.9, 0.4359)):
        for rows in (300, 1000, 3000, 10000):
            ks = np.empty(args.windows)
            fl = np.empty(args.windows)
            for w in range(args.windows):
                side = rng.integers(0, 2, rows)
                target = np.where(side == 0, -d, d) + s * rng.standard_normal(rows)
                ks[w] = stats.ks_2samp(baseline, target).pvalue
                fl[w] = stats.fligner(baseline, target, center="median").pvalue
            cells = [f"{100 * np.mean((ks < k) | (fl < f)):.0f} %" for k, f in levels.values()]
            print(f"| {d}, {s} | {rows} | " + " | ".join(cells) + " |")

if __name__ == "__main__":
    main()
