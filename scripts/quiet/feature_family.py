#!/usr/bin/env python3
"""One p-value per feature instead of one per test: does it pay? A seeded model of the study.

The default rule corrects every test's p-value of a window as one family (33 p-values in the
study's window of 12 features: ks, welch_t, fligner and the decile chi-square of psi on each
numeric feature, missing_rate too on the one with missing values, the pooled chi-square and
frequency_order on each categorical feature). The alternative combines each feature's p-values
into one (Cauchy, Simes or Bonferroni within the feature) and corrects the 12 features' p-values
(Benjamini-Hochberg in both cases). This script models a study window in numpy/scipy (the tests
rewritten from their definitions, not from the Swift code; no minimum effect, which does not
bind at these sizes) and measures, per rule:

- level: stable windows (12 features, 300 and 1,000 rows, 10 categories) with any feature drifted;
- power: the cells below target at 300 rows (mean +0.2 sd on the normal and integer features,
  10 % of mass moved on 10 Zipf categories, missing +5 points) and two that meet it (scale x1.3
  on the t3 feature; mass moved on 30 Zipf categories).
- the far tail of the floored Cauchy combination (each term max(0, tan((1/2 - p) pi)), as in
  PValueCombination.swift) on independent uniform p-values, and on one stable feature's real,
  dependent p-values: share below 0.01 / 12 and 0.01 / 33 against nominal.

The Swift study (`driftwatch-bench quiet --family cauchy|simes|bonferroni|tests`) measures the
same with the real code; this is the model that says which to try there.

    python3 scripts/quiet/feature_family.py [--windows 400] [--null 2000]   (a few minutes)
"""
import argparse

import numpy as np
from scipy import stats

from frequency_order import moved, trend_p, zipf
from uniform_bound import pooled_chisquare_p

LEVEL = 0.01
RULES = ("tests", "cauchy", "simes", "bonferroni")


def cauchy(ps):
    ps = np.asarray(ps, dtype=float)
    terms = np.where(ps < 0.5, 1 / np.tan(np.clip(ps, 1e-300, 0.5) * np.pi), 0.0)
    t = terms.mean()
    return np.arctan(1 / t) / np.pi if t > 0 else 0.5


def simes(ps):
    s = np.sort(ps)
    return min(1.0, (len(s) * s / np.arange(1, len(s) + 1)).min())


def bonferroni(ps):
    return min(1.0, len(ps) * min(ps))


COMBINE = {"cauchy": cauchy, "simes": simes, "bonferroni": bonferroni}


def bh(ps):
    ps = np.asarray(ps, dtype=float)
    m = len(ps)
    order = np.argsort(ps)
    adjusted = np.empty(m)
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, ps[i] * m / rank)
        adjusted[i] = running
    return adjusted


def decile_chisquare_p(edges, base_counts, target):
    """psi's noise check: counts on the baseline's decile bins, neighbours pooled in order until
    each group expects 10 rows on the smaller side, Pearson chi-square."""
    t = np.bincount(np.searchsorted(edges, target, side="right"), minlength=len(edges) + 1)
    b = base_counts
    scale = min(b.sum(), t.sum()) / (b.sum() + t.sum())
    gb, gt, pb, pt = 0, 0, [], []
    for x, y in zip(b, t):
        gb, gt = gb + x, gt + y
        if (gb + gt) * scale >= 10:
            pb.append(gb)
            pt.append(gt)
            gb, gt = 0, 0
    if (gb or gt) and pb:
        pb[-1] += gb
        pt[-1] += gt
    if len(pb) < 2:
        return 1.0
    return stats.chi2_contingency(np.array([pb, pt]), correction=False)[1]


class Numeric:
    def __init__(self, rng, law, baseline, missing=0.0):
        self.law, self.missing = law, missing
        self.base = self.draw(rng, baseline, 0.0, 1.0, missing)
        present = self.base[~np.isnan(self.base)]
        self.present = np.sort(present)
        self.edges = np.unique(np.quantile(present, np.arange(1, 10) / 10))
        self.base_bins = np.bincount(np.searchsorted(self.edges, present, side="right"),
                                     minlength=len(self.edges) + 1)
        self.base_missing = int(np.isnan(self.base).sum())

    def draw(self, rng, n, shift, scale, missing):
        spread = 2.0 if self.law == "integer" else 1.0
        if self.law == "t3":
            x = rng.standard_t(3, size=n) / np.sqrt(3)
        else:
            x = rng.standard_normal(n)
        x = shift * spread + scale * spread * x
        if self.law == "integer":
            x = np.round(5 + x)
        if missing:
            x[rng.uniform(size=n) < missing] = np.nan
        return x

    def pvalues(self, rng, n, change):
        shift = 0.2 if change == "mean" else 0.0
        scale = 1.3 if change == "scale" else 1.0
        missing = 0.10 if change == "missing" else self.missing
        x = self.draw(rng, n, shift, scale, missing)
        xp = x[~np.isnan(x)]
        ps = [stats.ks_2samp(self.present, xp).pvalue,
              stats.ttest_ind(self.present, xp, equal_var=False).pvalue,
              stats.fligner(self.present, xp, center="median").pvalue,
              decile_chisquare_p(self.edges, self.base_bins, xp)]
        if self.missing:
            table = [[self.base_missing, len(self.base) - self.base_missing],
                     [n - len(xp), len(xp)]]
            ps.append(stats.fisher_exact(table).pvalue if n - len(xp) < 10 or n < 1000
                      else stats.chi2_contingency(table, correction=False)[1])
        return ps


