#!/usr/bin/env python3
"""`make bench-postgres`: one window of 10,000,000 rows x 20 features in PostgreSQL 15.

Starts its own servers (initdb in temporary folders, loopback ports, run as the postgres user;
never a system service): one plain server, and a sharded set of three (a coordinator whose
table is hash-partitioned on `bucket` into postgres_fdw foreign tables on two shard servers,
enable_partitionwise_aggregate on). Loads the same seeded window into both (15 numeric
double-precision features at full precision, 5 categorical, a timestamp, the partition key
`bucket`; rows made by a seeded numpy generator and loaded with binary COPY FROM STDIN) and a
1,000,000-row baseline CSV from another seed of the same generator, then times:

  driftwatch run-once, mode: pull       one window, plain server and sharded set (release build)
  driftwatch run-once, mode: pushdown   the same, when this build's config accepts the mode
  pandas read_sql + scipy               the same window, KS per numeric and chi-square per
                                        categorical feature against the baseline

Bytes received are counted by a TCP relay between the client and the server (a separate run of
each client through the relay, so the timed runs are direct): the bytes the server sent.

Usage: scripts/bench/postgres.py --driftwatch .build/release/driftwatch [--rows N] [--runs R]
"""
import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np

PG = "/usr/lib/postgresql/15/bin"
NUMERIC = [f"x{i:02d}" for i in range(15)]
CATEGORICAL = [f"c{i}" for i in range(5)]
START = 1_795_564_800  # 2026-11-25T00:00:00Z: the window is [START, START + 3600)
COLUMNS = (["ts timestamptz", "bucket int"] + [f"{n} float8" for n in NUMERIC]
           + [f"{c} text" for c in CATEGORICAL])
PASSWORD = "bench-only-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(*args, stdin=None, capture=True):
    cmd = ["runuser", "-u", "postgres", "--"] + list(args)
    return subprocess.run(cmd, input=stdin, capture_output=capture, check=True, cwd="/tmp")


class Server:
    """A PostgreSQL 15 server in a temporary folder on a free loopback port."""

    def __init__(self, settings=(), folder=None, port=None):
        """A new server in a temporary folder, or the one already in `folder` (made by an
        earlier run with --data-dir, on its `port`), which stop() then keeps."""
        self.keep = folder is not None
        if folder and os.path.exists(f"{folder}/data/PG_VERSION"):
            self.folder, self.port = folder, port
            return
        if folder:
            os.makedirs(folder, exist_ok=True)
            self.folder = folder
        else:
            self.folder = tempfile.mkdtemp(prefix="driftwatch-bench-pg-")
        shutil.chown(self.folder, "postgres", "postgres")
        self.port = port or free_port()
        pwfile = os.path.join(self.folder, "pw")
        with open(pwfile, "w") as f:
            f.write(PASSWORD)
        shutil.chown(pwfile, "postgres", "postgres")
        as_postgres(f"{PG}/initdb", "-D", f"{self.folder}/data", "-U", "postgres", "--pwfile",
                    pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync",
                    "-E", "UTF8", "--locale=C")
        conf = [f"listen_addresses = '127.0.0.1'", f"port = {self.port}",
                f"unix_socket_directories = '{self.folder}'", "fsync = off",
                "synchronous_commit = off", "full_page_writes = off", "shared_buffers = 1GB",
                "max_wal_size = 8GB", "work_mem = 64MB", "max_parallel_workers_per_gather = 2",
                "log_min_messages = warning"] + list(settings)
        with open(f"{self.folder}/data/postgresql.conf", "a") as f:
            f.write("\n" + "\n".join(conf) + "\n")

    def start(self):
        as_postgres(f"{PG}/pg_ctl", "-D", f"{self.folder}/data", "-l", f"{self.folder}/log",
                    "-w", "-t", "120", "start")

    def stop(self):
        subprocess.run(["runuser", "-u", "postgres", "--", f"{PG}/pg_ctl", "-D",
                        f"{self.folder}/data", "-m", "fast", "-w", "stop"], capture_output=True)
        if not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)

    def sql(self, text, database="bench"):
        out = as_postgres(f"{PG}/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h",
                          self.folder, "-p", str(self.port), "-d", database, "-c", text)
        return out.stdout.decode()

    def copy_in(self, table, producer, database="bench"):
        """COPY table FROM STDIN, fed by producer(write) in the binary format."""
        proc = subprocess.Popen(
            ["runuser", "-u", "postgres", "--", f"{PG}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
             "-h", self.folder, "-p", str(self.port), "-d", database, "-c",
             f"COPY {table} FROM STDIN WITH (FORMAT binary)"],
            stdin=subprocess.PIPE, cwd="/tmp")
        producer(proc.stdin.write)
        proc.stdin.close()
        if proc.wait() != 0:
            sys.exit(f"COPY into {table} failed")


