// Benchmarks for `make bench`; each mode lives in its own file.
print("usage: driftwatch-bench MODE ...")
