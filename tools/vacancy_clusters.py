#!/usr/bin/env python3
"""Vacancy aggregation along a dump of vacancy sites (examples/nbmota/in.vacancies): per frame the
number of first- and second-shell vacancy neighbours per vacancy (bcc: a sqrt(3)/2 and a) and the
largest cluster of first-or-second-shell-connected vacancies. Dilute, non-interacting vacancies give
about 8 * 14 / N_sites (~0.01) neighbours per vacancy; a compact void of 8 gives several.
Usage: vacancy_clusters.py vac.dump [--a 3.2405] [--every K] (the box from the dump)"""
import argparse
import numpy as np


def frames(path):
    with open(path) as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("ITEM: TIMESTEP"):
            step = int(lines[i + 1])
            n = int(lines[i + 3])
            assert lines[i + 4].startswith("ITEM: BOX BOUNDS") and "xy" not in lines[i + 4], \
                "an orthogonal box is expected"
            box = np.array([float(lines[i + 5 + k].split()[1]) - float(lines[i + 5 + k].split()[0])
                            for k in range(3)])
            cols = lines[i + 8].split()[2:]
            rows = [lines[i + 9 + k].split() for k in range(n)]
            xyz = np.array([[float(r[cols.index(c)]) for c in ("x", "y", "z")] for r in rows])
            yield step, box, xyz.reshape(n, 3)
            i += 9 + n
        else:
            i += 1


def largest_cluster(bonded):
    n = len(bonded)
    seen, best = [False] * n, 0
    for s in range(n):
        if seen[s]:
            continue
        stack, size = [s], 0
        seen[s] = True
        while stack:
            v = stack.pop()
            size += 1
            for w in np.nonzero(bonded[v])[0]:
                if not seen[w]:
                    seen[w] = True
                    stack.append(w)
        best = max(best, size)
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dump")
    p.add_argument("--a", type=float, default=3.2405)
    p.add_argument("--every", type=int, default=1)
    args = p.parse_args()
    print("step  vacancies  nn1_per_vacancy  nn2_per_vacancy  largest_cluster")
    for k, (step, box, x) in enumerate(frames(args.dump)):
        if k % args.every:
            continue
        d = x[:, None, :] - x[None, :, :]
        d -= box * np.round(d / box)
        r = np.sqrt((d ** 2).sum(-1)) / args.a
        np.fill_diagonal(r, np.inf)
        nn1 = np.abs(r - np.sqrt(3) / 2) < 0.05
        nn2 = np.abs(r - 1.0) < 0.05
        print(f"{step:5d} {len(x):9d} {nn1.sum() / len(x):16.2f} {nn2.sum() / len(x):16.2f} "
              f"{largest_cluster(nn1 | nn2):16d}")


if __name__ == "__main__":
    main()