PG_EPOCH = 946_684_800  # 2000-01-01T00:00:00Z, the zero of PostgreSQL's binary timestamps
ROW = np.dtype([("fields", ">i2"), ("ts_len", ">i4"), ("ts", ">i8"), ("bucket_len", ">i4"),
                ("bucket", ">i4")]
               + [(f, t) for n in NUMERIC for f, t in ((n + "_len", ">i4"), (n, ">f8"))]
               + [(f, t) for c in CATEGORICAL for f, t in ((c + "_len", ">i4"), (c, "S5"))])


def generate(rows, seed, start, write, chunk=500_000):
    """Seeded rows in COPY's binary format: ts in [start, start + 3600), bucket 0-15, 15
    doubles (0.2 % NaN: missing), 5 labels of 8 to 32 categories. Fixed-size rows, so numpy
    writes them without formatting a single number as text."""
    rng = np.random.default_rng(seed)
    write(b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big"))
    done = 0
    while done < rows:
        n = min(chunk, rows - done)
        block = np.zeros(n, dtype=ROW)
        block["fields"] = 2 + len(NUMERIC) + len(CATEGORICAL)
        block["ts_len"], block["bucket_len"] = 8, 4
        seconds = start + (np.arange(done, done + n) * 3600 // rows)
        block["ts"] = (seconds - PG_EPOCH) * 1_000_000
        block["bucket"] = rng.integers(0, 16, n)
        for i, name in enumerate(NUMERIC):
            values = rng.normal(i, 1 + i / 5, n) * (1 + 0.001 * i)
            values[rng.random(n) < 0.002] = np.nan
            block[name + "_len"], block[name] = 8, values
        for i, name in enumerate(CATEGORICAL):
            labels = np.array([f"{name}_{k:02d}".encode() for k in range(8 + 6 * i)])
            block[name + "_len"], block[name] = 5, labels[rng.integers(0, len(labels), n)]
        write(block.tobytes())
        done += n
    write((-1).to_bytes(2, "big", signed=True))


class Relay:
    """A TCP relay to the server that counts the bytes the server sends to the client."""

    def __init__(self, target_port):
        self.target = target_port
        self.port = free_port()
        self.received = 0
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        self.ready.wait()

    def _run(self):
        asyncio.set_event_loop(self.loop)

        async def pipe(reader, writer, count):
            try:
                while data := await reader.read(1 << 16):
                    if count:
                        self.received += len(data)
                    writer.write(data)
                    await writer.drain()
            finally:
                writer.close()

        async def handle(client_reader, client_writer):
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target)
            await asyncio.gather(pipe(client_reader, server_writer, False),
                                 pipe(server_reader, client_writer, True),
                                 return_exceptions=True)

        async def main():
            server = await asyncio.start_server(handle, "127.0.0.1", self.port)
            self.ready.set()
            async with server:
                await server.serve_forever()

        self.loop.run_until_complete(main())


def driftwatch_config(folder, port, mode, baseline, partition_key=False, minutes=60,
                      parallel=None):
    extra = ", partition_key: bucket" if partition_key else ""
    if parallel is not None:
        extra += f", parallel: {parallel}, pool_size: {max(2, parallel)}"
    return f"""storage: {{ path: {folder}/drift-{mode}-{port}.db }}
monitors:
  - name: bench
    baseline: {{ path: {baseline} }}
    target:
      postgres: {{ host: 127.0.0.1, port: {port}, database: bench, user: postgres,
                  password_env: BENCH_PGPASSWORD, table: window_rows, mode: {mode},
                  statement_timeout: 1h{extra} }}
      timestamp_column: ts
    features: {{ include: [{", ".join(NUMERIC + CATEGORICAL)}] }}
    schedule: {{ window: {minutes}m, delay: 0s, catch_up: 1, min_rows: 1 }}
"""


def run_driftwatch(binary, folder, port, mode, baseline, partition_key=False, relay=None,
                   minutes=60, parallel=None):
    """Seconds for one run-once of the window [START, START + minutes), or None when the
    config is refused."""
    path = f"{folder}/dw-{mode}-{port}-{relay is not None}.yaml"
    with open(path, "w") as f:
        f.write(driftwatch_config(folder, relay.port if relay else port, mode, baseline,
                                  partition_key, minutes, parallel))
    env = dict(os.environ, BENCH_PGPASSWORD=PASSWORD)
    check = subprocess.run([binary, "config", "check", path], capture_output=True, env=env)
    if check.returncode != 0:
        return None
    db = f"{folder}/drift-{mode}-{relay.port if relay else port}.db"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(START + 60 * minutes))
    began = time.monotonic()
    proc = subprocess.run([binary, "run-once", "--config", path, "--now", now, "--log-level",
                           "warning"], capture_output=True, text=True, env=env)
    seconds = time.monotonic() - began
    if proc.returncode not in (0, 1):
        sys.exit(f"driftwatch failed ({proc.returncode}):\n{proc.stderr}")
    if proc.stderr.strip():  # a failed window is logged at warning level or above
        sys.exit(f"the window did not evaluate:\n{proc.stderr}")
    return seconds


