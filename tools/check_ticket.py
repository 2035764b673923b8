"""Checks a SlthGen ticket file with nothing but NumPy and the documented PRNG.

Usage: python3 tools/check_ticket.py ticket.npz

Reads both layouts of docs/ticket-format.md: slthgen-ticket/1 (dense masks and weights) and
slthgen-ticket/2 (CSR data/indices/indptr per matrix).

1. Rebuilds the ticket's forward pass from its kept weights and the target's from its weights,
   and compares them on every input of the declared domain when it has at most 2^20 points, else
   on seeded random inputs: 20,000, or fewer for a large ticket so that the check does about
   2·10^9 multiply-adds (never fewer than 200).
2. Re-derives every kept weight from the seed (docs/random-network.md) and compares.
"""
import itertools
import sys

import numpy as np

z = np.load(sys.argv[1])
m = int(z["activation_bits"])
FORMAT = str(z["format"])
assert FORMAT in ("slthgen-ticket/1", "slthgen-ticket/2"), f"unknown format {FORMAT}"
SPARSE = FORMAT == "slthgen-ticket/2"

def csr(i):
    """Matrix M_i as CSR arrays (data int64, indices, indptr, rows), from either layout."""
    if SPARSE:
        rows, cols = (int(v) for v in z[f"M{i}_shape"])
        data, indices, indptr = z[f"M{i}_data"].astype(np.int64), z[f"M{i}_indices"].astype(np.int64), z[f"M{i}_indptr"].astype(np.int64)
        assert indptr.shape == (rows + 1,) and indptr[0] == 0 and indptr[-1] == len(data) == len(indices), f"M{i}: inconsistent CSR arrays"
        assert (np.diff(indptr) >= 0).all() and ((0 <= indices) & (indices < cols)).all(), f"M{i}: indptr decreases or a column is out of range"
        return data, indices, indptr, rows
    mask, weights = z[f"M{i}_mask"], z[f"M{i}_weights"].astype(np.int64)
    assert (weights[~mask] == 0).all(), f"M{i}: a weight where the mask prunes it"
    r, c = np.nonzero(mask)                                  # row-major order: CSR order
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=mask.shape[0]))])
    return weights[r, c], c.astype(np.int64), indptr, mask.shape[0]

MATRICES = []
i = 1
while f"M{i}_relu" in z:
    MATRICES.append((csr(i), bool(z[f"M{i}_relu"]), int(z[f"M{i}_shift"])))
    i += 1

def product(matrix, a):
    """M·a for a batch a of shape (B, cols), exactly in int64: (B, rows)."""
    data, indices, indptr, rows = matrix
    out = np.zeros((a.shape[0], rows), dtype=np.int64)
    starts = np.flatnonzero(np.diff(indptr))                 # rows with at least one kept weight
    if len(starts):
        out[:, starts] = np.add.reduceat(a[:, indices] * data, indptr[starts], axis=1)
    return out

def ticket(x):
    a = np.asarray(x, dtype=np.int64)                        # (B, d_0) inputs in units of 2^-m
    if z["constant_channel"]:
        a = np.hstack([a, np.full((a.shape[0], 1), 1 << m, dtype=np.int64)])   # the constant channel, value 1
    for matrix, relu, shift in MATRICES:
        a = product(matrix, a)                               # pruned weights are simply absent
        if relu:
            a = np.maximum(a, 0)
        a = a >> shift                                       # floor toward -inf, like [.]_gamma
    return a

def target(x):
    t = int(z["target_bits"])
    a = np.asarray(x, dtype=np.int64).T                      # (d_0, B)
    L = len(z["shape"]) - 1
    for i in range(1, L + 1):
        s = z[f"target_W{i}"].astype(np.int64) @ a
        if f"target_b{i}" in z:
            s = s + (z[f"target_b{i}"].astype(np.int64) << m)[:, None]
        if i < L:
            s = np.maximum(s, 0)
        a = s >> t
    return a.T

lo, hi = int(z["input_min"]), int(z["input_max"])
d = int(z["shape"][0])
kept_total = sum(len(matrix[0]) for matrix, _, _ in MATRICES)
if (hi - lo + 1) ** d <= 1 << 20:
    inputs = np.array(list(itertools.product(range(lo, hi + 1), repeat=d)), dtype=np.int64).reshape(-1, d)
else:
    samples = max(200, min(20000, 2 * 10**9 // max(1, kept_total)))
    inputs = np.random.default_rng(0).integers(lo, hi + 1, size=(samples, d))
batch = max(1, min(4096, 2 * 10**7 // max(1, max(len(matrix[0]) for matrix, _, _ in MATRICES))))
for start in range(0, len(inputs), batch):
    x = inputs[start:start + batch]
    differs = (ticket(x) != target(x)).any(axis=1)
    assert not differs.any(), f"ticket != target at {x[np.argmax(differs)].tolist()}"
print("ticket == target on", len(inputs), "inputs")

M64 = 2**64
GAMMA = 0x9E3779B97F4A7C15
def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % M64
    return z ^ (z >> 31)
class Stream:
    def __init__(self, state): self.s = state % M64
    def next(self):
        self.s = (self.s + GAMMA) % M64
        return mix(self.s)
    def below(self, r):
        m = self.next() * r
        if m % M64 < r:
            t = (M64 - r) % r
            while m % M64 < t:
                m = self.next() * r
        return m >> 64
def weight(stream, b, nonzero=False):
    one = 1 << b
    if nonzero:
        u = stream.below(2 * one)
        return u - one if u < one else u - one + 1
    return stream.below(2 * one + 1) - one
def derive(k, c): return mix((k + GAMMA * (c + 1)) % M64)
def g_weight(seed, layer, row, col, b_in, nonzero=False):
    key = derive(derive(derive(seed % M64, layer), row), col)
    return weight(Stream(key), b_in, nonzero)

seed, b_in, b = int(z["seed"]), int(z["init_bits"]), int(z["ticket_bits"])
nonzero = str(z["construction"]) == "DepthLPlus1"
kept = 0
for i, ((data, indices, indptr, rows), _, _) in enumerate(MATRICES, start=1):
    for r in range(rows):
        for e in range(indptr[r], indptr[r + 1]):
            c = int(indices[e])
            assert data[e] == g_weight(seed, i, r, c, b_in, nonzero) >> (b_in - b), f"M{i}[{r},{c}] is not g's seeded weight"
            kept += 1
print(kept, "kept weights are the seeded random weights reduced to delta")
