#!/usr/bin/env python3
"""Golden vectors for the frequency-order test (`frequency_order`, FrequencyOrderTest.swift).

Writes Tests/DriftStatsTests/Golden/frequency_order.json. Run from the repository root:

    python3 scripts/golden/frequency_order.py

scipy has no Cochran-Armitage test, so the reference is a second derivation, not the Swift
formula retyped: the 2 x k table is expanded into its N rows (side: 1 for a target row, 0 for a
baseline row; score: the category's mid-rank of falling column total, scipy.stats.rankdata), and
the Cochran-Armitage z with the permutation variance equals sqrt(N - 1) times the Pearson
correlation of side and score (scipy.stats.pearsonr), with the sign of the correlation: z > 0
when the target's rows sit in the rarer categories. p = 2 * scipy.stats.norm.sf(|z|).

Cases: random tables of 3-60 categories (Zipf-like and flat shares, some categories empty on one
or both sides, some unseen in the baseline, tied column totals), two categories, and the
degenerate cases the Swift code defines (every column total equal, one category: z = 0, p = 1).
"""
import json
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261206)


def reference(baseline, target):
    b = np.asarray(baseline)
    t = np.asarray(target)
    columns = b + t
    keep = columns > 0
    b, t, columns = b[keep], t[keep], columns[keep]
    scores = stats.rankdata(-columns)  # mid-ranks; 1 = the largest column total
    if len(np.unique(scores)) < 2:
        return 0.0, 1.0
    side = np.concatenate([np.zeros(b.sum()), np.ones(t.sum())])
    score = np.concatenate([np.repeat(scores, b), np.repeat(scores, t)])
    r = stats.pearsonr(side, score).statistic
    z = float(r * np.sqrt(len(side) - 1))
    return z, float(2 * stats.norm.sf(abs(z)))


def case(baseline, target, note):
    z, p = reference(baseline, target)
    return {"note": note, "baseline": [int(x) for x in baseline],
            "target": [int(x) for x in target], "statistic": z, "pvalue": p}


def main():
    cases = []
    for index in range(24):
        k = int(rng.integers(3, 61))
        if index % 2 == 0:
            shares = 1.0 / np.arange(1, k + 1)
        else:
            shares = np.ones(k)
        shares = shares / shares.sum()
        n_b = int(rng.integers(200, 4000))
        n_t = int(rng.integers(20, 1500))
        b = rng.multinomial(n_b, shares)
        # Some windows moved: mass from the frequent half to the rare half or back.
        tilt = rng.choice([0.0, 0.1, -0.1])
        half = k // 2
        f = shares[:half].sum()
        moved = np.concatenate([shares[:half] * (1 - tilt / f), shares[half:] * (1 + tilt / (1 - f))])
        t = rng.multinomial(n_t, moved)
        if index % 3 == 0:
            b[-1] = 0  # a category the baseline never had
        if index % 5 == 0:
            b[k // 3] = 0
            t[k // 3] = 0  # a category neither side has
        cases.append(case(b, t, f"random k={k} tilt={tilt}"))
    cases.append(case([50, 50, 30, 30, 10], [5, 15, 3, 9, 8], "tied column totals"))
    cases.append(case([700, 300], [40, 60], "two categories"))
    cases.append(case([10, 20, 30], [20, 10, 0], "every column total equal"))
    cases.append(case([0, 100, 0], [0, 7, 0], "one category"))
    cases.append(case([900, 80, 15, 5], [10, 30, 30, 30], "target flattened"))
    cases.append(case([400, 300, 200, 100], [100, 0, 0, 0], "target concentrated on the top"))
    path = os.path.join("Tests", "DriftStatsTests", "Golden", "frequency_order.json")
    with open(path, "w") as out:
        # One case per line: readable diffs without a line per count.
        out.write('{"cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n]}\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
