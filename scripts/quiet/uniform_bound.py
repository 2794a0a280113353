#!/usr/bin/env python3
"""How much power ANY test can have for "10 % of mass moved" on equally likely categories.

The quiet study (docs/decision-rule-table.md) plants this change on a feature with k equally
likely categories: the first k/2 categories lose a fifth of their share, the other k/2 gain a
fifth (shares 0.8/k and 1.2/k; total variation distance 0.1). Category labels carry no meaning
to a drift monitor, so a sound test treats every relabelling alike (it is label-invariant); its
power is then the same for every choice of which half gains, and so it is at most the power of
the most powerful test of "uniform" against the MIXTURE of all those alternatives (the half drawn
at random), by the Neyman-Pearson lemma. This script computes that bound by seeded simulation,
at a per-feature false-alarm level of 2 % (the whole window's budget spent on one feature, more
than any rule over twelve features can give it), and beside it the power of:

- the pooled chi-square the default rule uses, two-sample against a baseline of 50,000 rows
  (categories merged in order of falling column total until each group expects 10 rows on the
  smaller side), with its asymptotic p-value, on the study's split and on a half drawn at random
  (ties in column totals are broken in category order, which favours the study's split), and
- the sparse-regime statistic of the identity-testing literature (Paninski 2008; Chan,
  Diakonikolas, Valiant and Valiant 2014; Valiant and Valiant 2017), sum over categories of
  ((X_i - n p_i)^2 - X_i) / p_i, with its null calibrated by simulation from the shares.

The bound and the sparse statistic treat the baseline's shares as known (its 50,000 rows make
them nearly exact), which only helps them: the bound holds a fortiori for the two-sample case.

    python3 scripts/quiet/uniform_bound.py [--null 4000] [--tight-null 24000] [--alt 1000]

(`make quiet-bound`). Prints Markdown tables (docs/deciding-drift.md quotes them); seeded, so the
same numbers on any machine. The bound is also given at level 0.01 / 12, about what one feature
of a twelve-feature window gets under the default rule, where the 2 % bound is not already low.
It starts with the same bound for a mean shift of 0.2 sd on a normal feature, by formula.
"""
import argparse
import math

import numpy as np
from scipy import stats


def mixture_log_lr(counts, k, n):
    """log of E_S[prod_i (q_i / p_i)^x_i] over the half S drawn at random (uniform null).

    With w_i = 1.5^(x_i - n/k), prod over S of w_i = 1.5^(X_S - n/2), and the likelihood ratio
    is 0.8^n 1.5^(X_S) = 0.8^n 1.5^(n/2) 1.5^(X_S - n/2). The mean over all k/2-subsets of the
    product is the k/2-th elementary symmetric mean, built one category at a time:
    A_i(j) = (1 - j/i) A_{i-1}(j) + (j/i) w_i A_{i-1}(j-1).
    """
    half = k // 2
    base = n * math.log(0.8) + (n / 2) * math.log(1.5)
    w = np.power(1.5, counts - n / k)
    a = np.zeros((len(counts), half + 1))
    a[:, 0] = 1.0
    log_scale = np.zeros(len(counts))
    for i in range(1, k + 1):
        top = min(i, half)
        j = np.arange(1, top + 1)
        a[:, 1 : top + 1] = (1 - j / i) * a[:, 1 : top + 1] + (j / i) * w[:, i - 1 : i] * a[:, 0:top]
        biggest = a.max(axis=1)
        a /= biggest[:, None]
        log_scale += np.log(biggest)
    return base + log_scale + np.log(a[:, half])


