"""Records bitsandbytes' dynamic quantization maps and its blockwise 8-bit quantizer on CPU.

Writes bitsandbytes-blockwise.json beside this file. Every Float is stored as its float32 bit
pattern (an unsigned 32-bit integer), so the Swift tests compare bit for bit.

What is recorded, all from bitsandbytes itself:
  maps:      functional.create_dynamic_map(signed=True) and (signed=False), 256 values each,
             computed with torch's native CPU kernels (this machine: AVX-512).
  maps_without_simd: the same maps computed with ATEN_CPU_CAPABILITY=default. torch.linspace
             rounds differently there (no fused multiply-add), and 31 to 42 of the 256 values
             differ by one or two units in the last place.
  cases:     functional.quantize_blockwise / dequantize_blockwise, blocksize 256, with each map:
             the input, the codes (uint8), absmax per block and the dequantized values.

The recorder also checks its reading of bitsandbytes' CPU kernel (csrc/cpu_ops.cpp, compiled
into libbitsandbytes_cpu.so), emulated in numpy below, against every recorded case:
  absmax  = max(0, max_i |x_i|)                      (NaN inputs are skipped)
  codes   = 0 for the whole block when absmax == 0
  v       = clamp(x * (1 / absmax), -1, 1)           (float32, a reciprocal, then a product)
  k       = trunc(fma((v + 1) * 0.5, 65535, 0.5))   low 16 bits (NaN gives 0)
  code    = lut[k], where lut[k] = #{ j : midpoint_j < g_k },
            midpoint_j = (map[j] + map[j+1]) * 0.5,  g_k = (2k) / 65535 - 1
  dequant = map[code] * absmax
so the code is the one nearest to the grid point g_k (ties to the lower code), not the one
nearest to v: below |v| ~ 1.5e-5 the grid (spacing 2/65535) is coarser than the map.

Usage (from the package root; .venv-* is git-ignored):
  python3 -m venv .venv-bnb && .venv-bnb/bin/pip install torch bitsandbytes
  cd Tests/Fixtures/quantization && ../../../.venv-bnb/bin/python record_bitsandbytes.py
"""

import json
import os
import platform
import subprocess
import sys

import numpy as np
import torch

import bitsandbytes
import bitsandbytes.functional as F

BLOCKSIZE = 256
HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "bitsandbytes-blockwise.json")


def bits(array):
    return np.asarray(array, dtype=np.float32).view(np.uint32).tolist()


def maps_json():
    return {
        "signed": bits(F.create_dynamic_map(signed=True).numpy()),
        "unsigned": bits(F.create_dynamic_map(signed=False).numpy()),
    }


def maps_without_simd():
    env = dict(os.environ, ATEN_CPU_CAPABILITY="default")
    script = "import json, sys; sys.path.insert(0, %r); import record_bitsandbytes as r; print(json.dumps(r.maps_json()))" % HERE
    out = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def emulate(x, code):
    """numpy reading of bitsandbytes' CPU quantize_blockwise (see the module docstring)."""
    f32 = np.float32
    mid = ((code[:-1] + code[1:]) * f32(0.5)).astype(f32)
    grid = (np.arange(65536, dtype=np.float32) * f32(2) / f32(65535) - f32(1)).astype(f32)
    lut = np.searchsorted(mid, grid, side="left").astype(np.uint8)  # count of midpoints < g
    codes = np.zeros(len(x), dtype=np.uint8)
    absmax = []
    for start in range(0, len(x), BLOCKSIZE):
        block = x[start:start + BLOCKSIZE]
        finite = np.abs(block[~np.isnan(block)])
        m = f32(max(f32(0), finite.max() if len(finite) else f32(0)))
        absmax.append(m)
        if m == 0:
            continue
        with np.errstate(all="ignore"):
            v = (block * (f32(1) / m)).astype(f32)
            v = np.where(v < -1, f32(-1), np.where(v > 1, f32(1), v)).astype(f32)
            t = ((v + f32(1)) * f32(0.5)).astype(f32)
            # fma(t, 65535, 0.5): the product of two floats is exact in float64, and the sum
            # is rounded once to float32 below (t * 65535 + 0.5 < 2^17, so float64 holds it exactly).
            f = (t.astype(np.float64) * 65535.0 + 0.5).astype(np.float32)
            k = np.where(np.isnan(f), 0, np.trunc(np.nan_to_num(f)).astype(np.int64) & 0xFFFF)
        codes[start:start + BLOCKSIZE] = lut[k]
    return codes, np.array(absmax, dtype=np.float32)


