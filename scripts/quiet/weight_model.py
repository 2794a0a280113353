#!/usr/bin/env python3
"""A quick model of the window family's weights: which test-weight tables can meet issue 13's
300-row targets and keep the most power on a change only the shape tests see.

The study's window (docs/deciding-drift.md) has 33 members with 10 categories (4 numeric features x
{ks, welch_t, fligner, psi's decile chi-square}, missing_rate of missing5, 8 categorical x
{chisquare, frequency_order}) and 25 with 2 categories (chisquare and frequency_order share one
p-value, which weighs the sum of their weights). Weighted Benjamini-Hochberg renormalises the
weights to average 1 over the members, so the raw sum S = 4 (ks + welch_t + fligner + psi) +
missing_rate + 8 (chisquare + frequency_order) is the same in both windows, and a lone signal is
decided at its first step: p < 0.01 * w * m / S / m = 0.01 * w / S.

For each table this prints the effective weight (w * m / S) of each member and, by seeded
simulation with scipy's tests (baseline of 50,000 rows, as the study), the power of:
  welch_t on a +0.2 sd mean shift of a normal feature at 300 rows (the binding integer cell of
    the study sits about 4 points below its normal twin at equal weights, 1 point at B's);
  the two-category pooled chi-square on 10 % of mass moved (0.5/0.5 -> 0.4/0.6) at 300 rows;
  ks or fligner on two modes with the same mean and sd (N(+-0.8, 0.6^2) against N(0, 1)) at
    300 and 1,000 rows.
It is a guide for narrowing the grid; the study (`driftwatch-bench quiet --test-weights ...`)
decides (the model reads the shape row 5-10 points below the study and the mean shift a few points
above: it decides a lone signal at Benjamini-Hochberg's first step, on its own samples). Usage: python3 scripts/quiet/weight_model.py [--windows 1000] [--seed 7]
"""
import argparse

import numpy as np
from scipy import stats

ALPHA = 0.01

# name: (ks, welch_t, fligner, psi, missing_rate, chisquare, frequency_order)
TABLES = {
    "equal (test_weights: equal)": None,
    "A": (0.4, 2.2, 0.5, 0.05, 1.4, 1, 1.4),
    "B (location first)": (0.1, 2.5, 0.15, 0.05, 1.3, 2, 1.5),
    "default": (0.9, 1.9, 0.3, 0.02, 1.05, 1.25, 1.25),
}


def effective(table):
    if table is None:  # plain BH: every member, the shared two-category p-value too, weighs 1
        names = ("ks", "welch_t", "fligner", "psi", "missing_rate", "chisquare", "frequency_order")
        return {name: 1.0 for name in names}, 1.0
    ks, welch, fligner, psi, missing, chi, order = table
    total = 4 * (ks + welch + fligner + psi) + missing + 8 * (chi + order)
    ten = {name: 33 * w / total for name, w in zip(
        ("ks", "welch_t", "fligner", "psi", "missing_rate", "chisquare", "frequency_order"), table)}
    two = 25 * (chi + order) / total
    return ten, two


def simulate(windows, seed):
    rng = np.random.default_rng(seed)
    baseline = rng.standard_normal(50_000)
    out = {}
    # +0.2 sd mean shift, 300 rows: welch_t p-values.
    out["mean300"] = np.array([
        stats.ttest_ind(baseline, 0.2 + rng.standard_normal(300), equal_var=False).pvalue
        for _ in range(windows)])
    # Two categories, 10 % of mass moved: pooled 2 x 2 chi-square (no continuity correction).
    base = rng.binomial(50_000, 0.5, windows)
    target = rng.binomial(300, 0.4, windows)
    out["binary300"] = np.array([
        stats.chi2_contingency([[b, 50_000 - b], [t, 300 - t]], correction=False)[1]
        for b, t in zip(base, target)])
    for rows in (300, 1000):
        ks = np.empty(windows)
        fl = np.empty(windows)
        for w in range(windows):
            side = rng.integers(0, 2, rows)
            x = np.where(side == 0, -0.8, 0.8) + 0.6 * rng.standard_normal(rows)
            ks[w] = stats.ks_2samp(baseline, x).pvalue
            fl[w] = stats.fligner(baseline, x, center="median").pvalue
        out[f"ks{rows}"] = ks
        out[f"fligner{rows}"] = fl
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--table", action="append", default=[],
                        help="name=ks,welch_t,fligner,psi,missing_rate,chisquare,frequency_order")
    args = parser.parse_args()
    tables = dict(TABLES)
    for text in args.table:
        name, values = text.split("=")
        tables[name] = tuple(float(v) for v in values.split(","))
    sim = simulate(args.windows, args.seed)
    pct = lambda mask: f"{100 * np.mean(mask):.0f} %"
    print("| table (ks, welch_t, fligner, psi, missing_rate, chisquare, frequency_order) "
          "| welch_t | ks | fligner | missing | chisq, freq (10 cat.) | binary (2 cat.) "
          "| mean +0.2 sd, 300 | 2 categories, 300 | two modes, 300 | two modes, 1,000 |")
    print("|---|" + "---:|" * 10)
    for name, table in tables.items():
        ten, two = effective(table)
        level = lambda w: ALPHA * w / 33
        shape = {rows: (sim[f"ks{rows}"] < level(ten["ks"])) | (sim[f"fligner{rows}"] < level(ten["fligner"]))
                 for rows in (300, 1000)}
        print(f"| {name} {'' if table is None else table} | {ten['welch_t']:.2f} | {ten['ks']:.2f} | {ten['fligner']:.2f} | "
              f"{ten['missing_rate']:.2f} | {ten['chisquare']:.2f}, {ten['frequency_order']:.2f} | {two:.2f} | "
              f"{pct(sim['mean300'] < level(ten['welch_t']))} | "
              f"{pct(sim['binary300'] < ALPHA * two / 25)} | {pct(shape[300])} | {pct(shape[1000])} |")


if __name__ == "__main__":
    main()
