#!/usr/bin/env python3
"""Regenerates the .npy/.npz/.csv fixtures of core/src/test/java/org/dataeval4j/data/.

Run from anywhere (python3 with numpy; written against numpy 2.x):

    python3 core/src/test/resources/npy/make_fixtures.py

The tests do not run this script; its outputs are committed. Every value is a deterministic
function of the element's flat C-order index k, so the Java tests recompute them independently
(NpyFixtureTest.expected*):

    f8, f4   (k - 5) / 3            (f4: that float64 rounded to float32)
    f2       (k - 5) * 0.25         (exact in float16)
    i1 / u1  (k * 37) mod 2^8             minus 2^7  for i1
    i2 / u2  (k * 7919) mod 2^16          minus 2^15 for i2
    i4 / u4  (k * 2654435761) mod 2^32    minus 2^31 for i4
    i8 / u8  (k * 0x9E3779B97F4A7C15) mod 2^64   minus 2^63 for i8
    b1       k mod 3 == 0
"""
import io
import os
import struct
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

MULT = {1: 37, 2: 7919, 4: 2654435761, 8: 0x9E3779B97F4A7C15}


def values(code, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    k = list(range(n))
    kind, size = code[0], int(code[1:])
    if code in ("f8", "f4"):
        out = np.array([(i - 5) / 3 for i in k], dtype=np.float64).astype(code)
    elif code == "f2":
        out = np.array([(i - 5) * 0.25 for i in k], dtype=np.float16)
    elif code == "b1":
        out = np.array([i % 3 == 0 for i in k], dtype=np.bool_)
    else:
        bits = 8 * size
        u = [(i * MULT[size]) % (1 << bits) for i in k]
        if kind == "i":
            u = [x - (1 << (bits - 1)) for x in u]
        out = np.array(u, dtype=code)
    return out.reshape(shape)


def path(name):
    return os.path.join(HERE, name)


def save(name, arr, version=None):
    with open(path(name), "wb") as f:
        np.lib.format.write_array(f, arr, version=version)


def raw(name, header_dict_text, data=b"", version=(1, 0), pad=True):
    """A hand-written file: magic, version, the given header text, then data."""
    text = header_dict_text.encode("latin1" if version != (3, 0) else "utf8")
    if pad:
        fmt = "<H" if version == (1, 0) else "<I"
        total = 6 + 2 + struct.calcsize(fmt) + len(text) + 1
        text += b" " * ((64 - total % 64) % 64) + b"\n"
    fmt = "<H" if version == (1, 0) else "<I"
    with open(path(name), "wb") as f:
        f.write(b"\x93NUMPY" + bytes(version) + struct.pack(fmt, len(text)) + text + data)


def main():
    shape = (3, 4)
    # Every dtype in both byte orders (one-byte types have no order: '|').
    for code in ["f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"]:
        a = values(code, shape)
        if a.dtype.itemsize == 1:
            save(f"dtype_{code}.npy", a)
        else:
            save(f"dtype_{code}_le.npy", a.astype(a.dtype.newbyteorder("<")))
            save(f"dtype_{code}_be.npy", a.astype(a.dtype.newbyteorder(">")))
    # Fortran order: same logical values, stored column-major.
    save("fortran_f8.npy", np.asfortranarray(values("f8", (3, 4))))
    save("fortran3d_i4_be.npy", np.asfortranarray(values("i4", (2, 3, 4)).astype(">i4")))
    save("fortran3d_f4.npy", np.asfortranarray(values("f4", (2, 3, 4))))
    # Shapes.
    save("shape3d_f4.npy", values("f4", (2, 3, 4)))
    save("vector_f8.npy", values("f8", (5,)))
    save("empty_f4.npy", np.zeros((0, 3), dtype=np.float32))
    save("scalar_f8.npy", np.array(1.5))
    # Format versions.
    save("version1.npy", values("f8", shape), version=(1, 0))
    save("version2.npy", values("f8", shape), version=(2, 0))
    save("version3.npy", values("f8", shape), version=(3, 0))
    # A version 3.0 header that really is UTF-8 (a structured field name), and '=' order.
    raw("version3_utf8.npy", "{'descr': [('\u00e9t\u00e9', '<f8')], 'fortran_order': False, 'shape': (2,), }",
        b"\0" * 16, version=(3, 0))
    raw("native_order_i4.npy", "{'descr': '=i4', 'fortran_order': False, 'shape': (3, 4), }",
        values("i4", shape).astype("=i4").tobytes())
    # Labels.
    save("labels_i8.npy", np.array([0, 1, 2, 1, 0, -1], dtype="<i8"))
    save("labels_u1_column.npy", np.array([[3], [1], [2]], dtype="u1"))
    save("labels_b1.npy", np.array([True, False, True]))
    save("labels_f4.npy", np.array([0, 1, 2], dtype="<f4"))
    save("labels_too_big.npy", np.array([1, 2**31, 3], dtype="<i8"))
    save("labels_u8_huge.npy", np.array([1, 2**64 - 1], dtype="<u8"))
    save("labels_2d.npy", np.zeros((2, 3), dtype="<i4"))
    # Non-finite embeddings: a NaN at row 1, column 2 and an infinity at row 2, column 0.
    bad = values("f8", shape).copy()
    bad[1, 2] = np.nan
    save("nan_f8.npy", bad)
    inf = values("f4", shape).copy()
    inf[2, 0] = -np.inf
    save("inf_f4.npy", inf)
    # Unsupported content.
    save("object.npy", np.array([1, "a", None], dtype=object))
    save("complex.npy", np.array([1 + 2j, 3 - 4j], dtype="<c16"))
    save("string.npy", np.array(["ab", "cd"], dtype="<U2"))
    save("structured.npy", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
    # Broken files.
    with open(path("dtype_f8_le.npy"), "rb") as f:
        good = f.read()
    with open(path("truncated.npy"), "wb") as f:
        f.write(good[:-5])
    with open(path("trailing.npy"), "wb") as f:
        f.write(good + b"\0" * 8)
    with open(path("bad_magic.npy"), "wb") as f:
        f.write(b"\x93NUMPZ" + good[6:])
    with open(path("bad_version.npy"), "wb") as f:
        f.write(good[:6] + bytes([4, 0]) + good[8:])
    with open(path("header_beyond_file.npy"), "wb") as f:
        f.write(good[:8] + struct.pack("<H", 60000) + good[10:100])
    with open(path("tiny.npy"), "wb") as f:
        f.write(good[:4])
    raw("huge_shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000, 100000000000), }")
    raw("overflow_shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }")
    raw("negative_shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 3), }")
    raw("bad_dict.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4)", b"\0" * 96)
    raw("missing_key.npy", "{'descr': '<f8', 'shape': (3, 4), }", b"\0" * 96)
    raw("not_a_dict.npy", "['<f8', False, (3, 4)]", b"\0" * 96)
    # A Python-2-era header: 16-byte alignment and long integers.
    raw("py2_long.npy", "{'descr': '<i2', 'fortran_order': False, 'shape': (2L, 3L), }",
        values("i2", (2, 3)).astype("<i2").tobytes(), pad=False)
    # .npz archives.
    emb = values("f4", (4, 3))
    lab = np.array([0, 1, 1, 0], dtype="<i8")
    np.savez(path("stored.npz"), embeddings=emb, labels=lab)
    np.savez_compressed(path("compressed.npz"), embeddings=values("f8", (4, 3)), labels=lab,
                        other=np.arange(3))
    np.savez(path("single.npz"), values("f8", (2, 5)))
    np.savez(path("two.npz"), a=np.zeros(2), b=np.ones(2))
    with zipfile.ZipFile(path("bad_member.npz"), "w") as z:
        z.writestr("embeddings.npy", good[:-5])
    # CSV as numpy.savetxt writes it (%.18e), with a commented header.
    np.savetxt(path("savetxt.csv"), values("f8", (3, 4)), delimiter=",", header="a,b,c,d")
    np.savetxt(path("savetxt.tsv"), values("f8", (3, 4)), delimiter="\t")
    np.savetxt(path("labels.csv"), np.array([2, 0, 1, -1]), fmt="%d", header="label", comments="")


if __name__ == "__main__":
    main()
