"""The idle daemon's memory right after monitor passes, not only at the quiet moment.

`run.idle` measures `serve` with 20 monitors whose hourly windows hold no new data: after start-up
no window is due (each monitor still wakes every 30 s tick to look). This starts the same 20
monitors on one-minute windows over a target file whose rows are stamped around the current time,
so every minute each monitor evaluates a window of real rows (about 90 rows per window), and
samples the daemon's memory 2 s and 20 s after each minute boundary.

    python3 scripts/bench/idle_pass.py PATH/TO/driftwatch [PASSES]
"""
import csv, datetime, os, shutil, signal, subprocess, sys, tempfile, time

import run

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def status(pid, key, path="status"):
    for line in open(f"/proc/{pid}/{path}"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(driftwatch, passes):
    folder = tempfile.mkdtemp(prefix="driftwatch-idle-pass-")
    source = os.path.join(ROOT, "baselines/inference")
    rows = []
    for name in sorted(os.listdir(source))[:12]:
        with open(os.path.join(source, name)) as f:
            reader = csv.reader(f)
            header = next(reader)
            rows.extend(reader)
    # Rows spread evenly from 3 minutes before now to `passes` + 2 minutes after.
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    start = now - datetime.timedelta(minutes=3)
    span = (passes + 5) * 60
    target = os.path.join(folder, "target.csv")
    with open(target, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i, row in enumerate(rows):
            stamp = start + datetime.timedelta(seconds=span * i / len(rows))
            writer.writerow([stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")] + row[1:])
    config = run.monitors_config(folder, target, "{ window: 1m, delay: 0s, min_rows: 1, catch_up: 2 }")
    proc = subprocess.Popen([driftwatch, "serve", "--config", config, "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    def line(label):
        print(f"{label}: RSS {status(proc.pid, 'VmRSS'):.1f} MB, anonymous "
              f"{status(proc.pid, 'RssAnon'):.1f} MB, file-backed "
              f"{status(proc.pid, 'RssFile'):.1f} MB, peak {status(proc.pid, 'VmHWM'):.1f} MB",
              flush=True)

    try:
        for n in range(passes + 1):
            # 2 s after the next minute boundary the pass of the window that just closed is over
            # (20 windows of ~90 rows); 20 s after it the daemon is quiet again.
            time.sleep(60 - time.time() % 60 + 2)
            if n == 0:
                continue  # the first boundary can fall inside start-up
            line(f"pass {n} + 2 s")
            time.sleep(18)
            line(f"pass {n} + 20 s")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    import sqlite3
    db = sqlite3.connect(f"{folder}/driftwatch.db")
    print("stored runs (status, windows, rows):",
          db.execute("select status, count(*), sum(rows) from runs group by status").fetchall())
    db.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2)
