#!/usr/bin/python3
"""Target of the lift: z* = the model's ensemble mean at time t (macrodyn predict's CSV), and the
tolerance of each delta: the larger of 10% of its range in training (model metadata) and the
ensemble spread at t. Writes target.lmp (LAMMPS variables zs1..6, tol1..6) and target.json.

usage: lift_target.py <model.pt> <predict csv> <out dir>
"""
import csv
import json
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
    target = {}
    with open(f"{out}/target.lmp", "w") as f:
        for k, name in enumerate(NAMES, 1):
            lo, hi = ranges[name]
            mean, std = float(last[f"{name}_mean"]), float(last[f"{name}_std"])
            tol = max(0.1 * (hi - lo), std)
            target[name] = {"mean": mean, "std": std, "range": hi - lo, "tolerance": tol}
            f.write(f"variable zs{k} equal {mean:.8g}\nvariable tol{k} equal {tol:.8g}\n")
    json.dump({"time": float(last["time"]), "observables": target}, open(f"{out}/target.json", "w"), indent=1)


if __name__ == "__main__":
    main()
