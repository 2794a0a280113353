#!/usr/bin/env python3
"""The hand-computed calibrated-threshold example of Tests/DriftStatsTests/CalibrationTests.swift.

Run from the repository root: python3 scripts/golden/calibration_example.py

Baseline: 15 values in file order, cut into 5 contiguous chunks of 3 rows. Numeric bins: 2
(binCount 2), so the only edge is the baseline median, 8; bins are left-closed:
bin 0 = (-inf, 8), bin 1 = [8, inf). The whole baseline has 7 values below 8 and 8 at or above.

Each chunk is compared with the rest of the baseline (12 rows), the rest as the baseline side:
- PSI on the whole baseline's bins: rest counts = (7, 8) - chunk counts.
  sum over bins of (q - p) * ln(q / p), p = rest share, q = chunk share.
- KS: D = max |F_rest(x) - F_chunk(x)| over the pooled values.

Then mean and SAMPLE standard deviation (ddof 1) of the 5 chunk statistics, and the band
mean + 3 * std (one-sided: both are distances that grow with the difference).

By hand, PSI: chunks 1-3 each hold 1 value below 8 and 2 above, rest (6, 6):
  (1/3 - 1/2) ln((1/3)/(1/2)) + (2/3 - 1/2) ln((2/3)/(1/2)) = (1/6) ln 2 = 0.115524530...
chunks 4-5 hold 2 below and 1 above, rest (5, 7):
  (2/3 - 5/12) ln((2/3)/(5/12)) + (1/3 - 7/12) ln((1/3)/(7/12)) = (1/4) ln 2.8 = 0.257404845...
mean = (3 a + 2 b) / 5; std = sqrt((3 (a - mean)^2 + 2 (b - mean)^2) / 4).

The script checks its own KS against scipy.stats.ks_2samp and prints every number the test uses.
"""
import math

from scipy import stats

BASELINE = [3, 9, 14, 1, 8, 12, 5, 10, 15, 2, 7, 11, 4, 6, 13]
CHUNK = 3
EDGE = 8  # median of 1..15
SIGMA = 3
EPSILON = 1e-4


def psi(base_counts, target_counts):
    nb, nt = sum(base_counts), sum(target_counts)
    total = 0.0
    for b, t in zip(base_counts, target_counts):
        p = b / nb if b else EPSILON
        q = t / nt if t else EPSILON
        total += (q - p) * math.log(q / p)
    return max(total, 0.0)


def ks(base, target):
    points = sorted(set(base + target))
    return max(
        abs(sum(v <= x for v in base) / len(base) - sum(v <= x for v in target) / len(target))
        for x in points)


def counts(values):
    return [sum(v < EDGE for v in values), sum(v >= EDGE for v in values)]


def band(values):
    mean = sum(values) / len(values)
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    return mean, std, mean + SIGMA * std


full = counts(BASELINE)
psis, kss = [], []
for start in range(0, len(BASELINE), CHUNK):
    chunk = BASELINE[start:start + CHUNK]
    rest = BASELINE[:start] + BASELINE[start + CHUNK:]
    chunk_counts = counts(chunk)
    rest_counts = [f - c for f, c in zip(full, chunk_counts)]
    psis.append(psi(rest_counts, chunk_counts))
    d = ks(rest, chunk)
    assert abs(d - stats.ks_2samp(rest, chunk).statistic) < 1e-15
    kss.append(d)
    print(f"chunk {chunk}: rest bins {rest_counts}, chunk bins {chunk_counts}, "
          f"psi {psis[-1]!r}, ks {d!r}")
assert abs(psis[0] - math.log(2) / 6) < 1e-15 and abs(psis[3] - math.log(2.8) / 4) < 1e-15
for name, values in (("psi", psis), ("ks", kss)):
    mean, std, upper = band(values)
    print(f"{name}: mean {mean!r} std {std!r} upper {upper!r}")
for window in ([1, 9, 10], [1, 2, 3], [13, 14, 15]):
    print(f"window {window}: psi {psi(full, counts(window))!r} ks {ks(BASELINE, window)!r}")
