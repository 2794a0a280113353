#!/usr/bin/env python3
"""Writes the committed seed corpora under Fuzz/corpus/ (run once; the files are committed).

Reader seeds start with one selector byte (options: threads, chunk size, bad-row policy,
delimiter, declared kinds; see Sources/Fuzz/FuzzCSV/FuzzCSV.swift), then the file.
Deterministic: no randomness, so rerunning rewrites the same bytes.
"""
import json
import pathlib
import shutil
import struct
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "Fuzz" / "corpus"


def write(kind, name, data):
    path = out / kind / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def head(path, lines):
    with open(path, "rb") as f:
        return b"".join(f.readline() for _ in range(lines))


# --- CSV -------------------------------------------------------------------------------------
credit = head(root / "baselines" / "credit-baseline.csv", 25)
write("csv", "credit-baseline", b"\x00" + credit)
write("csv", "credit-skip-4threads", b"\xc4" + credit.replace(b",42,", b",x,"))
write("csv", "inference-crlf", b"\x01" + head(root / "baselines" / "credit-target.csv", 12).replace(b"\n", b"\r\n"))
rfc = [
    ("quoted-commas", 'a,b,c\n"1,5",x,"he said ""hi"""\n2,"y",z\n'),
    ("newline-in-quotes", 'a,b\n"line1\nline2",2\n"x\r\ny",3\n'),
    ("bom-no-final-newline", "\ufeffa,b\n1,2\n3,4"),
    ("empty-and-missing", "a,b,c\n,,\nNA,N/A,null\nNaN,nan,None\n1,,x\n"),
    ("ragged-rows", "a,b\n1\n1,2,3\n4,5\n"),
    ("types", "t,flag,x,b\n2026-01-01T00:00:00Z,true,1e3,cat\n2026-01-02,FALSE,-0.5,dog\n"
     "2026-01-03T10:20:30.123+02:00,True,.5,\n"),
    ("unterminated-quote", 'a,b\n1,"open\n2,3\n'),
    ("quote-mid-field", 'a,b\n1,ab"c"d\n2,"x"y\n'),
    ("duplicate-header", "a,a,b\n1,2,3\n"),
    ("blank-lines", "a,b\n\n1,2\n\r\n\n3,4\n\n"),
    ("declared-kinds", "a,b,t\n1,x,2026-01-01T00:00:00Z\nzz,y,not-a-date\n3,z,2026-13-45T99:00:00Z\n"),
    ("latin1", b"a,b\n1,caf\xe9\n2,na\xefve\n"),
    ("big-numbers", "a,b\n1e308,1e309\n-1e-320,0x1p3\n123456789012345678901234567890,+5\n"),
]
for index, (name, text) in enumerate(rfc):
    selector = bytes([index * 37 % 256 & ~0x08])
    write("csv", name, selector + (text if isinstance(text, bytes) else text.encode()))
write("csv", "semicolon", b"\x08a;b;x\n1;2;3\n\"4;5\";6;7\n")

# --- JSON Lines ------------------------------------------------------------------------------
rows = credit.decode().splitlines()
names = rows[0].split(",")
lines = []
for row in rows[1:12]:
    values = row.split(",")
    record = {}
    for name, value in zip(names, values):
        try:
            record[name] = float(value) if "." in value else int(value)
        except ValueError:
            record[name] = {"true": True, "false": False}.get(value, value)
    lines.append(json.dumps(record))
