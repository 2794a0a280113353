"""Which parts of an executable a running process holds resident: per ELF section, and the code
(.text) per Swift module (from the mangled names of the functions on each page).

    python3 scripts/bench/idle_sections.py PID PATH/TO/driftwatch

Reads /proc/PID/pagemap (root only: present bits), so it counts what the process's page tables
map, fault-around included (the kernel maps up to 64 KiB around each file-backed fault). With
DUMP=FILE it also writes the resident pages' addresses. For the pages the process itself touched,
start it with LD_PRELOAD of a build of scripts/bench/split_text.c.
"""
import sys, struct, subprocess, re, collections
pid, binary = int(sys.argv[1]), sys.argv[2]
PAGE = 4096
maps = []
for line in open(f"/proc/{pid}/maps"):
    p = line.split()
    if len(p) >= 6 and p[5] == binary:
        lo, hi = (int(x, 16) for x in p[0].split('-'))
        maps.append((lo, hi, int(p[2], 16), p[1]))
pm = open(f"/proc/{pid}/pagemap", 'rb')
resident = set()  # file offsets of resident pages (virtual address - load base for PIE)
base = min(m[0] - m[2] for m in maps)
for lo, hi, off, perms in maps:
    pm.seek(lo // PAGE * 8)
    data = pm.read((hi - lo) // PAGE * 8)
    for i in range((hi - lo) // PAGE):
        (v,) = struct.unpack_from('<Q', data, i * 8)
        if v >> 63:
            resident.add(lo - base + i * PAGE)  # as a virtual address of the ELF
secs = []
for line in subprocess.run(['readelf', '-SW', binary], capture_output=True, text=True).stdout.splitlines():
    m = re.match(r'\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)', line)
    if m and int(m.group(2), 16):
        secs.append((m.group(1), int(m.group(2), 16), int(m.group(4), 16)))
per = collections.Counter()
for va in resident:
    names = [n for n, a, s in secs if a < va + PAGE and va < a + s]
    per[names[0] if names else '(none)'] += 1
print(f"resident pages of {binary}: {len(resident)} = {len(resident)*4/1024:.1f} MB")
for name, n in per.most_common(25):
    size = next((s for nn, a, s in secs if nn == name), 0)
    print(f"  {name:32s} {n*4/1024:6.2f} MB of {size/1048576:6.2f} MB")
# .text by module of the symbols on resident pages
syms = []
for line in subprocess.run(['nm', '-n', '--defined-only', binary], capture_output=True, text=True).stdout.splitlines():
    p = line.split()
    if len(p) == 3 and p[1] in 'tTwW':
        syms.append((int(p[0], 16), p[2]))
text = next(((a, s) for n, a, s in secs if n == '.text'), None)
def module(name):
    m = re.match(r'_?\$s(\d+)([A-Za-z_][A-Za-z0-9_]*)', name)
    if m:
        return m.group(2)[:int(m.group(1))]
    if name.startswith('sqlite3') : return 'sqlite'
    if re.match(r'(CCryptoBoringSSL|BORINGSSL|boringssl)', name, re.I) or name.startswith('CCryptoBoringSSL'): return 'BoringSSL'
    return 'C/other'
import bisect
addrs = [a for a, _ in syms]
bymod = collections.Counter(); total = collections.Counter()
if text:
    ta, ts = text
    for va in range(ta // PAGE * PAGE, ta + ts, PAGE):
        i = bisect.bisect_right(addrs, va) - 1
        mods = set()
        j = max(i, 0)
        while j < len(syms) and syms[j][0] < va + PAGE:
            mods.add(module(syms[j][1])); j += 1
        mod = module(syms[i][1]) if not mods and i >= 0 else (sorted(mods)[0] if len(mods) == 1 else max(mods, key=lambda m: m))
        total[mod] += 1
        if va in resident:
            bymod[mod] += 1
    print(".text resident by module (MB resident / MB of text):")
    for mod, n in bymod.most_common(30):
        print(f"  {mod:34s} {n*4/1024:6.2f} / {total[mod]*4/1024:6.2f}")
import os
if os.environ.get("DUMP"):
    with open(os.environ["DUMP"], "w") as f:
        for va in sorted(resident):
            f.write(f"{va:x}\n")
