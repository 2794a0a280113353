#!/usr/bin/env python3
"""Generate the example data in baselines/: a credit-scoring model's training data and a target
batch of inference inputs with drift planted in known features.

Seeded: running it again writes byte-identical files. What drifts in the target, and how:
  income          mean up by about 25% (log-normal location +0.22)      -> numeric drift
  debt_to_income  missing share 2% -> 15%                                -> missing_rate drift
  region          a new region "south-east" takes 20% of the rows         -> categorical drift
  channel         mix moves from branch to mobile                          -> categorical drift
Unchanged: age, credit_score, loan_amount, num_accounts, employment_type, has_mortgage.

It also writes baselines/inference/: 72 hourly files of inference inputs (250 rows each) for
2026-11-01 to 2026-11-03 UTC, as a deployed model's logging would leave them. The first day
matches the baseline; drift (as above) runs from 2026-11-02T00:00Z to 2026-11-03T00:00Z, and the
third day is quiet again, so the daemon demo shows alerts firing and then resolving.

Usage: python3 scripts/make_examples.py [OUT_DIR]   (default: baselines/)
"""
import csv
import datetime as dt
import os
import sys

import numpy as np

SEED = 20261125
REGIONS = ["north", "south", "east", "west", "central"]
EMPLOYMENT = ["salaried", "self-employed", "contractor", "retired", "student"]
CHANNELS = ["branch", "web", "mobile", "partner"]
COLUMNS = ["ts", "age", "income", "credit_score", "loan_amount", "debt_to_income",
           "num_accounts", "employment_type", "region", "channel", "has_mortgage"]


def rows(rng, n, start, step_seconds, drift):
    age = np.clip(rng.normal(41, 12, n), 18, 90).round()
    income = rng.lognormal(10.8 + (0.22 if drift else 0.0), 0.45, n).round(2)
    score = np.clip(rng.normal(690, 60, n), 300, 850).round()
    loan = (rng.gamma(2.0, 6000, n) + 1000).round(-1)
    dti = rng.beta(2, 5, n).round(4)
    dti_missing = rng.random(n) < (0.15 if drift else 0.02)
    accounts = rng.poisson(4, n)
    employment = rng.choice(EMPLOYMENT, n, p=[0.62, 0.14, 0.1, 0.09, 0.05])
    if drift:
        region = rng.choice(REGIONS + ["south-east"], n, p=[0.2, 0.16, 0.16, 0.16, 0.12, 0.2])
        channel = rng.choice(CHANNELS, n, p=[0.1, 0.3, 0.5, 0.1])
    else:
        region = rng.choice(REGIONS, n, p=[0.25, 0.2, 0.2, 0.2, 0.15])
        channel = rng.choice(CHANNELS, n, p=[0.35, 0.3, 0.25, 0.1])
    mortgage = rng.random(n) < 0.38
    for i in range(n):
        ts = start + dt.timedelta(seconds=int(i * step_seconds))
        yield [
            ts.strftime("%Y-%m-%dT%H:%M:%SZ"), int(age[i]), f"{income[i]:.2f}", int(score[i]),
            int(loan[i]), "" if dti_missing[i] else f"{dti[i]:.4f}", int(accounts[i]),
            employment[i], region[i], channel[i], "true" if mortgage[i] else "false",
        ]


def write(path, data):
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        out.writerows(data)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "baselines"
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(SEED)
    train_start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    write(os.path.join(out_dir, "credit-baseline.csv"), rows(rng, 5000, train_start, 3600 * 24 * 90 / 5000, False))
    target_start = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    write(os.path.join(out_dir, "credit-target.csv"), rows(rng, 2000, target_start, 86400 / 2000, True))
    write(os.path.join(out_dir, "credit-stable.csv"), rows(rng, 2000, target_start, 86400 / 2000, False))
    inference = os.path.join(out_dir, "inference")
    os.makedirs(inference, exist_ok=True)
    for hour in range(48):
        start = target_start + dt.timedelta(hours=hour)
        name = start.strftime("credit-%Y-%m-%dT%H.csv")
        write(os.path.join(inference, name), rows(rng, 250, start, 3600 / 250, hour >= 24))
    # Day 3 (drawn after days 1 and 2, so their files stay byte-identical): quiet again.
    for hour in range(48, 72):
        start = target_start + dt.timedelta(hours=hour)
        name = start.strftime("credit-%Y-%m-%dT%H.csv")
        write(os.path.join(inference, name), rows(rng, 250, start, 3600 / 250, False))


if __name__ == "__main__":
    main()
