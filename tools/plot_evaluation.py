#!/usr/bin/python3
"""Plots of `macrodyn evaluate` metrics: for every observable, the ensemble mean +- standard
deviation over time of the prediction (lines) and the ground truth (markers), one colour per
initial state; and the 1-Wasserstein distance over time with its sampling-noise floor.

    tools/plot_evaluation.py metrics.csv [--out DIR] [--title TEXT]

Writes DIR/<observable>.png (default DIR: beside metrics.csv). Uses Debian's python3-matplotlib."""
import argparse
import csv
import os
import sys
from collections import defaultdict

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit("plot_evaluation.py: needs matplotlib (Debian: apt-get install python3-matplotlib; "
             "run with /usr/bin/python3)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("metrics")
    parser.add_argument("--out", default=None)
    parser.add_argument("--title", default="")
    args = parser.parse_args()
    out = args.out or os.path.dirname(os.path.abspath(args.metrics))
    os.makedirs(out, exist_ok=True)

    rows = list(csv.DictReader(open(args.metrics)))
    if not rows:
        sys.exit(f"plot_evaluation.py: {args.metrics} has no rows")
    fixed = {"group", "snapshot", "time", "observable", "mean_predicted", "mean_true", "std_predicted",
             "std_true", "n_predicted", "n_true", "bias", "bias_sd", "z", "sd_ratio", "w1", "w1_floor"}
    conditions = [k for k in rows[0] if k not in fixed]
    series = defaultdict(lambda: defaultdict(list))
    for r in rows:
        series[r["observable"]][r["group"]].append(r)

    written = []
    for observable, groups in series.items():
        fig, (ax, ax_w) = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [2, 1]})
        for i, (group, rs) in enumerate(sorted(groups.items(), key=lambda g: int(g[0]))):
            rs.sort(key=lambda r: float(r["time"]))
            t = [float(r["time"]) for r in rs]
            colour = f"C{i % 10}"
            label = ", ".join(f"{c}={rs[0][c]}" for c in conditions) or f"group {group}"
            for key, style in (("predicted", "-"), ("true", "o")):
                m = [float(r[f"mean_{key}"]) for r in rs]
                s = [float(r[f"std_{key}"]) for r in rs]
                if key == "predicted":
                    ax.plot(t, m, style, color=colour, label=f"{label} (model)")
                    ax.fill_between(t, [a - b for a, b in zip(m, s)], [a + b for a, b in zip(m, s)],
                                    color=colour, alpha=0.15)
                else:
                    ax.errorbar(t, m, yerr=s, fmt=style, color=colour, ms=4, capsize=2,
                                label=f"{label} (direct)")
            late = [r for r in rs if float(r["std_true"]) > 0]
            ax_w.plot([float(r["time"]) for r in late], [float(r["bias_sd"]) for r in late], "-",
                      color=colour)
        ax.set_xlabel("time")
        ax.set_ylabel(observable)
        ax.set_title(f"{args.title} {observable}: mean ± std".strip())
        ax.legend(fontsize=7, ncol=2)
        ax_w.set_xlabel("time")
        ax_w.axhspan(-1, 1, color="0.9")
        ax_w.set_ylabel("bias / direct sd at that time (grey: within 1 sd)")
        fig.tight_layout()
        path = os.path.join(out, f"{observable}.png")
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    print("plot_evaluation.py: wrote " + " ".join(written))


if __name__ == "__main__":
    main()
