#!/usr/bin/python3
"""Independent reference for MACRODYN's learned-barrier KMC (issue 9).

Follows the procedure of ../shared/data/nnk/README.md with numpy only, sharing no code with
MACRODYN: the voxel grid of a/2 over the periodic box, the 9x9x9 block around the vacancy with the
7.5 A sphere, the 8 jump frames of the README's table, the published weights
(nbmota_nnk_weights.npy: 4 x Linear + BatchNorm(eval, eps 1e-5) + ReLU, then Linear), rates
1e13 exp(-E/kT) and the residence-time algorithm. Start: the study's 1024-atom configuration with
atom 1 (at the origin) replaced by a vacancy.

Writes <prefix>_sro.csv (6 first-shell delta_ab every 10000 events) and <prefix>_barriers.csv
(the vacancy's candidate barriers by migrating species every 100 events), the same files as
nnk_trajectory.

usage: nnk_reference.py <nnk dir> <seed> <events> <T/K> <prefix>
"""
import sys

import numpy as np

A = 3.24
HALF = A / 2
CELLS = 8
NV = 2 * CELLS  # voxels per axis
KB = 8.617333e-5
SRO_EVERY, BARRIER_EVERY = 10000, 100
NAMES = {1: "Nb", 2: "Mo", 3: "Ta"}

# Source offset of feature (u, v, w) for the jump toward voxel offset d (README table).
FRAME_SOURCE = {
    (1, 1, 1): lambda u, v, w: (u, v, w),
    (1, 1, -1): lambda u, v, w: (u, v, -w),
    (1, -1, 1): lambda u, v, w: (v, -u, w),
    (1, -1, -1): lambda u, v, w: (v, -u, -w),
    (-1, 1, 1): lambda u, v, w: (-v, u, w),
    (-1, 1, -1): lambda u, v, w: (-v, u, -w),
    (-1, -1, 1): lambda u, v, w: (-u, -v, w),
    (-1, -1, -1): lambda u, v, w: (-u, -v, -w),
}
JUMPS = list(FRAME_SOURCE)


def load_network(nnk_dir):
    w = np.load(f"{nnk_dir}/nbmota_nnk_weights.npy", allow_pickle=True)
    layers = []
    for k in range(4):
        W, b, gamma, beta, mean, var = (np.asarray(w[6 * k + j], dtype=np.float64) for j in range(6))
        layers.append((W, b, gamma, beta, mean, var))
    Wo, bo = np.asarray(w[24], dtype=np.float64), np.asarray(w[25], dtype=np.float64)

    def forward(x):
        h = x
        for W, b, gamma, beta, mean, var in layers:
            h = h @ W + b
            h = (h - mean) / np.sqrt(var + 1e-5) * gamma + beta
            h = np.maximum(h, 0.0)
        return (h @ Wo + bo).reshape(-1)

    return forward


def read_start(path):
    grid = np.zeros((NV, NV, NV), dtype=np.int64)
    vacancy = None
    with open(path) as f:
        lines = f.read().splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("ITEM: ATOMS")) + 1
    for line in lines[start:]:
        if not line.strip():
            continue
        atom, kind, x, y, z = line.split()[:5]
        vox = tuple(int(round(float(c) / HALF)) % NV for c in (x, y, z))
        if int(atom) == 1:
            vacancy = np.array(vox)
            grid[vox] = 0
        else:
            grid[vox] = int(kind)
    return grid, vacancy


def block_indices():
    """For each jump frame, the voxel offsets (9^3 features, row-major) its features read, and
    the mask of features inside the 7.5 A sphere."""
    offsets, masks = [], []
    rng = range(-4, 5)
    for d in JUMPS:
        src, mask = [], []
        for u in rng:
            for v in rng:
                for w in rng:
                    s = FRAME_SOURCE[d](u, v, w)
                    src.append(s)
                    mask.append(HALF * np.sqrt(s[0] ** 2 + s[1] ** 2 + s[2] ** 2) <= 7.5)
        offsets.append(np.array(src))
        masks.append(np.array(mask))
    return np.stack(offsets), np.stack(masks)  # [8, 729, 3], [8, 729]


def deltas(grid):
    """First-shell delta_ab = P_ab / N_a - z c_b (P directed pair counts), a <= b."""
    site = np.zeros_like(grid, dtype=bool)
    idx = np.indices(grid.shape)
    site[(idx[0] % 2 == idx[1] % 2) & (idx[1] % 2 == idx[2] % 2)] = True
    n = {a: np.count_nonzero(grid == a) for a in (1, 2, 3)}
    total = sum(n.values())
    counts = {}
    for a in (1, 2, 3):
        for b in (1, 2, 3):
            c = 0
            for d in JUMPS:
                shifted = np.roll(grid, shift=(-d[0], -d[1], -d[2]), axis=(0, 1, 2))
                c += np.count_nonzero((grid == a) & (shifted == b) & site)
            counts[a, b] = c
    out = []
    for a in (1, 2, 3):
        for b in (1, 2, 3):
            if b >= a:
                out.append(counts[a, b] / n[a] - 8 * n[b] / total)
    return out


def main():
    nnk_dir, seed, events, T, prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    forward = load_network(nnk_dir)
    grid, vac = read_start(f"{nnk_dir}/initial_N_1024_equimolar.dump")
    offsets, masks = block_indices()
    jumps = np.array(JUMPS)
    kT = KB * T
    rng = np.random.default_rng(seed)
    time = 0.0
    with open(f"{prefix}_sro.csv", "w") as sro, open(f"{prefix}_barriers.csv", "w") as bar:
        sro.write("seed,events,time,delta_NbNb,delta_NbMo,delta_NbTa,delta_MoMo,delta_MoTa,delta_TaTa\n")
        bar.write("seed,events,species,barrier\n")
        for done in range(events + 1):
            pos = (vac[None, None, :] + offsets) % NV  # [8, 729, 3]
            x = np.where(masks, grid[pos[..., 0], pos[..., 1], pos[..., 2]], 0).astype(np.float64)
            barriers = forward(x)
            targets = (vac[None, :] + jumps) % NV
            species = grid[targets[:, 0], targets[:, 1], targets[:, 2]]
            if done % SRO_EVERY == 0:
                sro.write(f"{seed},{done},{time:.10g}," + ",".join(f"{d:.10g}" for d in deltas(grid)) + "\n")
            if done % BARRIER_EVERY == 0:
                for s, e in zip(species, barriers):
                    if s:
                        bar.write(f"{seed},{done},{NAMES[s]},{e:.8g}\n")
            if done == events:
                break
            rates = np.where(species > 0, 1e13 * np.exp(-barriers / kT), 0.0)
            total = rates.sum()
            k = int(np.searchsorted(np.cumsum(rates), rng.random() * total, side="right"))
            k = min(k, 7)
            time += -np.log(1.0 - rng.random()) / total
            t = tuple(targets[k])
            grid[tuple(vac)], grid[t] = grid[t], 0
            vac = np.array(t)


if __name__ == "__main__":
    main()
