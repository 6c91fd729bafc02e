#!/usr/bin/python3
"""The reference for bench_train: the same SDE (4 dims, full state-dependent diffusion, tanh MLPs
3 x 64, float64) and the same K-scaled Euler-Maruyama likelihood in PyTorch (Debian python3-torch),
trained with AdamW (amsgrad) on batches of 1024. Prints samples/s for 1 and 2 threads.

Same process settings as macrodyn (src/learn/model/cpu_threads.h, tensor_heap.h): OpenBLAS limited to
torch's threads and freed memory kept by glibc. Without them PyTorch ran 3-4x slower here."""
import ctypes
import math
import time

import torch

libc = ctypes.CDLL("libc.so.6")
libc.mallopt(-3, 64 << 20)   # M_MMAP_THRESHOLD
libc.mallopt(-1, 256 << 20)  # M_TRIM_THRESHOLD


def loaded_openblas():
    """The OpenBLAS library the process loaded (behind Debian's torch), or None."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "openblas" in path and ".so" in path:
                return ctypes.CDLL(path)
    return None


OPENBLAS = loaded_openblas()


def set_threads(n):
    torch.set_num_threads(n)
    if OPENBLAS is not None:  # it keeps its own thread pool otherwise
        OPENBLAS.openblas_set_num_threads(n)

torch.set_default_dtype(torch.float64)
D, B, H = 4, 1024, 64
P = D * (D + 1) // 2


def mlp(out):
    return torch.nn.Sequential(torch.nn.Linear(D, H), torch.nn.Tanh(), torch.nn.Linear(H, H),
                               torch.nn.Tanh(), torch.nn.Linear(H, H), torch.nn.Tanh(),
                               torch.nn.Linear(H, out))


class Sde(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.drift = mlp(D)
        self.diffusion = mlp(P)
        rows, cols = torch.tril_indices(D, D)
        self.register_buffer("rows", rows)
        self.register_buffer("cols", cols)
        self.register_buffer("diag", rows == cols)

    def loss(self, z0, dz, dt, K, eps):
        f = self.drift(z0)
        v = self.diffusion(z0)
        v = torch.where(self.diag, torch.nn.functional.softplus(v) + 1e-4, v)
        g = torch.zeros(z0.shape[0], D, D)
        g[:, self.rows, self.cols] = v
        r = dz - f * dt[:, None]
        S = K * g @ g.transpose(1, 2) * dt[:, None, None] + eps * torch.eye(D)
        L = torch.linalg.cholesky(S)
        y = torch.linalg.solve_triangular(L, r[:, :, None], upper=False)[:, :, 0]
        logdet = 2 * torch.log(torch.diagonal(L, dim1=1, dim2=2)).sum(1)
        return 0.5 * ((y * y).sum(1) + logdet + D * math.log(2 * math.pi)).mean()


for threads in (1, 2):
    set_threads(threads)
    torch.manual_seed(1)
    model = Sde()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, amsgrad=True)
    z0, dz, dt = torch.randn(B, D), 0.1 * torch.randn(B, D), torch.ones(B)

    def step():
        opt.zero_grad()
        loss = model.loss(z0, dz, dt, 8.0, 1e-6)
        loss.backward()
        opt.step()

    for _ in range(20):
        step()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3.0:
        step()
        n += 1
    rate = n * B / (time.perf_counter() - start)
    print(f"pytorch threads={threads} samples/s={rate:.0f}")
