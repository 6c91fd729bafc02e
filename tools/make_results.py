#!/usr/bin/python3
"""Writes doc/results.md from the outputs of the examples' run.sh scripts (no hand-edited
numbers): for each system the errors of the method ("partial") and, where run, of the naive
baseline against the direct large-system ground truth, the wall time of each stage, and the cost
of the training data against direct simulation.

    tools/make_results.py [--examples build/examples] [--out doc/results.md]

tools/make-results runs the examples first and then this script."""
import argparse
import csv
import datetime
import os
import re
import sys

try:
    import h5py
except ImportError:  # the pyenv python3 on PATH may lack Debian's h5py
    sys.exit("make_results.py: needs h5py; run it with /usr/bin/python3 (python3-h5py)")


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def timings(directory):
    path = os.path.join(directory, "timings.csv")
    if not os.path.exists(path):
        return {}
    return {row["stage"]: float(row["seconds"]) for row in read_csv(path)}


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def stage_base(name):
    """A stage run once per small trajectory (name_s1, name_s2, ...) without its suffix."""
    return re.sub(r"_s\d+$", "", name)


def stage_table(t):
    # Stages run once per small trajectory: one row, summed.
    rows = {}
    for k, v in t.items():
        base = stage_base(k)
        label = base if base == k else f"{base} (all trajectories)"
        rows[label] = rows.get(label, 0.0) + v
    return table(["stage", "wall seconds"], [[k, f"{v:.1f}"] for k, v in rows.items()])


def truth_trajectories(path):
    """Number of direct trajectories in a ground-truth dataset and their final time."""
    with h5py.File(path, "r") as f:
        return len(f["full/run"]), float(f["full/times"][0, -1])


def cost_paragraph(t, data_stages, truth_stage, truth_file, system):
    data_stages = [s for s in data_stages if s in t]
    data = sum(t[s] for s in data_stages)
    # Stages run once per small trajectory (name_s1, name_s2, ...) are named once.
    names = list(dict.fromkeys(stage_base(s) for s in data_stages))
    n, t_end = truth_trajectories(truth_file)
    per_run = t[truth_stage] / n
    return (f"Training data ({', '.join(names)}): {data:.1f} s. Direct {system} simulation "
            f"({truth_stage}): {per_run:.3g} s per trajectory to t = {t_end:g} ({n} trajectories in "
            f"{t[truth_stage]:.1f} s), so the training data cost as much as "
            f"{data / per_run:.0f} direct trajectories. At these sizes direct simulation is cheap. "
            "A partial-evolution sample costs a patch's evolution over dt, whatever the size of "
            "the large system (only building the upsampled snapshots grows with it), while direct "
            "simulation grows with the large system's size and the time simulated.")


def diagnosis(d, names):
    """The reports of macrodyn diagnose (doc/macrodyn_diagnose.md) as preformatted text, without
    the per-start lines."""
    out = []
    for name in names:
        path = os.path.join(d, name)
        if not os.path.exists(path):
            continue
        lines = [l for l in open(path).read().splitlines()
                 if not l.startswith("  start ") and not l.startswith("macrodyn diagnose: wrote")]
        out += [f"Bias decomposition (`macrodyn diagnose`, {name}):", ""]
        out += ["    " + l for l in lines] + [""]
    return out


def curie_weiss(d):
    out = ["## Curie-Weiss (examples/curie-weiss)", ""]
    text = open(os.path.join(d, "drift_summary.txt")).read()
    rows = re.findall(r"T = ([0-9.]+): drift error rms ([0-9.]+), max ([0-9.]+)", text)
    out += ["The ground truth is the exact large-n drift -m + tanh(m / T); errors relative to the "
            "largest exact drift on the m grid.", "",
            table(["T", "rms drift error", "max drift error"], rows), ""]
    out += diagnosis(d, ["diagnose_T0.8.txt", "diagnose_T1.5.txt"])
    t = timings(d)
    if t:
        out += [stage_table(t), ""]
    return out


def ensemble_section(title, d, key_columns, truth_files, data_stages, truth_stages, system,
                     diagnoses=()):
    out = [title, "",
           "Biases in units of the direct ensemble's standard deviation at each time (typical: "
           "median over starts and times t > 0; worst: the largest), z: the largest bias over "
           "both ensembles' standard errors (|z| well above 2 is not sampling noise), sd ratio: "
           "predicted over direct (median), stationary: predicted minus direct mean over the late "
           "half of the horizon (worst start, observable units), rel. sq. error: the published "
           "study's sum_t (mean error)^2 / sum_t mean^2, W1 at the last time beside its noise floor "
           "(two halves of the direct ensemble), in sd units.", ""]
    rows = read_csv(os.path.join(d, "summary.csv"))
    columns = [("typical_bias_sd", "bias typical (sd)"), ("worst_bias_sd", "bias worst (sd)"),
               ("worst_z", "z worst"), ("median_sd_ratio", "sd ratio"),
               ("worst_stationary_error", "stationary error"),
               ("relative_squared_error", "rel. sq. error"), ("w1_last", "W1 last"),
               ("w1_floor_last", "W1 floor")]
    header = key_columns + [label for _, label in columns]
    out += [table(header, [[r[k] for k in key_columns] + ["%.3g" % float(r[c]) for c, _ in columns]
                           for r in rows]), ""]
    out += diagnosis(d, diagnoses)
    t = timings(d)
    if t:
        out += [stage_table(t), ""]
        for truth_stage, truth_file in zip(truth_stages, truth_files):
            if truth_stage in t and os.path.exists(os.path.join(d, truth_file)):
                out += [cost_paragraph(t, data_stages, truth_stage, os.path.join(d, truth_file),
                                       system), ""]
                break
    return out


