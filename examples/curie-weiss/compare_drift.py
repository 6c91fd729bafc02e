#!/usr/bin/python3
"""Learned drift of the Curie-Weiss magnetization against the exact large-n drift of Glauber
dynamics, dm/dt = -m + tanh((J m + h) / T) (J = 1, h = 0, unit attempt frequency), on a grid of m
for each temperature. Writes drift.csv and drift.png; prints the error relative to max |drift|.

    compare_drift.py model.pt OUTDIR T1 T2 ..."""
import json
import math
import os
import sys

import torch

model_path, out, temperatures = sys.argv[1], sys.argv[2], [float(t) for t in sys.argv[3:]]
extra = {"metadata.json": ""}
model = torch.jit.load(model_path, _extra_files=extra)
meta = json.loads(extra["metadata.json"])
assert meta["observables"] == ["magnetization"], meta["observables"]
lo, hi = meta["observable_ranges"]["magnetization"]
grid = [lo + (hi - lo) * (i + 0.5) / 40 for i in range(40)]
rows, summary = [], []
for T in temperatures:
    z = torch.tensor(grid, dtype=torch.float64).reshape(-1, 1)
    c = torch.full((len(grid), 1), T, dtype=torch.float64)
    with torch.no_grad():
        learned = model.drift(z, c)[:, 0].tolist()
        g = model.diffusion(z, c)[:, 0, 0].tolist()
    exact = [-m + math.tanh(m / T) for m in grid]
    scale = max(abs(e) for e in exact)
    rms = math.sqrt(sum((a - b) ** 2 for a, b in zip(learned, exact)) / len(grid))
    worst = max(abs(a - b) for a, b in zip(learned, exact))
    summary.append((T, rms / scale, worst / scale))
    rows += [(T, m, a, b, s) for m, a, b, s in zip(grid, learned, exact, g)]

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "drift.csv"), "w") as f:
    f.write("temperature,magnetization,drift_learned,drift_exact,diffusion_learned\n")
    for r in rows:
        f.write(",".join(f"{v:.6g}" for v in r) + "\n")
for T, rms, worst in summary:
    print(f"T = {T}: drift error rms {rms:.3f}, max {worst:.3f} (relative to max |exact drift|)")
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for i, T in enumerate(temperatures):
        sel = [r for r in rows if r[0] == T]
        ax.plot([r[1] for r in sel], [r[3] for r in sel], "-", color=f"C{i}", label=f"exact, T = {T}")
        ax.plot([r[1] for r in sel], [r[2] for r in sel], "o", ms=3, color=f"C{i}", label=f"learned, T = {T}")
    ax.axhline(0, color="k", lw=0.5)
    ax.set_xlabel("magnetization m")
    ax.set_ylabel("drift dm/dt")
    ax.set_title("Curie-Weiss: learned vs exact drift (patches only)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "drift.png"), dpi=110)
except ImportError:
    print("compare_drift.py: matplotlib missing, no plot")
