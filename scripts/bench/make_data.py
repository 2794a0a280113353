#!/usr/bin/env python3
"""Benchmark data: baseline.csv and target.csv, 1,000,000 rows x 20 features each
(15 numeric, 5 categorical) plus a timestamp `ts` (the target's rows all fall on 2026-01-01 UTC,
one daily window for the daemon benchmark), seeded. Drift is planted in num_00..num_02 and
cat_0 of the target. Floats are written as Python and numpy write them by default: the shortest
text that reads back to the same double (mostly 16-17 significant digits), about 276 MB a file.
Also writes baseline.jsonl (the baseline as JSON Lines) for the JSON Lines reader benchmark.

Usage: python3 scripts/bench/make_data.py OUT_DIR [ROWS]
"""
import os
import sys

import numpy as np
import pandas as pd

SEED = 7


def frame(rng, n, drift):
    data = {}
    start = np.datetime64("2025-01-01T00:00:00") if not drift else np.datetime64("2026-01-01T00:00:00")
    seconds = np.sort(rng.integers(0, 86400, n))
    data["ts"] = np.datetime_as_string(start + seconds.astype("timedelta64[s]"), unit="s").astype(object) + "Z"
    for i in range(15):
        shift = 0.15 if drift and i < 3 else 0.0
        if i % 3 == 0:
            values = rng.normal(100 + 10 * i + shift * 10, 10 + i, n)
        elif i % 3 == 1:
            values = rng.lognormal(3 + shift, 0.5, n)
        else:
            values = rng.gamma(2 + i / 5, 3 * (1 + shift), n)
        missing = rng.random(n) < 0.01
        values[missing] = np.nan
        data[f"num_{i:02d}"] = values
    for i in range(5):
        k = [5, 8, 12, 20, 50][i]
        labels = np.array([f"c{i}_{j}" for j in range(k)])
        p = np.linspace(1, 2, k)
        if drift and i == 0:
            p = p[::-1]
        data[f"cat_{i}"] = rng.choice(labels, n, p=p / p.sum())
    return pd.DataFrame(data)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(SEED)
    for name, drift in (("baseline", False), ("target", True)):
        path = os.path.join(out, f"{name}.csv")
        df = frame(rng, n, drift)
        # float_format=None: pandas writes repr(float), the shortest round-trip text.
        df.to_csv(path, index=False)
        print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB)")
        if not drift:
            jsonl = os.path.join(out, f"{name}.jsonl")
            # double_precision=15 is pandas' maximum and not round-trip; write repr() instead.
            with open(jsonl, "w") as handle:
                columns = list(df.columns)
                for row in df.itertuples(index=False):
                    fields = []
                    for column, value in zip(columns, row):
                        if isinstance(value, float):
                            text = "null" if value != value else repr(value)
                        else:
                            text = '"' + value + '"'
                        fields.append(f'"{column}":{text}')
                    handle.write("{" + ",".join(fields) + "}\n")
            print(f"wrote {jsonl} ({os.path.getsize(jsonl) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