def model_metadata(path):
    import json
    import zipfile
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read([n for n in z.namelist() if n.endswith("metadata.json")][0]))


def lj_partial_force(directory, title, published):
    """The learn.sh comparison of L_{x,p} and L_z at one budget, from the two model.pt files."""
    p = model_metadata(os.path.join(directory, "partial.pt"))
    l = model_metadata(os.path.join(directory, "latent.pt"))
    rows = []
    for name, m in (("L_{x,p} (50 forces per configuration)", p), ("L_z (every force)", l)):
        row = [name, f"{m['configurations']}", f"{m['force_evaluations']:.0f}",
               f"{m['dynamics']['epochs']}", f"{m['test_relative_error']:.2e}",
               f"{m['seconds']['training']:.0f}"]
        if published:
            row.append(published[m["loss"]])
        rows.append(row)
    naive = ["naive T(t) = T(0)", "", "", "", f"{p['test_constant_temperature_error']:.2e}", ""]
    rows.append(naive + ([""] if published else []))
    header = ["loss", "configurations", "atom forces", "epochs", "relative error of T(t)",
              "ODE training s"] + (["published"] if published else [])
    e = p["encoder"]
    return [title, "",
            f"{p['atoms']} atoms, {len(p['test_trajectory_errors'])} test trajectories, "
            f"relative error sum_t |T^ - T| / sum_t |T| averaged over them; one {e['kind']} encoder "
            f"({e['closure']} closure variables, {e['epochs']} epochs on {e['configurations']} "
            f"configurations, kappa median {e['condition_number_median']:.2f}, "
            f"{p['seconds']['encoder']:.0f} s) for both losses; L_z trained for as many optimizer "
            "steps as L_{x,p}.", "", table(header, rows), ""]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", default=os.path.join(root, "build", "examples"))
    parser.add_argument("--out", default=os.path.join(root, "doc", "results.md"))
    a = parser.parse_args()
    out = ["# Results", "",
           f"Generated by tools/make_results.py on {datetime.date.today()} from the outputs of "
           "the examples' run.sh (default sizes, 2 cores). Do not edit: rerun tools/make-results.",
           ""]
    done = []
    cw = os.path.join(a.examples, "curie-weiss")
    if os.path.exists(os.path.join(cw, "drift_summary.txt")):
        out += curie_weiss(cw)
        done.append("curie-weiss")
    ising = os.path.join(a.examples, "ising")
    if os.path.exists(os.path.join(ising, "summary.csv")):
        out += ensemble_section(
            "## 2D Ising, 64x64 from 16x16 patches (examples/ising)", ising,
            ["method", "observable"], ["truth.h5"],
            ["small_L16", "small_L32", "random", "partial", "partial_random"], ["truth"], "64x64",
            ["diagnose_partial.txt"])
        done.append("ising")
    # The default energy model, and the published NNK barriers when that run exists
    # (tools/make-results runs it when the validation data are present).
    for name, title in (("nbmota", "## NbMoTa, 8192 sites from 1024-site patches (examples/nbmota)"),
                        ("nbmota-nnk", "## NbMoTa with the published NNK barriers (validation; "
                                       "examples/nbmota with BARRIERS=)")):
        nb = os.path.join(a.examples, name)
        if not os.path.exists(os.path.join(nb, "summary.csv")):
            continue
        temps = sorted({r["T"] for r in read_csv(os.path.join(nb, "summary.csv"))})
        # One stage per temperature and step, or one per small trajectory (SEEDS > 1: _s1, ...).
        steps = [f"{step}_T{T}" for step in ("small", "upsample", "partial") for T in temps]
        small = [s for s in timings(nb) if stage_base(s) in steps]
        out += ensemble_section(
            title, nb, ["method", "T", "observable"], [f"truth_T{T}.h5" for T in temps], small,
            [f"truth_T{T}" for T in temps], "8192-site", [f"diagnose_T{T}.txt" for T in temps])
        out += ["This NbMoTa model is not yet accurate (examples/nbmota/README.md says why).", ""]
        done.append(name)
    lj = os.path.join(a.examples, "lj-partial-force-learn")
    if os.path.exists(os.path.join(lj, "latent.pt")):
        out += lj_partial_force(lj, "## Lennard-Jones T(t) from partial forces, reduced default "
                                "(examples/lj-partial-force/learn.sh)", None)
        done.append("lj-partial-force")
    study = os.path.join(a.examples, "lj-partial-force-study")
    if os.path.exists(os.path.join(study, "latent.pt")):
        # Chen & Li, NeurIPS 2024, OnsagerNet at 1e6 atom forces (method.md).
        out += lj_partial_force(study, "## Lennard-Jones T(t) from partial forces, the study's "
                                "set-up (learn.sh STUDY=1, 1e6 atom forces)",
                                {"partial": "1.17e-3", "latent": "4.45e-3"})
        done.append("lj-partial-force study")
    if not done:
        sys.exit(f"make_results.py: no example outputs under {a.examples}; run tools/make-results")
    with open(a.out, "w") as f:
        f.write("\n".join(out))
    print(f"make_results.py: wrote {a.out} ({', '.join(done)})")


if __name__ == "__main__":
    main()