write("jsonl", "credit-baseline", b"\x00" + "\n".join(lines).encode() + b"\n")
jsonl = [
    ("escapes", '{"a": "tab\\there", "b": "\\u00e9\\ud83d\\ude00", "c": "quote\\"q"}\n'),
    ("nulls-and-missing", '{"a": 1, "b": null}\n{"a": null}\n{"b": "x"}\n'),
    ("nested", '{"a": {"x": [1, 2, {"y": null}]}, "b": [true, false]}\n{"a": 2, "b": "s"}\n'),
    ("numbers", '{"a": -0.0, "b": 1E+308, "c": 2e-400}\n{"a": 12345678901234567890, "b": 1.5e3, "c": -7}\n'),
    ("strings-as-numbers", '{"a": "1.5", "t": "2026-01-01T00:00:00Z"}\n{"a": "NA", "t": "2026-01-02"}\n'),
    ("bad-line", '{"a": 1}\n{"a": 2,\n[1, 2]\n"just a string"\n{"a": 3}\n'),
    ("bom-crlf", '\ufeff{"a": 1}\r\n{"a": 2}\r\n'),
    ("duplicate-keys", '{"a": 1, "a": 2}\n{"a": "x", "b": 1}\n'),
    ("whitespace", '  {  "a"  :  1  }  \n\t{"a":2}\t\n\n'),
    ("invalid-utf8", b'{"a": "\xff\xfe"}\n{"a": "ok"}\n'),
    ("bad-escape", '{"a": "\\x41"}\n{"a": "\\ud800"}\n{"a": "\\u12"}\n'),
]
for index, (name, text) in enumerate(jsonl):
    selector = bytes([index * 53 % 256])
    write("jsonl", name, selector + (text if isinstance(text, bytes) else text.encode()))

# --- YAML configuration ----------------------------------------------------------------------
(out / "yaml").mkdir(parents=True, exist_ok=True)
for path in sorted((root / "alerts").glob("*.yaml")):
    shutil.copyfile(path, out / "yaml" / ("alerts-" + path.name))
shutil.copyfile(root / "systemd" / "driftwatch.example.yaml", out / "yaml" / "example")
write("yaml", "include-and-env", """storage: { path: ${STATE_DIRECTORY}/x.db }
include: [alerts/*.yaml]
monitors:
  - name: m1
    baseline: { path: base.csv }
    target: { files: "in/*.csv", timestamp_column: ts }
    schedule: { window: 1h, delay: 10m, min_rows: 10, catch_up: 3 }
    alerts:
      - { name: drift, when: feature_drifted, features: [a], for: 2, severity: critical, notify: [hook] }
""")
write("yaml", "secret-in-values", """storage: { path: "${DW_SECRET}" }
daemon: { tick: "${DW_SECRET}", max_concurrent_monitors: "${DW_SECRET:-2}" }
monitors:
  - name: "${DW_SECRET}"
    baseline: { path: "${DW_SECRET}.csv" }
    target: { files: "${DW_SECRET}/*.csv", timestamp_column: "${DW_SECRET}" }
    schedule: { window: "${DW_SECRET}", delay: "${EMPTY:-10m}" }
""")
write("yaml", "include-escape", "include: [../../etc/passwd, /etc/*, alerts/rules.yaml, alerts/rules.yaml]\n")
write("yaml", "anchors", """defaults: &d { schedule: { window: 1h } }
monitors:
  - &m { name: a, baseline: { path: b.csv }, target: { files: "*.csv", timestamp_column: ts } }
  - <<: *m
    name: b
""")

# --- Payload (binary field stream, see Sources/Fuzz/FuzzPayload) -----------------------------
def field(text):
    data = text.encode()
    return bytes([len(data)]) + data


def dbl(value):
    return struct.pack(">d", value)


payloads = {
    "plain": field("credit-model") + field("feature-drift") + b"\x02\x01" + b"\x00" * 5
    + b"\x00\x00\x00" + b"\x00" + b"\x02" + field("income") + b"\x00\x00" + b"\x01" + dbl(0.31)
    + b"\x01" + dbl(1e-4) + b"\x00" + b"\x01",
    "control-chars": field("m\r\nBcc: x@y\x00\x1b[31m") + field("r\"\\</script>") + b"\x01\x00"
    + b"\xff" * 8 + b"\x01" + field("err\u2028\ud7ff") + b"\x05",
    "nan-inf": field("\u00e9\u0301 \U0001F600") + field("rule") + b"\x00\x01" + b"\x10" * 8
    + b"\x03" + field("f") + b"\x01\x01\x01" + dbl(float("nan")) + b"\x01" + dbl(float("inf"))
    + b"\x01" + dbl(-0.0) + b"\x01" + dbl(5e-324) + dbl(float("-inf")),
}
for name, data in payloads.items():
    write("payload", name, data)
print("seeds written under", out, file=sys.stderr)
