"""Checks a SlthGen ticket file with nothing but NumPy and the documented PRNG.

Usage: python3 tools/check_ticket.py ticket.npz

1. Rebuilds the ticket's forward pass from its masked weights and the target's from its
   weights, and compares them on every input of the declared domain (or 20,000 random ones).
2. Re-derives every kept weight from the seed (docs/random-network.md) and compares.
"""
import itertools
import sys

import numpy as np

z = np.load(sys.argv[1])
m = int(z["activation_bits"])

def ticket(x):
    a = np.asarray(x, dtype=np.int64)                  # inputs in units of 2^-m
    if z["constant_channel"]:
        a = np.append(a, 1 << m)                       # the constant channel, value 1
    i = 1
    while f"M{i}_weights" in z:
        a = z[f"M{i}_weights"].astype(np.int64) @ a    # masked weights: pruned ones are 0
        if z[f"M{i}_relu"]:
            a = np.maximum(a, 0)
        a = a >> int(z[f"M{i}_shift"])                 # floor toward -inf, like [.]_gamma
        i += 1
    return a

def target(x):
    t = int(z["target_bits"])
    a = np.asarray(x, dtype=np.int64)
    L = len(z["shape"]) - 1
    for i in range(1, L + 1):
        s = z[f"target_W{i}"].astype(np.int64) @ a
        if f"target_b{i}" in z:
            s = s + (z[f"target_b{i}"].astype(np.int64) << m)
        if i < L:
            s = np.maximum(s, 0)
        a = s >> t
    return a

lo, hi = int(z["input_min"]), int(z["input_max"])
d = int(z["shape"][0])
if (hi - lo + 1) ** d <= 1 << 20:
    inputs = itertools.product(range(lo, hi + 1), repeat=d)
else:
    inputs = np.random.default_rng(0).integers(lo, hi + 1, size=(20000, d))
count = 0
for x in inputs:
    assert (ticket(x) == target(x)).all(), f"ticket != target at {x}"
    count += 1
print("ticket == target on", count, "inputs")

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
i, kept = 1, 0
while f"M{i}_mask" in z:
    for r, c in zip(*np.nonzero(z[f"M{i}_mask"])):
        assert z[f"M{i}_weights"][r, c] == g_weight(seed, i, int(r), int(c), b_in, nonzero) >> (b_in - b)
        kept += 1
    i += 1
print(kept, "kept weights are the seeded random weights reduced to delta")