def pooled_chisquare_p(baselines, targets, minimum=10.0):
    """The default rule's two-sample pooled chi-square (RareCategoryPooling, then Pearson).

    Categories in order of falling column total (baseline + target; ties in category order) are
    merged until each group expects `minimum` rows on the smaller side; p from the chi-square law.
    """
    out = np.empty(len(targets))
    for row, (b, t) in enumerate(zip(baselines, targets)):
        nb, nt = b.sum(), t.sum()
        scale = min(nb, nt) / (nb + nt)
        columns = b + t
        order = np.argsort(-columns, kind="stable")
        order = order[columns[order] > 0]
        gb, gt, pb, pt = 0, 0, [], []
        for i in order:
            gb += b[i]
            gt += t[i]
            if (gb + gt) * scale >= minimum:
                pb.append(gb)
                pt.append(gt)
                gb, gt = 0, 0
        if gb or gt:
            if pb:
                pb[-1] += gb
                pt[-1] += gt
            else:
                pb.append(gb)
                pt.append(gt)
        table = np.array([pb, pt], dtype=float)
        if table.shape[1] < 2:
            out[row] = 1.0
            continue
        expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0) / table.sum()
        chi = ((table - expected) ** 2 / expected).sum()
        out[row] = stats.chi2.sf(chi, table.shape[1] - 1)
    return out


def centred(counts, k, n):
    p = 1.0 / k
    return (((counts - n * p) ** 2 - counts) / p).sum(axis=1)


def numeric_bounds(level_window, features):
    """Mean +0.2 sd on a normal feature: the z-test that knows sigma (the best there is).

    One-sided at the whole window's level (it also knows the direction and the feature), and
    two-sided at the window's level split over the features (it knows neither).
    """
    rows = []
    for n in [50, 300, 1000]:
        shift = 0.2 * math.sqrt(n)
        oracle = stats.norm.sf(stats.norm.isf(level_window) - shift)
        z = stats.norm.isf(level_window / features / 2)
        blind = stats.norm.sf(z - shift) + stats.norm.cdf(-z - shift)
        rows.append((n, oracle, blind))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--null", type=int, default=4000)
    parser.add_argument("--tight-null", type=int, default=24000)
    parser.add_argument("--alt", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--baseline", type=int, default=50000)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    level = 0.02
    tight = 0.01 / 12
    print("Mean +0.2 sd on a normal feature, z-test with known sigma:\n")
    print("| rows | knows feature and direction, level 2 % | two-sided, level 0.01 / 12 |")
    print("|---:|---:|---:|")
    for n, oracle, blind in numeric_bounds(level, 12):
        print(f"| {n} | {100 * oracle:.0f} % | {100 * blind:.0f} % |")
    print("\n10 % of mass moved on k equally likely categories (power in % of windows):\n")
    print("| categories | rows | bound, level 2 % | bound, level 0.01 / 12 | pooled chi-square, 2 % "
          "| same, half drawn at random | centred sparse statistic, 2 % |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for k, n in [(2, 300), (10, 300), (30, 300), (30, 1000), (200, 1000), (200, 3000),
                 (1000, 1000), (1000, 3000)]:
        shares = np.r_[np.full(k // 2, 0.8 / k), np.full(k - k // 2, 1.2 / k)]
        alt = rng.multinomial(n, shares / shares.sum(), size=args.alt)
        lr_alt = mixture_log_lr(alt, k, n)
        null = rng.multinomial(n, np.full(k, 1.0 / k), size=args.null)
        bound = (lr_alt > np.quantile(mixture_log_lr(null, k, n), 1 - level)).mean()
        if k <= 200:
            wide = rng.multinomial(n, np.full(k, 1.0 / k), size=args.tight_null)
            tight_bound = (lr_alt > np.quantile(mixture_log_lr(wide, k, n), 1 - tight)).mean()
            tight_text = f"{100 * tight_bound:.0f} %"
        else:
            tight_text = "-"
        baselines = rng.multinomial(args.baseline, np.full(k, 1.0 / k), size=args.alt)
        pooled = (pooled_chisquare_p(baselines, alt) < level).mean()
        shuffled = np.array([rng.multinomial(n, rng.permutation(shares / shares.sum()))
                             for _ in range(args.alt)])
        pooled_random = (pooled_chisquare_p(baselines, shuffled) < level).mean()
        sparse = (centred(alt, k, n) > np.quantile(centred(null, k, n), 1 - level)).mean()
        print(f"| {k} | {n} | {100 * bound:.0f} % | {tight_text} | {100 * pooled:.0f} % "
              f"| {100 * pooled_random:.0f} % | {100 * sparse:.0f} % |", flush=True)


if __name__ == "__main__":
    main()
