#!/usr/bin/env python3
"""`make bench`: the benchmarks of the closing notes, on this machine.

1. `driftwatch compare` (defaults: drift magnitude on, and --no-multivariate) and a pandas +
   scipy script on the same 1,000,000 x 20 files, --runs runs each (default 5; median): wall
   time, MB/s parsed, peak RSS and CPU use (over 100% means more than one core), each as a
   multiple of pandas + scipy and of `wc -l` on the same files, and whether both found the same
   drifted features.
2. The readers alone: CSV (both files) and JSON Lines (the baseline as .jsonl), MB/s.
3. The cost of calibrated thresholds: compare with every default test calibrated on 50 baseline
   chunks of 20,000 rows, against the plain compare.
4. The daemon's cost of one window of the same 1,000,000 x 20 data (driftwatch-bench window),
   against compare's wall time, and what the drift magnitude / reconstruction error add to a
   window's evaluation (driftwatch-bench magnitude: in-process, best and median of 5 runs).
5. `history` on a store holding a year of hourly windows x 50 features x 4 tests
   (driftwatch-bench history).
6. The idle daemon with 20 monitors: resident memory and CPU over 20 s of idling.

--quick runs only parts 1 and 2.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time


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



def median_run(cmd, runs):
    """The run with the median wall time of `runs` runs (its output, wall, RSS, CPU), and the
    largest peak RSS seen."""
    results = sorted((timed(cmd) for _ in range(runs)), key=lambda run: run[1])
    middle = results[len(results) // 2]
    return middle, max(run[2] for run in results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--driftwatch", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="compare and readers only")
    args = parser.parse_args()
    base = os.path.join(args.data, "baseline.csv")
    target = os.path.join(args.data, "target.csv")
    megabytes = (os.path.getsize(base) + os.path.getsize(target)) / 1e6
    here = os.path.dirname(os.path.abspath(__file__))
    compare = [args.driftwatch, "compare", base, target, "--format", "json", "--quiet"]
    runs = {
        "wc -l": ["wc", "-l", base, target],
        "driftwatch": compare,
        "--no-multivariate": compare + ["--no-multivariate"],
        "pandas+scipy": [sys.executable, os.path.join(here, "pandas_compare.py"), base, target],
    }
    found = {}
    walls = {}
    load = os.getloadavg()[0]
    print(f"data: {base}, {target} ({megabytes:.0f} MB together), {os.cpu_count()} cores, "
          f"load average {load:.2f} at start; median of {args.runs} runs")
    print(f"{'run':<19}{'wall s':>8}{'MB/s':>9}{'peak RSS MB':>13}{'CPU %':>7}{'CPU s':>7}"
          f"{'x pandas':>10}{'x wc -l':>9}")
    rows = []
    for name, cmd in runs.items():
        (out, seconds, _, cpu), rss = median_run(cmd, args.runs)
        walls[name] = seconds
        if name in ("driftwatch", "--no-multivariate"):
            doc = json.loads(out)
            found[name] = sorted(f["name"] for f in doc["features"] if f["drifted"])
        elif name == "pandas+scipy":
            found[name] = json.loads(out)["drifted"]
        rows.append((name, seconds, rss, cpu))
    for name, seconds, rss, cpu in rows:
        faster = walls["pandas+scipy"] / seconds
        slower = seconds / walls["wc -l"]
        print(f"{name:<19}{seconds:>8.2f}{megabytes / seconds:>9.0f}{rss:>13.0f}{cpu:>7}"
              f"{seconds * cpu / 100:>7.2f}{faster:>9.1f}x{slower:>8.1f}x")
    print("(x pandas: how many times faster than pandas + scipy; x wc -l: how many times the wall "
          "time of wc -l on the same files; CPU s: user + system time, over 1 core-second per "
          f"second when both cores work; load average now {os.getloadavg()[0]:.2f})")
    same = found["driftwatch"] == found["pandas+scipy"]
    print(f"drifted features: driftwatch {found['driftwatch']}; pandas+scipy {found['pandas+scipy']}"
          f" -> {'same' if same else 'DIFFERENT'}")
    print(f"targets: compare {walls['driftwatch']:.2f} s (<= 1.2 s), --no-multivariate "
          f"{walls['--no-multivariate']:.2f} s (<= 0.9 s), "
          f"{walls['pandas+scipy'] / walls['driftwatch']:.1f}x pandas + scipy (>= 20x)")
    bench = os.path.join(os.path.dirname(args.driftwatch), "driftwatch-bench")
    print()
    readers = [base, target]
    jsonl = os.path.join(args.data, "baseline.jsonl")
    if os.path.exists(jsonl):
        readers.append(jsonl)
    subprocess.run([bench, "read"] + readers + ["--runs", str(args.runs)], check=True)
    print("(targets: CSV >= 800 MB/s, JSON Lines >= 500 MB/s)")
    if args.quick:
        return
    compare_wall = walls["driftwatch"]
    calibration(compare, compare_wall)
    window(bench, args.data, compare_wall)
    print()
    subprocess.run([bench, "magnitude", "--baseline", base, "--target", target], check=True)
    print()
    subprocess.run([bench, "history"], check=True)
    print()
    idle(args.driftwatch)


def calibration(compare, compare_wall):
    """Cost of calibrated thresholds: compare with every default test calibrated on 50 baseline
    chunks of 20,000 rows (each against the other 980,000), against the plain compare."""
    cmd = compare + ["--calibrate", "all", "--chunk-rows", "20000"]
    best = min((timed(cmd) for _ in range(2)), key=lambda run: run[1])
    doc = json.loads(best[0])
    calibrated = sum(1 for f in doc["features"] for t in f["tests"]
                     if (t["threshold"] or {}).get("calibrated"))
    print(f"calibrated compare (50 chunks x 20 features, {calibrated} bands): {best[1]:.2f} s, "
          f"{best[1] - compare_wall:.2f} s more than compare, peak RSS {best[2]:.0f} MB")


def window(bench, data, compare_wall):
    print()
    config = os.path.abspath(os.path.join(data, "daemon.yaml"))
    db = os.path.abspath(os.path.join(data, "bench.db"))
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    with open(config, "w") as f:
        f.write(f"""storage: {{ path: {db} }}
