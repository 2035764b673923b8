"""Writes the weights of the 784-500-10 compile-time benchmark network (tests/SlthGen.LargeTicket).

Usage: python3 tools/make_large_network.py [out.npz]
       (default: tests/SlthGen.LargeTicket/large-784-500-10.npz)

W1 int8 [500, 784] and W2 int8 [10, 500], every value uniform in [-16, 16] (units of 2^-4, so
the whole of S_δt at TargetBits = 4), no biases, drawn in that order from
numpy.random.default_rng(20261126) exactly as BENCHMARKS.md's earlier recipe drew them
(int64 draws, then int8). The .npz is written by hand with fixed zip timestamps and no
compression (np.savez stamps the current time), so the same NumPy gives the same bytes.
"""
import io
import pathlib
import sys
import zipfile

import numpy as np

SEED = 20261126
SHAPES = {"W1": (500, 784), "W2": (10, 500)}
DEFAULT_OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "SlthGen.LargeTicket" / "large-784-500-10.npz"


def arrays():
    rng = np.random.default_rng(SEED)
    return {name: rng.integers(-16, 17, shape).astype(np.int8) for name, shape in SHAPES.items()}


def write_npz(path, named):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, array in named.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            z.writestr(info, buffer.getvalue())


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    named = arrays()
    write_npz(out, named)
    # Read back through NumPy's own loader: the file is an ordinary .npz.
    with np.load(out) as z:
        assert sorted(z.files) == sorted(named)
        for name, array in named.items():
            assert z[name].dtype == np.int8 and z[name].shape == array.shape and (z[name] == array).all()
    print(f"wrote {out}: " + ", ".join(f"{n} {a.dtype}{list(a.shape)} in [{a.min()}, {a.max()}]" for n, a in named.items()))


if __name__ == "__main__":
    main()
