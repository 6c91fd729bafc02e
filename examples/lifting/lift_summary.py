#!/usr/bin/python3
"""Summary of the lift: z* and its tolerance, the start, the lifted state (restrict(lift(z*))), the
state after EAM MD, the unbiased KMC annealing to time t, and the wall times.
Writes lift_summary.csv; prints a table.

usage: lift_summary.py <out dir> <lift wall s> <anneal wall s>
"""
import csv
import json
import sys

NAMES = ["delta_NbNb", "delta_NbMo", "delta_NbTa", "delta_MoMo", "delta_MoTa", "delta_TaTa"]


def printed(log, tag):
    for line in open(log):
        if line.startswith(tag + " "):
            return line.split()[1:]
    sys.exit(f"lift_summary: no '{tag}' line in {log}")


def main():
    out, lift_wall, anneal_wall = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    target = json.load(open(f"{out}/target.json"))
    start = next(csv.DictReader(open(f"{out}/start.csv")))
    lifted = printed(f"{out}/log.lift", "LIFTED")
    md = printed(f"{out}/log.md", "MD")
    annealed = printed(f"{out}/log.anneal", "ANNEALED")
    rows = []
    ok = True
    for k, name in enumerate(NAMES):
        t = target["observables"][name]
        z_lift = float(lifted[1 + k])
        inside = abs(z_lift - t["mean"]) <= t["tolerance"]
        in_spread = abs(z_lift - t["mean"]) <= t["std"]
        ok = ok and inside
        rows.append([name, float(start[name]), t["mean"], t["std"], t["tolerance"], z_lift,
                     float(md[3 + k]), float(annealed[1 + k]), "yes" if inside else "NO",
                     "yes" if in_spread else "no"])
    with open(f"{out}/lift_summary.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["observable", "start", "target", "model_std", "tolerance_10pct_range", "lifted",
                    "after_md", "annealed", "lifted_within_10pct_range", "lifted_within_spread"])
        w.writerows(rows)
        w.writerow([])
        w.writerow(["lift_events", lifted[0], "anneal_events", annealed[0]])
        w.writerow(["lift_wall_s", f"{lift_wall:.2f}", "anneal_wall_s", f"{anneal_wall:.2f}"])
        w.writerow(["md_temperature_K", md[0], "md_pe_eV", md[1], "md_pressure_bar", md[2]])
    print(f"target time t = {target['time']:.4g} s")
    print(f"{'observable':12s} {'start':>9s} {'target':>9s} {'std':>8s} {'10% rng':>8s} {'lifted':>9s} {'after MD':>9s} {'annealed':>9s}  in 10%/spread")
    for r in rows:
        print(f"{r[0]:12s} {r[1]:9.4f} {r[2]:9.4f} {r[3]:8.4f} {r[4]:8.4f} {r[5]:9.4f} {r[6]:9.4f} {r[7]:9.4f}  {r[8]}/{r[9]}")
    print(f"lift: {lifted[0]} biased events in {lift_wall:.1f} s ; unbiased annealing to t: "
          f"{annealed[0]} events in {anneal_wall:.1f} s")
    print(f"MD on the lifted configuration: T = {md[0]} K, p = {md[2]} bar at the end of 2 ps; quenched pe = {md[1]} eV ('after MD': order of the quenched structure)")
    print("every delta lifted within 10% of its range" if ok else "NOT every delta reached 10% of its range")


if __name__ == "__main__":
    main()