def inputs():
    rng = np.random.default_rng(13)
    f32 = np.float32
    cases = []

    def add(name, description, values):
        cases.append((name, description, np.asarray(values, dtype=np.float32)))

    add("normal", "600 draws from N(0, 1): two full blocks and a tail of 88", rng.normal(size=600))
    add("squares", "512 squares of N(0, 0.01) draws, like RMSProp's mean square",
        (0.01 * rng.normal(size=512)) ** 2)
    magnitudes = 10.0 ** rng.uniform(-30, 10, size=300)
    add("orders", "300 values of magnitude 1e-30 to 1e10, random signs", magnitudes * rng.choice([-1.0, 1.0], size=300))
    add("zeros", "a block of 256 zeros, then a tail of 10 zeros", np.zeros(266))
    add("equal", "a block of 256 times 0.3, then a block of 256 times -2.5",
        np.concatenate([np.full(256, 0.3), np.full(256, -2.5)]))
    add("tail", "100 draws from N(0, 3): one block shorter than 256", 3 * rng.normal(size=100))
    tiny = np.concatenate([
        np.array([1.4e-45, -1.4e-45, 2.8e-45, 1e-40, -1e-39, 1e-38, 1.17549435e-38, 0.0], dtype=np.float32),
        (10.0 ** rng.uniform(-45, -36, size=248) * rng.choice([-1.0, 1.0], size=248)).astype(np.float32),
        (10.0 ** rng.uniform(-44, -39, size=40)).astype(np.float32),
    ])
    add("tiny", "subnormal and tiny values: a block with absmax near 1e-36, then a block of subnormals only", tiny)
    for name, signed in (("signed", True), ("unsigned", False)):
        code = F.create_dynamic_map(signed=signed).numpy()
        mids = ((code[:-1] + code[1:]) * f32(0.5)).astype(f32)
        add(f"ties-{name}", f"the {name} map's values and the midpoints between them, with absmax 1",
            np.concatenate([code, mids]))
    k = np.arange(0, 65536, 257, dtype=np.float32)
    grid = (k * f32(2) / f32(65535) - f32(1)).astype(f32)
    edges = (((k + f32(0.5)) * f32(2) / f32(65535)) - f32(1)).astype(f32)
    add("grid", "points of the 65536-step grid on [-1, 1] and the edges between grid cells, with absmax 1",
        np.concatenate([[f32(1)], grid, edges]))
    add("nonfinite", "NaN and infinities: a block with a NaN, then a block with an infinity",
        np.concatenate([[np.nan, 1.0, -2.0, 0.5, 0.0], np.full(251, 0.25), [np.inf, -1.0, 3.0, 0.0]]))
    return cases


def record_case(name, description, x):
    entry = {"name": name, "description": description, "input": bits(x)}
    maps = {"signed": F.create_dynamic_map(signed=True), "unsigned": F.create_dynamic_map(signed=False)}
    for map_name, code in maps.items():
        before = code.clone()
        q, state = F.quantize_blockwise(torch.from_numpy(x.copy()), code=code, blocksize=BLOCKSIZE)
        assert torch.equal(before.view(torch.int32), code.view(torch.int32)), "quantize_blockwise changed the map"
        deq = F.dequantize_blockwise(q, state)
        codes, absmax = q.numpy(), state.absmax.numpy()
        e_codes, e_absmax = emulate(x, code.numpy())
        assert np.array_equal(codes, e_codes), f"{name}/{map_name}: codes differ from the emulation"
        assert np.array_equal(absmax.view(np.uint32), e_absmax.view(np.uint32)), f"{name}/{map_name}: absmax"
        with np.errstate(invalid="ignore"):
            expected = (code.numpy()[codes] * np.repeat(absmax, BLOCKSIZE)[: len(x)]).astype(np.float32)
        assert np.array_equal(deq.numpy().view(np.uint32), expected.view(np.uint32)), f"{name}/{map_name}: dequantized"
        entry[map_name] = {"codes": codes.tolist(), "absmax": bits(absmax), "dequantized": bits(deq.numpy())}
    return entry


def main():
    header = {
        "recorded_with": {
            "bitsandbytes": bitsandbytes.__version__,
            "torch": torch.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}, torch CPU capability {torch.backends.cpu.get_cpu_capability()}",
        },
        "blocksize": BLOCKSIZE,
        "encoding": "every Float is its float32 bit pattern; codes are uint8",
        "maps": maps_json(),
        "maps_without_simd": maps_without_simd(),
    }
    cases = [record_case(*case) for case in inputs()]
    with open(OUTPUT, "w") as out:
        out.write("{\n")
        for key, value in header.items():
            out.write(f"  {json.dumps(key)}: {json.dumps(value, separators=(',', ':'))},\n")
        out.write('  "cases": [\n')
        out.write(",\n".join("    " + json.dumps(c, separators=(",", ":")) for c in cases))
        out.write("\n  ]\n}\n")
    elements = sum(len(c["input"]) for c in cases)
    print(f"bitsandbytes {bitsandbytes.__version__}, torch {torch.__version__}: "
          f"{len(cases)} cases, {elements} elements -> {os.path.basename(OUTPUT)}")


if __name__ == "__main__":
    main()
