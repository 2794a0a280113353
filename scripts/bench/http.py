#!/usr/bin/env python3
"""HTTP listener figures (docs/http.md): serve's idle RSS with the listener on, and API latency
(p50/p99 with 8 concurrent clients, measured by wrk) over a store of one year of hourly windows
x 50 features x 4 tests built by `driftwatch-bench history --keep`.

Usage: http.py --driftwatch .build/release/driftwatch --bench .build/release/driftwatch-bench
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--driftwatch", required=True)
    parser.add_argument("--bench", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("http.py needs wrk (apt-get install wrk)")

    out = subprocess.run(
        [args.bench, "history", "--keep"], check=True, capture_output=True, text=True
    ).stdout
    db = re.search(r"file (\S+)", out).group(1)
    folder = tempfile.mkdtemp(prefix="driftwatch-http-bench-")
    os.makedirs(os.path.join(folder, "empty"))
    port = free_port()
    config = os.path.join(folder, "driftwatch.yaml")
    with open(config, "w") as f:
        f.write(
            f"""storage: {{ path: {db} }}
http: {{ listen: 127.0.0.1:{port} }}
monitors:
  - name: bench
    baseline: {{ path: {ROOT}/baselines/credit-baseline.csv }}
    target: {{ files: "{folder}/empty/*.csv", timestamp_column: ts }}
    schedule: {{ window: 1h, catch_up: 1 }}
"""
        )
    # Just after the last stored window (2024-12-30T23:00Z + 1h): nothing new is due.
    serve = subprocess.Popen(
        [args.driftwatch, "serve", "--config", config, "--now", "2024-12-31T00:05:00Z",
         "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(3)
        print(f"serve idle RSS with the listener on: {rss_mib(serve.pid):.1f} MiB")
        queries = {
            "history, 1 feature x 1 test, a year, page of 5000":
                "/api/v1/monitors/bench/history?feature=feature_17&test=ks"
                "&since=2024-01-01&until=2025-01-01&limit=5000",
            "history, 1 feature, a year, default page (500)":
                "/api/v1/monitors/bench/history?feature=feature_17&since=2024-01-01",
            "dataset history, a year, page of 5000":
                "/api/v1/monitors/bench/dataset-history?since=2024-01-01&limit=5000",
            "monitors (status)": "/api/v1/monitors",
            "metrics (1 monitor x 50 x 4)": "/metrics",
        }
        for name, path in queries.items():
            result = subprocess.run(
                ["wrk", "-t8", "-c8", f"-d{args.seconds}s", "--latency", base + path],
                check=True, capture_output=True, text=True,
            ).stdout
            p50 = re.search(r"50%\s+(\S+)", result).group(1)
            p99 = re.search(r"99%\s+(\S+)", result).group(1)
            rate = re.search(r"Requests/sec:\s+(\S+)", result).group(1)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
            print(f"  {name}: p50 {p50}, p99 {p99}, {rate} req/s (8 clients)"
                  + (f", {errors.group(1)} errors" if errors else ""))
        print(f"serve RSS after the load: {rss_mib(serve.pid):.1f} MiB")
    finally:
        serve.terminate()
        serve.wait()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(os.path.dirname(db), ignore_errors=True)


if __name__ == "__main__":
    main()
