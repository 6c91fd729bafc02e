#!/usr/bin/python3
"""Compares MACRODYN's learned-barrier KMC (nnk_trajectory) with the independent reference
(nnk_reference.py) over several seeds each.

1. Deterministic: at event 0 both see the same configuration, so the 8 candidate barriers must
   agree as multisets per migrating species (float32 TorchScript vs float64 numpy: within 1e-5 eV).
2. Statistical (Welch t over seeds): per migrating species the trajectory mean and standard
   deviation of the candidate barriers; the 6 delta_ab at 5 checkpoints; log10 of the time at
   the last event. A |t| above the limit (default 5: with ~40 comparisons and 8 + 8 seeds the
   chance of a false alarm is ~1%) fails.

usage: compare_nnk.py <dir with cxx_<seed>_*.csv and py_<seed>_*.csv> [t limit]
Writes <dir>/comparison.csv and prints a table.
"""
import csv
import glob
import math
import os
import sys
from collections import defaultdict

SPECIES = ("Nb", "Mo", "Ta")
DELTAS = ("delta_NbNb", "delta_NbMo", "delta_NbTa", "delta_MoMo", "delta_MoTa", "delta_TaTa")


def read(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def per_seed(directory, code):
    seeds = {}
    for path in sorted(glob.glob(os.path.join(directory, f"{code}_*_sro.csv"))):
        seed = os.path.basename(path).split("_")[1]
        sro = read(path)
        barriers = read(path.replace("_sro.csv", "_barriers.csv"))
        seeds[seed] = (sro, barriers)
    return seeds


def summary(sro, barriers):
    """Quantities of one trajectory: name -> value."""
    out = {}
    by_species = defaultdict(list)
    for row in barriers:
        if int(row["events"]) > 0:
            by_species[row["species"]].append(float(row["barrier"]))
    for s in SPECIES:
        v = by_species[s]
        m = sum(v) / len(v)
        out[f"barrier_mean_{s}"] = m
        out[f"barrier_sd_{s}"] = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1))
    last = int(sro[-1]["events"])
    checkpoints = [last * k // 5 for k in range(1, 6)]
    rows = {int(r["events"]): r for r in sro}
    for c in checkpoints:
        if c in rows:
            for d in DELTAS:
                out[f"{d}@{c}"] = float(rows[c][d])
    out[f"log10_time@{last}"] = math.log10(float(rows[last]["time"]))
    return out


def mean_se(values):
    n = len(values)
    m = sum(values) / n
    var = sum((x - m) ** 2 for x in values) / (n - 1) if n > 1 else 0.0
    return m, math.sqrt(var / n)


def initial_barriers(barriers):
    out = defaultdict(list)
    for row in barriers:
        if int(row["events"]) == 0:
            out[row["species"]].append(float(row["barrier"]))
    return {s: sorted(v) for s, v in out.items()}


def main():
    directory = sys.argv[1]
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    cxx, py = per_seed(directory, "cxx"), per_seed(directory, "py")
    if len(cxx) < 2 or len(py) < 2:
        sys.exit(f"compare_nnk: need >= 2 seeds of each in {directory}")
    failures = []
    # 1. Deterministic start.
    a = initial_barriers(next(iter(cxx.values()))[1])
    b = initial_barriers(next(iter(py.values()))[1])
    worst = 0.0
    for s in set(a) | set(b):
        if len(a.get(s, [])) != len(b.get(s, [])):
            failures.append(f"initial jumps of {s}: {len(a.get(s, []))} vs {len(b.get(s, []))}")
            continue
        worst = max([worst] + [abs(x - y) for x, y in zip(a[s], b[s])])
    print(f"initial candidate barriers: max |MACRODYN - reference| = {worst:.2e} eV")
    if worst > 1e-5:
        failures.append(f"initial barriers differ by {worst:.2e} eV")
    # 2. Statistics over seeds.
    sc = [summary(*v) for v in cxx.values()]
    sp = [summary(*v) for v in py.values()]
    names = [n for n in sc[0] if n in sp[0]]
    rows = []
    print(f"{'quantity':28s} {'MACRODYN':>22s} {'reference':>22s} {'t':>7s}   ({len(sc)} vs {len(sp)} seeds)")
    for n in names:
        m1, e1 = mean_se([s[n] for s in sc])
        m2, e2 = mean_se([s[n] for s in sp])
        se = math.sqrt(e1 ** 2 + e2 ** 2)
        t = (m1 - m2) / se if se > 0 else (0.0 if m1 == m2 else math.inf)
        rows.append((n, m1, e1, m2, e2, t))
        print(f"{n:28s} {m1:12.5g} +- {e1:7.2g} {m2:12.5g} +- {e2:7.2g} {t:7.2f}")
        if abs(t) > limit:
            failures.append(f"{n}: t = {t:.2f}")
    with open(os.path.join(directory, "comparison.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["quantity", "macrodyn_mean", "macrodyn_se", "reference_mean", "reference_se", "t"])
        w.writerows(rows)
    tmax = max(abs(r[5]) for r in rows)
    print(f"max |t| = {tmax:.2f} over {len(rows)} comparisons (limit {limit})")
    if failures:
        print("FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("agreement within statistical error")


if __name__ == "__main__":
    main()
