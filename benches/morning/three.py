#!/usr/bin/env python3
"""three.py N LABEL=COMMAND ...: the SQL floor of ../shared/bench/ratio.sh
and each command (run by sh), interleaved N times; each median and its
ratio to the floor's, all from the same run."""
import os, statistics, subprocess, sys, time

shared = os.environ.get("SHARED_BENCH") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/bench")
book = os.environ.get("FLOOR_BOOK", "/tmp/partnerdeck-floor10k.db")
if not os.path.exists(book):
    subprocess.run(["python3", os.path.join(shared, "gen_floor_book.py"), book], check=True)
n = int(sys.argv[1])
cmds = [a.split("=", 1) for a in sys.argv[2:]]
floor = ["sqlite3", book, f".read {shared}/floor_query.sql"]
times = {"floor": []} | {label: [] for label, _ in cmds}


def run(command, shell):
    t = time.perf_counter()
    subprocess.run(command, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) * 1000


for _ in range(n):
    times["floor"].append(run(floor, False))
    for label, command in cmds:
        times[label].append(run(command, True))
f = statistics.median(times["floor"])
for label, ts in times.items():
    m = statistics.median(ts)
    print(f"{label}: median {m:.1f} ms (min {min(ts):.1f}, max {max(ts):.1f}) ratio to floor {m / f:.3f}")
