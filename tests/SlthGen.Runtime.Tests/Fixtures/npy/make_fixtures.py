#!/usr/bin/env python3
"""Generates the NumPy fixtures that NpyFixtureTests reads (tests never need NumPy at run time).

Run from anywhere with a Python that has NumPy (Debian: apt-get install python3-numpy, then
/usr/bin/python3 make_fixtures.py). Made with NumPy 1.24.2. The .npz files embed the current time in
their zip headers, so regenerating them changes their bytes but not their contents; the .npy files
are reproducible byte for byte.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


int8_2d = np.array([[-128, -1, 0], [1, 64, 127]], dtype=np.int8)
int16_2d = np.array([[-32768, -2, 0, 2], [300, -300, 12345, 32767]], dtype=np.int16)
int32_2d = (np.arange(12, dtype=np.int32).reshape(3, 4) * 1000003 - 5000000).astype(np.int32)
int32_2d[0, 0] = -2**31
int32_2d[2, 3] = 2**31 - 1
int64_1d = np.array([-2**63, -1, 0, 1, 2**63 - 1], dtype=np.int64)
uint8_1d = np.array([0, 1, 127, 128, 255], dtype=np.uint8)
int32_be = np.array([[1, -2], [70000, -70000]], dtype='>i4')
float32_2d = np.array([[0.1, -2.5, 1e-8], [3.4028235e38, -0.0, 1.0]], dtype=np.float32)
float64_1d = np.array([0.1, -1.5, np.inf, -np.inf, np.nan, 5e-324], dtype=np.float64)
float64_be = np.array([0.1, -1.5], dtype='>f8')
fortran_int32 = np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3))
bool_2d = np.array([[True, False, True], [False, False, True]])
unicode_scalar = np.array('ticket \u03b4=2^-4 \U0001d6ff \u2713')
unicode_1d = np.array(['a', 'bc', '', '\u00fcn\u00ef'])
scalar_int64 = np.array(42, dtype=np.int64)
empty_2d = np.zeros((2, 0), dtype=np.int16)
float16_1d = np.array([1.0, 2.0], dtype=np.float16)
uint32_1d = np.array([1, 2], dtype=np.uint32)

for name, array in [
    ('int8_2d', int8_2d), ('int16_2d', int16_2d), ('int32_2d', int32_2d), ('int64_1d', int64_1d),
    ('uint8_1d', uint8_1d), ('int32_be', int32_be), ('float32_2d', float32_2d),
    ('float64_1d', float64_1d), ('float64_be', float64_be), ('fortran_int32', fortran_int32),
    ('bool_2d', bool_2d), ('unicode_scalar', unicode_scalar), ('unicode_1d', unicode_1d),
    ('scalar_int64', scalar_int64), ('empty_2d', empty_2d), ('float16_1d', float16_1d),
    ('uint32_1d', uint32_1d),
]:
    np.save(path(name + '.npy'), array)

# Explicit format versions 2.0 and 3.0 (np.save picks 1.0 for these small headers).
for version in [(2, 0), (3, 0)]:
    with open(path('int16_2d_v%d.npy' % version[0]), 'wb') as f:
        np.lib.format.write_array(f, int16_2d, version=version)

# Two arrays saved one after the other into the same file (read them in turn from one stream).
with open(path('two_arrays.npy'), 'wb') as f:
    np.save(f, int8_2d)
    np.save(f, unicode_1d)

arrays = dict(w1=int8_2d, mask=bool_2d, meta=unicode_scalar, scale=float32_2d, b1=int32_2d)
np.savez(path('arrays.npz'), **arrays)
np.savez_compressed(path('arrays_compressed.npz'), **arrays)
