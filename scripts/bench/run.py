#!/usr/bin/env python3
"""`make bench`: time `driftwatch compare` and the pandas + scipy script on the same files.

Reports wall time, rows/s, MB/s parsed, peak RSS and CPU use (over 100% means more than one
core), best of --runs runs, and checks that both found the same drifted features.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def timed(cmd):
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    h = int(wall.group(1) or 0)
    seconds = h * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1)) / 1024
    cpu = re.search(r"Percent of CPU this job got: (\d+)%", proc.stderr).group(1)
    return proc.stdout, seconds, rss, int(cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--driftwatch", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base = os.path.join(args.data, "baseline.csv")
    target = os.path.join(args.data, "target.csv")
    megabytes = (os.path.getsize(base) + os.path.getsize(target)) / 1e6
    here = os.path.dirname(os.path.abspath(__file__))
    runs = {
        "driftwatch": [args.driftwatch, "compare", base, target, "--format", "json", "--quiet"],
        "pandas+scipy": [sys.executable, os.path.join(here, "pandas_compare.py"), base, target],
    }
    found = {}
    print(f"data: {base}, {target} ({megabytes:.0f} MB together), {os.cpu_count()} cores")
    print(f"{'tool':<14}{'wall s':>9}{'rows/s':>14}{'MB/s':>9}{'peak RSS MB':>13}{'CPU %':>8}")
    for name, cmd in runs.items():
        best = None
        for _ in range(args.runs if name == "driftwatch" else 1):
            out, seconds, rss, cpu = timed(cmd)
            if best is None or seconds < best[1]:
                best = (out, seconds, rss, cpu)
        out, seconds, rss, cpu = best
        doc = json.loads(out)
        if name == "driftwatch":
            rows = doc["baseline"]["rows"] + doc["target"]["rows"]
            found[name] = sorted(f["name"] for f in doc["features"] if f["drifted"])
        else:
            rows = sum(doc["rows"])
            found[name] = doc["drifted"]
        print(f"{name:<14}{seconds:>9.2f}{rows / seconds:>14,.0f}{megabytes / seconds:>9.1f}{rss:>13.0f}{cpu:>8}")
    same = found["driftwatch"] == found["pandas+scipy"]
    print(f"drifted features: driftwatch {found['driftwatch']}; pandas+scipy {found['pandas+scipy']}"
          f" -> {'same' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