def run_pandas(port, baseline_csv, minutes=60):
    """Seconds for read_sql of the window [START, START + minutes) + scipy tests against the
    baseline, and the rows read."""
    import pandas as pd
    import sqlalchemy
    from scipy import stats

    began = time.monotonic()
    engine = sqlalchemy.create_engine(
        f"postgresql+psycopg2://postgres:{PASSWORD}@127.0.0.1:{port}/bench")
    columns = ", ".join(NUMERIC + CATEGORICAL)
    window = pd.read_sql(
        sqlalchemy.text(f"SELECT {columns} FROM window_rows WHERE ts >= to_timestamp(:s) "
                        "AND ts < to_timestamp(:e)"), engine, params={"s": START, "e": START + 60 * minutes})
    base = pd.read_csv(baseline_csv)
    for name in NUMERIC:
        stats.ks_2samp(base[name].dropna().to_numpy(), window[name].dropna().to_numpy())
    for name in CATEGORICAL:
        a = base[name].value_counts()
        b = window[name].value_counts().reindex(a.index, fill_value=0)
        stats.chisquare(b.to_numpy(), a.to_numpy() / a.sum() * b.sum())
    engine.dispose()
    return time.monotonic() - began, len(window)


def median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--driftwatch", required=True)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--baseline-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pandas", action="store_true")
    parser.add_argument(
        "--slice-minutes", type=int, default=None,
        help="pandas reads only [start, start + this) of the hour (and driftwatch is timed on "
        "it too): read_sql holds every row as Python objects, over 16 GB at 10,000,000 rows; "
        "default 12 (a fifth) above 2,000,000 rows, else 60")
    parser.add_argument(
        "--data-dir", default=None,
        help="keep the servers and the loaded data in this folder; a later run with the same "
        "folder, --rows and --baseline-rows starts them again instead of loading (a 10,000,000-"
        "row load takes minutes)")
    parser.add_argument(
        "--parallel", default=None,
        help="comma-separated parallel: values to time push-down with (e.g. 1,2); default: the "
        "build's default only")
    args = parser.parse_args()
    binary = os.path.abspath(args.driftwatch)
    parallels = ([int(v) for v in args.parallel.split(",")] if args.parallel else [None])
    folder = tempfile.mkdtemp(prefix="driftwatch-bench-postgres-")
    data = os.path.abspath(args.data_dir) if args.data_dir else None
    state_path = f"{data}/state.json" if data else None
    state = None
    if state_path and os.path.exists(state_path):
        with open(state_path) as f:
            state = json.load(f)
        if (state["rows"], state["baseline_rows"]) != (args.rows, args.baseline_rows):
            sys.exit(f"{data} holds {state['rows']:,} rows and a {state['baseline_rows']:,}-row "
                     "baseline; give the same --rows and --baseline-rows, or another folder")
    baseline = f"{data}/baseline.csv" if data else f"{folder}/baseline.csv"

    names = ["plain", "coordinator", "shard0", "shard1"]
    ports = state["ports"] if state else [free_port() for _ in names]
    where = [f"{data}/{n}" if data else None for n in names]
    if state:
        print(f"starting the 4 PostgreSQL servers of {data} ({args.rows:,} rows loaded)",
              flush=True)
    else:
        print(f"starting 4 PostgreSQL servers; loading {args.rows:,} rows x 20 features twice",
              flush=True)
    plain = Server(folder=where[0], port=ports[0])
    coordinator = Server(["enable_partitionwise_aggregate = on",
                          "enable_partitionwise_join = on"], folder=where[1], port=ports[1])
    shards = [Server(folder=where[2], port=ports[2]), Server(folder=where[3], port=ports[3])]
    servers = [plain, coordinator] + shards
    threads = [threading.Thread(target=s.start) for s in servers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        if not state:
            load(args, plain, coordinator, shards, baseline)
            if state_path:
                with open(state_path, "w") as f:
                    json.dump({"rows": args.rows, "baseline_rows": args.baseline_rows,
                               "ports": [s.port for s in servers]}, f)
        measure(args, binary, folder, baseline, plain, coordinator, parallels)
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(folder, ignore_errors=True)


def load(args, plain, coordinator, shards, baseline):
    """Creates the tables and loads the baseline CSV and the window into every server."""
    servers = [plain, coordinator] + shards
    for s in servers:
        s.sql("CREATE DATABASE bench", database="postgres")
    table = ", ".join(COLUMNS)
    plain.sql(f"CREATE TABLE window_rows ({table})")
    for i, shard in enumerate(shards):
        shard.sql(f"CREATE TABLE window_rows_p{i} ({table})")
    setup = ["CREATE EXTENSION postgres_fdw",
             f"CREATE TABLE window_rows ({table}) PARTITION BY HASH (bucket)"]
    for i, shard in enumerate(shards):
        setup += [
            f"CREATE SERVER shard{i} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host "
            f"'127.0.0.1', port '{shard.port}', dbname 'bench', fetch_size '50000', "
            "use_remote_estimate 'true', fdw_tuple_cost '10', async_capable 'true')",
            f"CREATE USER MAPPING FOR PUBLIC SERVER shard{i} OPTIONS (user 'postgres', "
            f"password '{PASSWORD}')",
            f"CREATE FOREIGN TABLE window_rows_p{i} PARTITION OF window_rows FOR VALUES WITH "
            f"(MODULUS 2, REMAINDER {i}) SERVER shard{i} OPTIONS (table_name 'window_rows_p{i}')"]
    coordinator.sql(";\n".join(setup))
    began = time.monotonic()
    # The baseline: another seed, a day earlier, written by the server as CSV (floats in
    # their shortest exact text, NaN as NaN) for driftwatch and pandas to read.
    plain.sql(f"CREATE TABLE baseline_rows ({table})")
    plain.copy_in("baseline_rows", lambda w: generate(args.baseline_rows, 7, START - 86_400, w))
    with open(baseline, "wb") as f:
        f.write(as_postgres(f"{PG}/psql", "-X", "-q", "-h", plain.folder, "-p",
                            str(plain.port), "-d", "bench", "-c",
                            "COPY (SELECT to_char(ts AT TIME ZONE 'UTC', "
                            "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS ts, "
                            + ", ".join(NUMERIC + CATEGORICAL) + " FROM baseline_rows) "
                            "TO STDOUT WITH (FORMAT csv, HEADER)").stdout)
    plain.sql("DROP TABLE baseline_rows")
    plain.copy_in("window_rows", lambda w: generate(args.rows, 42, START, w))
    # The shards get the plain table's rows split by the same hash partitioning as the
    # coordinator's (a local partitioned copy on the plain server routes them), so the
    # plain server and the sharded set hold exactly the same data.
    plain.sql(f"CREATE TABLE route ({table}) PARTITION BY HASH (bucket); "
              "CREATE TABLE route_p0 PARTITION OF route FOR VALUES WITH (MODULUS 2, REMAINDER 0); "
              "CREATE TABLE route_p1 PARTITION OF route FOR VALUES WITH (MODULUS 2, REMAINDER 1); "
              "INSERT INTO route SELECT * FROM window_rows")
    for i, shard in enumerate(shards):
        pipe_copy(plain, f"COPY route_p{i} TO STDOUT", shard, f"window_rows_p{i}")
    plain.sql("DROP TABLE route")
    for s, name in [(plain, "window_rows"), (shards[0], "window_rows_p0"),
                    (shards[1], "window_rows_p1")]:
        s.sql(f"CREATE INDEX ON {name} (ts); ANALYZE {name}")
    print(f"loaded in {time.monotonic() - began:.0f} s", flush=True)


def measure(args, binary, folder, baseline, plain, coordinator, parallels):
    """Times every client on both servers and prints the table."""
    slice_minutes = args.slice_minutes or (60 if args.rows <= 2_000_000 else 12)
    rows = []
    print(f"{'client':<26}{'server':<24}{'rows':>12}{'seconds':>10}{'MB received':>14}",
          flush=True)

    def report(client, label, count, times, received):
        seconds = median(times)
        rows.append((client, label, count, seconds, received))
        if seconds is None:
            print(f"{client:<26}{label:<24}{count:>12,}{'n/a':>10}{'n/a':>14}  "
                  "(mode not in this build)", flush=True)
        else:
            print(f"{client:<26}{label:<24}{count:>12,}{seconds:>10.1f}"
                  f"{received / 1e6:>14.1f}", flush=True)

    for label, server, partition_key in [("plain server", plain, False),
                                         ("sharded set (2 shards)", coordinator, True)]:
        windows = [60] + ([slice_minutes] if slice_minutes != 60 else [])
        for minutes in windows:
            count = args.rows * minutes // 60
            # Pull and each push-down alternate run by run, so they see the same load.
            clients = [("pull", None)] + [("pushdown", k) for k in parallels]
            times = {client: [] for client in clients}
            for run in range(args.runs):
                load = os.getloadavg()
                print(f"  run {run + 1}: load average {load[0]:.1f} {load[1]:.1f} "
                      f"{load[2]:.1f}", flush=True)
                for mode, parallel in clients:
                    # pushdown groups by the partition key on the sharded set.
                    key = partition_key and mode == "pushdown"
                    seconds = run_driftwatch(binary, folder, server.port, mode, baseline,
                                             key, minutes=minutes, parallel=parallel)
                    times[(mode, parallel)].append(seconds)
                    shown = "n/a" if seconds is None else f"{seconds:.1f} s"
                    print(f"    {mode}{'' if parallel is None else f' parallel {parallel}'}"
                          f": {shown}", flush=True)
            for mode, parallel in clients:
                key = partition_key and mode == "pushdown"
                received = None
                if times[(mode, parallel)][0] is not None:
                    relay = Relay(server.port)
                    run_driftwatch(binary, folder, server.port, mode, baseline, key, relay,
                                   minutes=minutes, parallel=parallel)
                    received = relay.received
                name = f"driftwatch {mode}" + ("" if parallel is None else f" p{parallel}")
                report(name, label, count, times[(mode, parallel)], received)
        if not args.no_pandas:
            runs = [run_pandas(server.port, baseline, slice_minutes)
                    for _ in range(args.runs)]
            relay = Relay(server.port)
            run_pandas(relay.port, baseline, slice_minutes)
            report("pandas read_sql + scipy", label, runs[0][1], [r[0] for r in runs],
                   relay.received)

    load = os.getloadavg()
    print(f"\nmedian of {args.runs} runs; load average {load[0]:.1f} {load[1]:.1f} "
          f"{load[2]:.1f} on {os.cpu_count()} cores; 20 features per row")


def pipe_copy(source, copy_out, target, table):
    """Streams COPY ... TO STDOUT on source into COPY table FROM STDIN on target."""
    def psql(server, command):
        return ["runuser", "-u", "postgres", "--", f"{PG}/psql", "-X", "-q", "-v",
                "ON_ERROR_STOP=1", "-h", server.folder, "-p", str(server.port), "-d", "bench",
                "-c", command]
    out = subprocess.Popen(psql(source, copy_out), stdout=subprocess.PIPE, cwd="/tmp")
    into = subprocess.Popen(psql(target, f"COPY {table} FROM STDIN"), stdin=out.stdout,
                            cwd="/tmp")
    out.stdout.close()
    if into.wait() != 0 or out.wait() != 0:
        sys.exit(f"copying into {table} failed")


if __name__ == "__main__":
    main()
