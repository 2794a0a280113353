#!/usr/bin/env python3
"""Which one-degree-of-freedom frequency-order test joins the default categorical family.

The default rule's pooled chi-square spreads its power over every category; a drift that moves
mass between the frequent and the rare categories (the distribution getting flatter or more
concentrated) is one direction among k - 1. zipf_bound.py shows that a test aimed at the
frequency order reaches 73-96 % where the chi-square reaches 42-46 % (Zipf shares, 300 rows,
0.01 / 12). This script compares the candidates by seeded simulation on the study's cells
(docs/decision-rule-table.md; baseline 50,000 rows; the change is PlantedChange.massMoved:
10 % of mass from the more frequent half of the categories to the rarer half in proportion to
their shares). Every candidate orders categories by the POOLED column totals (baseline + target),
never by the baseline's counts alone: given the margins, the split of each column between the
sides does not depend on the shares, so a statistic built on that order keeps its level.

- half2x2: the 2 x 2 table "top categories by pooled count, up to half the pooled mass" against
  the rest, Pearson chi-square (1 df) = squared two-proportion z.
- trend_rank: Cochran-Armitage trend test over categories in falling pooled count, score = rank
  (mid-ranks for tied totals), permutation variance given the margins, normal law.
- trend_sqrt_rank, trend_log_share, trend_ridit: the same with score = square root of the rank,
  log of the pooled share, or ridit (pooled mass before the category plus half its own).

Picked: trend_rank (`frequency_order`), the most power on every Zipf cell of 10 or more
categories, the level of the others (docs/deciding-drift.md, "The frequency-order test").

Power and level are printed at 0.01 / 33 (one member's Bonferroni share of the study's window
family with the new test in it: 25 + 8) and at 0.01 / 12.

    python3 scripts/quiet/frequency_order.py [--windows 1000] [--null 4000]   (about 2 minutes)
    python3 scripts/quiet/frequency_order.py --tail 20000   (the chosen test's null tail, 50-1,000
        rows, 3-1,000 categories: how far the normal law of z is off in the far tail; ~2 minutes)
"""
import argparse

import numpy as np
from scipy import stats

from uniform_bound import pooled_chisquare_p


def zipf(k):
    w = 1.0 / np.arange(1, k + 1)
    return w / w.sum()


def moved(shares):
    half = len(shares) // 2
    f = shares[:half].sum()
    return np.concatenate([shares[:half] * (1 - 0.1 / f), shares[half:] * (1 + 0.1 / (1 - f))])


def order_of(columns):
    """Falling pooled total; ties in category order (a fixed rule: the Swift code uses label
    bytes, and the study's labels c0, c1, ... sort the same way for k <= 10; for more the tie
    rule only permutes tied categories, which all candidates treat alike or nearly)."""
    return np.argsort(-columns, kind="stable")


def half2x2_p(b, t):
    columns = b + t
    order = order_of(columns)
    order = order[columns[order] > 0]
    if len(order) <= 2:
        return 1.0
    total = columns.sum()
    cum = np.cumsum(columns[order])
    # Top categories while their running total stays at or below half the pooled mass; at least one.
    top = max(1, int(np.searchsorted(cum, total / 2, side="right")))
    if top >= len(order):
        top = len(order) - 1
    sel = order[:top]
    table = np.array([[b[sel].sum(), b.sum() - b[sel].sum()], [t[sel].sum(), t.sum() - t[sel].sum()]],
                     dtype=float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0) / table.sum()
    chi = ((table - expected) ** 2 / expected).sum()
    return stats.chi2.sf(chi, 1)


def trend_p(b, t, scoring):
    columns = (b + t).astype(float)
    keep = columns > 0
    if keep.sum() <= 2:
        return 1.0
    c, tt = columns[keep], t[keep].astype(float)
    rank = stats.rankdata(-c)  # mid-ranks: rank 1 = most frequent
    if scoring == "rank":
        s = rank
    elif scoring == "sqrt":
        s = np.sqrt(rank)
    elif scoring == "log":
        s = np.log(c / c.sum())
    else:  # ridit: the pooled mass before the category plus half its own
        order = np.argsort(-c, kind="stable")
        s = np.empty_like(c)
        s[order] = (np.cumsum(c[order]) - c[order] / 2) / c.sum()
    n_total, n_t = c.sum(), tt.sum()
    mean = (c * s).sum() / n_total
    var_s = (c * (s - mean) ** 2).sum() / n_total
    if var_s <= 0:
        return 1.0
    z = ((s - mean) * tt).sum() / np.sqrt(n_t * (n_total - n_t) / (n_total - 1) * var_s)
    return 2 * stats.norm.sf(abs(z))


CANDIDATES = {
    "half2x2": half2x2_p,
    "trend_rank": lambda b, t: trend_p(b, t, "rank"),
    "trend_sqrt_rank": lambda b, t: trend_p(b, t, "sqrt"),
    "trend_log_share": lambda b, t: trend_p(b, t, "log"),
    "trend_ridit": lambda b, t: trend_p(b, t, "ridit"),
}


def null_tail(rng, windows, baseline):
    """Stable windows only: the share of p-values of trend_rank below 0.0003, 0.001 and 0.01."""
    print("| shares | k | rows | p < 0.0003 | p < 0.001 | p < 0.01 |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in ("zipf", "uniform"):
        for k in (3, 10, 30, 200, 1000):
            for n in (50, 300, 1000):
                shares = zipf(k) if kind == "zipf" else np.full(k, 1.0 / k)
                base = rng.multinomial(baseline, shares, size=windows)
                targ = rng.multinomial(n, shares, size=windows)
                p = np.array([trend_p(b, t, "rank") for b, t in zip(base, targ)])
                print(f"| {kind} | {k} | {n} | {100 * (p < 3e-4).mean():.3f} % "
                      f"| {100 * (p < 1e-3).mean():.3f} % | {100 * (p < 0.01).mean():.2f} % |",
                      flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--windows", type=int, default=1000)
    parser.add_argument("--null", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--baseline", type=int, default=50000)
    parser.add_argument("--tail", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    if args.tail:
        null_tail(rng, args.tail, args.baseline)
        return
    levels = [0.01 / 33, 0.01 / 12]
    names = list(CANDIDATES) + ["chisquare"]
    print("Power (10 % of mass moved) and level (stable) in % of windows, at 0.01 / 33 and 0.01 / 12:\n")
    print("| shares | k | rows | " + " | ".join(f"{n} power" for n in names) + " | "
          + " | ".join(f"{n} level" for n in names) + " |")
    print("|---|---:|---:|" + "---:|" * (2 * len(names)))
    for kind in ("zipf", "uniform"):
        for k in (10, 30, 200, 1000):
            for n in (300, 1000):
                shares = zipf(k) if kind == "zipf" else np.full(k, 1.0 / k)
                cells = []
                for law, windows in ((moved(shares), args.windows), (shares, args.null)):
                    base = rng.multinomial(args.baseline, shares, size=windows)
                    targ = rng.multinomial(n, law, size=windows)
                    ps = {name: np.array([f(b, t) for b, t in zip(base, targ)])
                          for name, f in CANDIDATES.items()}
                    ps["chisquare"] = pooled_chisquare_p(base, targ)
                    cells.append(ps)
                power = " | ".join("/".join(f"{100 * (cells[0][m] < a).mean():.0f}" for a in levels)
                                   for m in names)
                level = " | ".join("/".join(f"{100 * (cells[1][m] < a).mean():.2f}" for a in levels)
                                   for m in names)
                print(f"| {kind} | {k} | {n} | {power} | {level} |", flush=True)


if __name__ == "__main__":
    main()
