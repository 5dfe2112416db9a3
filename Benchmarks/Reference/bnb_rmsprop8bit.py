#!/usr/bin/env python3
"""bitsandbytes' 8-bit RMSProp on CPU next to torch's Float32 RMSProp, timed like `d2l bench`.

    python bnb_rmsprop8bit.py [--params 10000000 50000000] [--steps 5] [--threads 2]

For each size: one Float32 parameter tensor with a fixed gradient; two warm-up steps, then the
median of --steps timed steps of
  - `bitsandbytes.optim.RMSprop8bit(lr=0.01, alpha=0.99, eps=1e-8)`: blockwise 8-bit state
    (256 values per block, one Float absmax per block), dequantized, updated and requantized
    with torch operations and the library's CPU quantize kernel;
  - `torch.optim.RMSprop(lr=0.01, alpha=0.99, eps=1e-8)`: Float32 state, torch's CPU kernels.
Prints one JSON line per optimizer and size: ns per parameter, seconds per step, versions.

Then it checks what the 8-bit optimizer does with momentum and centered: it runs 5 steps with
momentum 0 and with momentum 0.9 from the same start and gradients and reports whether the
parameters are bit-identical, and whether `centered=True` is accepted.
"""
import argparse
import json
import statistics
import time

import torch

import bitsandbytes
import bitsandbytes.optim


def timed_steps(optimizer, steps):
    for _ in range(2):
        optimizer.step()
    samples = []
    for _ in range(steps):
        start = time.perf_counter()
        optimizer.step()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench(name, make_optimizer, params, steps):
    generator = torch.Generator().manual_seed(0)
    p = torch.nn.Parameter(torch.randn(params, generator=generator) * 0.1)
    p.grad = torch.randn(params, generator=generator) * 0.01
    seconds = timed_steps(make_optimizer([p]), steps)
    print(json.dumps({
        "optimizer": name,
        "params": params,
        "threads": torch.get_num_threads(),
        "ns_per_param": seconds * 1e9 / params,
        "seconds_per_step": seconds,
        "steps": steps,
        "bitsandbytes": bitsandbytes.__version__,
        "torch": torch.__version__,
    }), flush=True)


def run_rmsprop8bit(momentum, steps=5, params=65536):
    generator = torch.Generator().manual_seed(1)
    p = torch.nn.Parameter(torch.randn(params, generator=generator))
    grads = [torch.randn(params, generator=generator) for _ in range(steps)]
    optimizer = bitsandbytes.optim.RMSprop8bit([p], lr=0.01, alpha=0.99, eps=1e-8, momentum=momentum)
    for g in grads:
        p.grad = g.clone()
        optimizer.step()
    return p.detach().clone()


def momentum_check():
    same = torch.equal(run_rmsprop8bit(0.0).view(torch.int32), run_rmsprop8bit(0.9).view(torch.int32))
    try:
        p = torch.nn.Parameter(torch.ones(8192))
        bitsandbytes.optim.RMSprop8bit([p], lr=0.01, centered=True)
        centered = "accepted"
    except NotImplementedError as error:
        centered = f"NotImplementedError: {error}"
    print(json.dumps({
        "momentum_0.9_result_identical_to_momentum_0": same,
        "centered": centered,
    }))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--params", type=int, nargs="+", default=[10_000_000, 50_000_000])
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for params in args.params:
        bench("bitsandbytes.optim.RMSprop8bit", lambda ps: bitsandbytes.optim.RMSprop8bit(ps, lr=0.01, alpha=0.99, eps=1e-8),
              params, args.steps)
        bench("torch.optim.RMSprop", lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-8), params, args.steps)
    momentum_check()


if __name__ == "__main__":
    main()
