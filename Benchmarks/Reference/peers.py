#!/usr/bin/env python3
"""One RMSProp step of PyTorch or Optax over N Float32 parameters, timed like `d2l bench`.

    python peers.py torch --params 50000000 [--tensors 1] [--steps 10] [--threads T]
    python peers.py optax --params 50000000 [--tensors 1] [--steps 10]

Prints one JSON line: {"ns_per_param", "gb_per_s", "threads", "framework", "version", ...},
the median over --steps timed steps after two warm-up steps. GB/s counts the 20 bytes per
parameter a fused RMSProp step must move (read p, g, s; write p, s), whatever the framework
actually moves, so the numbers compare with `d2l bench` and the C loop directly.

torch: `torch.optim.RMSprop(params, lr=0.01)` with its default settings (alpha 0.99, eps 1e-8,
the implementation torch picks for CPU tensors); torch's own thread count unless --threads.
optax: `optax.rmsprop(0.01)` (decay 0.9, eps 1e-8), the update and `apply_updates` in one
`jax.jit` with the parameters and the state donated, so XLA updates them in place. XLA's
thread count follows the CPUs the process may run on: the runner script uses `taskset`.
"""
import argparse
import json
import os
import statistics
import time

BYTES_PER_PARAMETER = 20


def sizes(params, tensors):
    base, extra = divmod(params, tensors)
    return [base + (1 if i < extra else 0) for i in range(tensors)]


def report(framework, version, threads, params, tensors, samples, extra=None):
    median = statistics.median(samples)
    result = {
        "ns_per_param": median * 1e9 / params,
        "gb_per_s": BYTES_PER_PARAMETER * params / median / 1e9,
        "threads": threads,
        "framework": framework,
        "version": version,
        "params": params,
        "tensors": tensors,
        "seconds_per_step": median,
        "steps": len(samples),
    }
    result.update(extra or {})
    print(json.dumps(result))


def run_torch(args):
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(0)
    params = []
    for n in sizes(args.params, args.tensors):
        p = torch.nn.Parameter(torch.randn(n, generator=generator) * 0.1)
        p.grad = torch.randn(n, generator=generator) * 0.01
        params.append(p)
    optimizer = torch.optim.RMSprop(params, lr=0.01)
    samples = []
    with torch.no_grad():
        for k in range(args.steps + 2):
            start = time.perf_counter()
            optimizer.step()
            elapsed = time.perf_counter() - start
            if k >= 2:
                samples.append(elapsed)
    report("torch", torch.__version__, torch.get_num_threads(), args.params, args.tensors, samples,
           {"defaults": {key: optimizer.defaults[key] for key in ("alpha", "eps", "foreach", "maximize")}})


def run_optax(args):
    import jax
    import jax.numpy as jnp
    import optax

    optimizer = optax.rmsprop(0.01)

    def step(params, state, grads):
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state

    step = jax.jit(step, donate_argnums=(0, 1))
    key = jax.random.PRNGKey(0)
    params, grads = [], []
    for n in sizes(args.params, args.tensors):
        key, a, b = jax.random.split(key, 3)
        params.append(jax.random.normal(a, (n,), dtype=jnp.float32) * 0.1)
        grads.append(jax.random.normal(b, (n,), dtype=jnp.float32) * 0.01)
    state = optimizer.init(params)
    samples = []
    for k in range(args.steps + 2):
        start = time.perf_counter()
        params, state = step(params, state, grads)
        jax.block_until_ready(params)
        elapsed = time.perf_counter() - start
        if k >= 2:
            samples.append(elapsed)
    threads = len(os.sched_getaffinity(0))
    report("optax", f"optax {optax.__version__}, jax {jax.__version__}", threads, args.params, args.tensors, samples,
           {"xla_flags": os.environ.get("XLA_FLAGS", "")})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("framework", choices=["torch", "optax"])
    parser.add_argument("--params", type=int, default=50_000_000)
    parser.add_argument("--tensors", type=int, default=1)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=0, help="torch only: torch.set_num_threads")
    args = parser.parse_args()
    if args.params < 1 or not 1 <= args.tensors <= args.params or args.steps < 1:
        parser.error("--params ≥ 1, 1 ≤ --tensors ≤ --params, --steps ≥ 1")
    {"torch": run_torch, "optax": run_optax}[args.framework](args)


if __name__ == "__main__":
    main()