class Categorical:
    def __init__(self, rng, shares, baseline):
        self.shares = shares
        self.base = rng.multinomial(baseline, shares)

    def pvalues(self, rng, n, change):
        t = rng.multinomial(n, moved(self.shares) if change == "mass" else self.shares)
        return [float(pooled_chisquare_p([self.base], [t])[0]), trend_p(self.base, t, "rank")]


def window_features(rng, baseline, k):
    return ([Numeric(rng, "normal", baseline), Numeric(rng, "t3", baseline),
             Numeric(rng, "integer", baseline), Numeric(rng, "normal", baseline, missing=0.05)]
            + [Categorical(rng, np.full(k, 1.0 / k), baseline) for _ in range(4)]
            + [Categorical(rng, zipf(k), baseline) for _ in range(4)])


def decide(pvalues):
    """Which features each rule reports drifted, from the window's per-feature p-value lists."""
    out = {}
    flat = np.concatenate([np.asarray(p, dtype=float) for p in pvalues])
    owner = np.concatenate([[i] * len(p) for i, p in enumerate(pvalues)])
    out["tests"] = {int(owner[j]) for j in np.nonzero(bh(flat) < LEVEL)[0]}
    for name, f in COMBINE.items():
        combined = bh([f(p) for p in pvalues])
        # A feature drifts when its corrected combined p passes and one of its own tests does.
        out[name] = {i for i in range(len(pvalues))
                     if combined[i] < LEVEL and min(pvalues[i]) < LEVEL}
    return out


def run_cell(rng, features, n, windows, changed=None, change=None):
    found = dict.fromkeys(RULES, 0)
    for _ in range(windows):
        ps = [f.pvalues(rng, n, change if i == changed else None) for i, f in enumerate(features)]
        verdicts = decide(ps)
        for rule in RULES:
            hit = (changed in verdicts[rule]) if changed is not None else bool(verdicts[rule])
            found[rule] += hit
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--windows", type=int, default=400)
    parser.add_argument("--null", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--baseline", type=int, default=50000)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    print("Floored Cauchy on independent uniform p-values: P(combined < level) / level")
    print("| p-values per feature | 0.01 / 12 | 0.01 / 33 |\n|---:|---:|---:|")
    for d in (2, 4, 5):
        u = rng.uniform(size=(2_000_000, d))
        terms = np.where(u < 0.5, 1 / np.tan(u * np.pi), 0.0).mean(axis=1)
        p = np.where(terms > 0, np.arctan(1 / np.maximum(terms, 1e-300)) / np.pi, 0.5)
        print(f"| {d} | " + " | ".join(f"{(p < a).mean() / a:.3f}" for a in (0.01 / 12, 0.01 / 33))
              + " |", flush=True)

    print("\nPower in % of windows (planted change found) and level (stable windows with any "
          "feature drifted), by rule:\n")
    print("| cell | rows | windows | " + " | ".join(RULES) + " |")
    print("|---|---:|---:|" + "---:|" * len(RULES))
    cells = [("mean +0.2 sd, normal", 0, "mean", 10), ("mean +0.2 sd, integer", 2, "mean", 10),
             ("scale x1.3, t3", 1, "scale", 10), ("missing +5 points", 3, "missing", 10),
             ("10 % mass moved, zipf10", 8, "mass", 10), ("10 % mass moved, zipf30", 8, "mass", 30)]
    for n in (300,):
        for label, index, change, k in cells:
            features = window_features(rng, args.baseline, k)
            found = run_cell(rng, features, n, args.windows, index, change)
            print(f"| {label} | {n} | {args.windows} | "
                  + " | ".join(f"{100 * found[r] / args.windows:.0f} %" for r in RULES) + " |",
                  flush=True)
    for n in (300, 1000):
        features = window_features(rng, args.baseline, 10)
        found = run_cell(rng, features, n, args.null)
        print(f"| stable, 10 categories | {n} | {args.null} | "
              + " | ".join(f"{100 * found[r] / args.null:.2f} %" for r in RULES) + " |", flush=True)


if __name__ == "__main__":
    main()
