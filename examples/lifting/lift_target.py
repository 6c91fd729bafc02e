#!/usr/bin/python3
"""Target of the lift: z* = the model's ensemble mean at time t (macrodyn predict's CSV), and the
tolerance of each delta: 10% of its range in training (model metadata; the stricter half of the
criterion "within 10% of the range or within the ensemble spread", whose spread is reported too).
Every configuration obeys sum_b delta_ab = 0 for each species a (z neighbours per atom, up to the
few next to a vacancy; equimolar, so delta_ba = delta_ab); a learned mean need not, and no
configuration can reach what violates it. z* is therefore projected onto those three constraints
(least squares) before lifting; target.json keeps both.
Writes target.lmp (LAMMPS variables zs1..6, tol1..6) and target.json.

usage: lift_target.py <model.pt> <predict csv> <out dir>
"""
import csv
import json

import numpy as np
import sys
import zipfile

NAMES = ["delta_NbNb", "delta_NbMo", "delta_NbTa", "delta_MoMo", "delta_MoTa", "delta_TaTa"]


def metadata(model):
    with zipfile.ZipFile(model) as z:
        entry = next(n for n in z.namelist() if n.endswith("extra/metadata.json"))
        return json.loads(z.read(entry))


def main():
    model, predicted, out = sys.argv[1:4]
    meta = metadata(model)
    ranges = meta["observable_ranges"]
    rows = list(csv.DictReader(open(predicted)))
    last = max(rows, key=lambda r: float(r["time"]))
    # Rows Nb, Mo, Ta of sum_b delta_ab over (NbNb, NbMo, NbTa, MoMo, MoTa, TaTa).
    A = np.array([[1, 1, 1, 0, 0, 0], [0, 1, 0, 1, 1, 0], [0, 0, 1, 0, 1, 1]], dtype=float)
    raw = np.array([float(last[f"{n}_mean"]) for n in NAMES])
    projected = raw - A.T @ np.linalg.solve(A @ A.T, A @ raw)
    target = {}
    with open(f"{out}/target.lmp", "w") as f:
        for k, name in enumerate(NAMES, 1):
            lo, hi = ranges[name]
            mean, std = projected[k - 1], float(last[f"{name}_std"])
            tol = 0.1 * (hi - lo)
            target[name] = {"mean": mean, "model_mean": raw[k - 1], "std": std, "range": hi - lo,
                            "tolerance": tol}
            f.write(f"variable zs{k} equal {mean:.8g}\nvariable tol{k} equal {tol:.8g}\n")
    json.dump({"time": float(last["time"]), "observables": target}, open(f"{out}/target.json", "w"), indent=1)


if __name__ == "__main__":
    main()
