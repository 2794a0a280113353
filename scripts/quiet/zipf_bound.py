#!/usr/bin/env python3
"""How much power ANY test can have for "10 % of mass moved" on Zipf-shared categories.

Sibling of uniform_bound.py, for the quiet study's Zipf features (docs/decision-rule-table.md):
k categories with shares proportional to 1 / rank; the change (`PlantedChange.massMoved` in
Sources/DriftStats/Study/SyntheticFeature.swift) takes 10 % of the probability mass from the more
frequent half (the first k // 2 categories, total share F) and gives it to the rarer half (share
R = 1 - F), in proportion to their shares: p_i (1 - 0.1 / F) on the frequent half, p_i (1 + 0.1 / R)
on the rare half (total variation 0.1).

Unlike equal shares, the frequent half is a property of the baseline, not an arbitrary label, so
a monitor may in principle aim at it. The bound here is the most generous one there is: the
Neyman-Pearson test of this exact change against no change, with the baseline's shares known.
Its likelihood ratio, (1 - 0.1 / F)^X (1 + 0.1 / R)^(n - X) with X the window's rows in the
frequent half, falls as X grows, so the best test of all is the one-sided binomial test of X
(computed exactly, with the binomial law, no simulation). No test at all, label-blind or not,
whatever it knows, beats it on this change; a test that does not know the direction of the move
is bounded by the two-sided version (also exact). Beside them, by seeded simulation:

- the pooled chi-square the default rule uses (two-sample against a baseline of 50,000 rows,
  categories merged in order of falling column total until each group expects 10 rows on the
  smaller side; asymptotic p-value), at level 2 % and 0.01 / 12, to check that the simulation
  reproduces the study's measured power, and
- for 10 categories, the exact label-blind bound of uniform_bound.py carried over: the
  Neyman-Pearson test against the mixture of the same move from ANY half of the categories
  (a half drawn at random among all 252, each half's share scaled as the study scales the
  frequent half), summed over the 252 halves exactly. A test that treats every half alike has
  power at most this on at least one half. (For 30 or more categories the halves are too many to
  sum; the table leaves the cell empty rather than print an estimate that is not a bound.)

    python3 scripts/quiet/zipf_bound.py [--alt 4000] [--null 24000]

(`make quiet-bound` runs it after uniform_bound.py.) Seeded: the same numbers on any machine.
"""
import argparse
import itertools

import numpy as np
from scipy import stats

from uniform_bound import pooled_chisquare_p


def zipf(k):
    w = 1.0 / np.arange(1, k + 1)
    return w / w.sum()


def moved(shares, frequent):
    """The study's change: 10 % of mass from the categories in `frequent` (a boolean mask) to
    the others, in proportion to their shares."""
    f = shares[frequent].sum()
    return np.where(frequent, shares * (1 - 0.1 / f), shares * (1 + 0.1 / (1 - f)))


def binomial_bounds(n, f, f_alt, level):
    """Exact power of the one-sided (fewer rows in the frequent half) and two-sided binomial
    tests of the frequent half's share, at `level` (randomised at the boundary so the level is
    exact: the Neyman-Pearson test)."""
    null = stats.binom(n, f)
    alt = stats.binom(n, f_alt)
    # One-sided: reject X < c, and X = c with probability gamma.
    c = int(null.ppf(level))
    while null.cdf(c) > level:
        c -= 1
    # Now P0(X <= c) <= level < P0(X <= c + 1).
    gamma = (level - null.cdf(c)) / null.pmf(c + 1)
    one = alt.cdf(c) + gamma * alt.pmf(c + 1)
    # Two-sided: equal tails, each at level / 2, randomised likewise.
    half = level / 2
    lo = int(null.ppf(half))
    while lo >= 0 and null.cdf(lo) > half:
        lo -= 1
    g_lo = (half - null.cdf(lo)) / null.pmf(lo + 1)
    hi = int(null.isf(half))
    while null.sf(hi) > half:
        hi += 1
    while hi > 0 and null.sf(hi - 1) <= half:
        hi -= 1
    # P0(X > hi) <= half < P0(X > hi - 1).
    g_hi = (half - null.sf(hi)) / null.pmf(hi)
    two = alt.cdf(lo) + g_lo * alt.pmf(lo + 1) + alt.sf(hi) + g_hi * alt.pmf(hi)
    return one, two


def mixture_log_lr_exact(counts, shares):
    """log of the mean over all k/2-subsets S of the likelihood ratio of "mass moved from S"."""
    k = len(shares)
    halves = list(itertools.combinations(range(k), k // 2))
    logs = np.empty((len(halves), counts.shape[0]))
    log_p = np.log(shares)
    for row, half in enumerate(halves):
        mask = np.zeros(k, dtype=bool)
        mask[list(half)] = True
        logs[row] = counts @ (np.log(moved(shares, mask)) - log_p)
    top = logs.max(axis=0)
    return top + np.log(np.exp(logs - top).mean(axis=0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--alt", type=int, default=4000)
    parser.add_argument("--null", type=int, default=24000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--baseline", type=int, default=50000)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    loose, tight = 0.02, 0.01 / 12
    print("10 % of mass moved from the frequent half to the rare half of k Zipf categories "
          "(power in % of windows):\n")
    print("| categories | rows | frequent half's share | best test, knows the direction, 2 % "
          "| same, 0.01 / 12 | best two-sided test, 0.01 / 12 | label-blind bound, 2 % "
          "| same, 0.01 / 12 | pooled chi-square, 2 % | same, 0.01 / 12 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k, n in [(10, 300), (30, 300), (200, 300), (1000, 300), (10, 1000), (1000, 1000)]:
        shares = zipf(k)
        frequent = np.arange(k) < k // 2
        f = shares[frequent].sum()
        changed = moved(shares, frequent)
        one_loose, _ = binomial_bounds(n, f, changed[frequent].sum(), loose)
        one_tight, two_tight = binomial_bounds(n, f, changed[frequent].sum(), tight)
        alt = rng.multinomial(n, changed, size=args.alt)
        if k <= 10:
            null = rng.multinomial(n, shares, size=args.null)
            null_lr = mixture_log_lr_exact(null, shares)
            alt_lr = mixture_log_lr_exact(alt, shares)
            blind = [(alt_lr > np.quantile(null_lr, 1 - a)).mean() for a in (loose, tight)]
            blind_text = [f"{100 * b:.0f} %" for b in blind]
        else:
            blind_text = ["-", "-"]
        baselines = rng.multinomial(args.baseline, shares, size=args.alt)
        p = pooled_chisquare_p(baselines, alt)
        print(f"| {k} | {n} | {f:.3f} | {100 * one_loose:.0f} % | {100 * one_tight:.0f} % "
              f"| {100 * two_tight:.0f} % | {blind_text[0]} | {blind_text[1]} "
              f"| {100 * (p < loose).mean():.0f} % | {100 * (p < tight).mean():.0f} % |",
              flush=True)


if __name__ == "__main__":
    main()