monitors:
  - name: bench
    baseline: {{ path: {os.path.abspath(os.path.join(data, 'baseline.csv'))} }}
    target: {{ files: {os.path.abspath(os.path.join(data, 'target.csv'))}, timestamp_column: ts }}
    schedule: {{ window: 1d, min_rows: 1, catch_up: 1 }}
""")
    out = subprocess.run([bench, "window", "--config", config, "--monitor", "bench", "--from",
                          "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z"],
                         capture_output=True, text=True, check=True).stdout
    print(out, end="")
    best = float(re.search(r"warm evaluation, best ([\d.]+) s", out).group(1))
    print(f"window vs compare: {best:.2f} s vs {compare_wall:.2f} s = {best / compare_wall:.2f}x (target <= 1.5x)")


def monitors_config(folder, target_files, schedule, count=20):
    """Writes FOLDER/driftwatch.yaml: `count` monitors of the repository's credit baseline on
    `target_files` with `schedule` (a YAML flow mapping), stored in FOLDER; returns its path."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    config = os.path.join(folder, "driftwatch.yaml")
    with open(config, "w") as f:
        f.write(f"storage: {{ path: {folder}/driftwatch.db }}\nmonitors:\n")
        for i in range(count):
            f.write(f"""  - name: model-{i:02d}
    baseline: {{ path: {root}/baselines/credit-baseline.csv }}
    target: {{ files: "{target_files}", timestamp_column: ts }}
    schedule: {schedule}
""")
    return config


def idle(driftwatch):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    folder = tempfile.mkdtemp(prefix="driftwatch-idle-")
    config = monitors_config(folder, f"{root}/baselines/inference/*.csv",
                             "{ window: 1h, delay: 10m, min_rows: 1, catch_up: 2 }")
    proc = subprocess.Popen([driftwatch, "serve", "--config", config, "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(8)  # start-up: profile 20 baselines (one file), first pass of every monitor

        def cpu_ticks():
            fields = open(f"/proc/{proc.pid}/stat").read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])

        def memory_mb(path, key):
            for line in open(f"/proc/{proc.pid}/{path}"):
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
            return 0.0

        def rss_mb():
            return memory_mb("status", "VmRSS")

        start_ticks, start = cpu_ticks(), time.time()
        time.sleep(20)
        used = (cpu_ticks() - start_ticks) / os.sysconf("SC_CLK_TCK")
        elapsed = time.time() - start
        print(f"idle daemon, 20 monitors: RSS {rss_mb():.1f} MB, CPU {100 * used / elapsed:.2f}% "
              f"over {elapsed:.0f} s (targets: < 40 MB, near 0%)")
        # Heap and stacks against mapped code and data of the binary and its libraries (file
        # pages, shared with other processes using the same libraries; PSS splits those).
        print(f"  of which anonymous {memory_mb('status', 'RssAnon'):.1f} MB, file-backed "
              f"{memory_mb('status', 'RssFile'):.1f} MB; PSS {memory_mb('smaps_rollup', 'Pss'):.1f} MB")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
