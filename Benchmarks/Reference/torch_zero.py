#!/usr/bin/env python3
"""PyTorch's sharded RMSProp, the reference for data-parallel training: DDP with
ZeroRedundancyOptimizer(optimizer_class=torch.optim.RMSprop), the gloo backend, on CPU.

    torchrun --nproc_per_node 2 torch_zero.py [--data FILE] [--hidden 1024,1024]
        [--batch-size 64] [--steps 50] [--state-params 50000000] [--state-tensors 1,50]
        [--threads 1]

In a venv outside the repository: `python3 -m venv venv && venv/bin/pip install torch numpy`,
then `venv/bin/torchrun --nproc_per_node 2 Benchmarks/Reference/torch_zero.py
--data ../shared/data/airfoil_self_noise.dat`.

Two measurements, each the median over --steps timed steps after three warm-up steps; rank 0
prints one JSON line for each:

- "mlp": a ReLU MLP regression (5 inputs, --hidden layers, 1 output; 1,056,769 parameters with
  the default 1024,1024) wrapped in DistributedDataParallel. Each step takes the next global
  minibatch of --batch-size rows, every rank its contiguous part of it; forward, backward (DDP
  sums the gradients with allreduce), then the ZeRO step (each rank updates the parameters it
  owns, then broadcasts them). Reports the whole step and the optimizer step alone.
- "step": the ZeRO optimizer step alone over --state-params floats split into each count of
  tensors in --state-tensors, with fixed gradients. ZeroRedundancyOptimizer shards whole
  tensors, not elements: one large tensor lands on one rank, which then holds all of the state.
  It also times the step together with the gradient reduction DDP would do before it in the
  backward pass ("median_reduce_and_step_ms"): the gradients are views into flat buckets of at
  most 25 MB (DDP's bucket_cap_mb; a larger tensor is a bucket of its own), and each bucket is
  divided by the world size and all-reduced (DDP's default communication hook), then
  ZeroRedundancyOptimizer.step() runs (DDP also makes its first bucket 1 MB; not here).
  Writing the fixed gradients before each step is not timed. This is what one swift-d2l
  data-parallel step does: reduce the gradient, update, and gather the parameters.

"optimizer_state_bytes_per_rank" lists, per rank, the bytes of the tensors in that rank's
torch.optim.RMSprop state (square_avg; step is a 0-d tensor per parameter).

The data is the airfoil self-noise file (5 features, 1 label) standardized per column when
--data names it, else 1500 rows drawn from a fixed generator in the same shape. RMSprop uses
the section's settings: lr 0.01, alpha (gamma) 0.9, eps 1e-6. --threads sets torch's intra-op
threads per rank (default 1: two ranks on a two-core machine).
"""
import argparse
import json
import os
import statistics
import time

import torch
import torch.distributed as dist
from torch.distributed.optim import ZeroRedundancyOptimizer
from torch.nn.parallel import DistributedDataParallel

WARMUP_STEPS = 3
BUCKET_BYTES = 25 * 1024 * 1024
RMSPROP = {"lr": 0.01, "alpha": 0.9, "eps": 1e-6}


def load_rows(path):
    if path:
        with open(path) as handle:
            rows = [[float(x) for x in line.split()] for line in handle if line.strip()]
        table = torch.tensor(rows, dtype=torch.float32)
    else:
        table = torch.randn(1500, 6, generator=torch.Generator().manual_seed(0))
    table = (table - table.mean(dim=0)) / table.std(dim=0)
    return table[:, :5].contiguous(), table[:, 5:].contiguous()


def mlp(hidden):
    layers, width = [], 5
    for size in hidden:
        layers += [torch.nn.Linear(width, size), torch.nn.ReLU()]
        width = size
    layers.append(torch.nn.Linear(width, 1))
    return torch.nn.Sequential(*layers)


def part(count, parts, index):
    """The contiguous range of `count` items for part `index` of `parts` (sizes differ by ≤ 1)."""
    base, extra = divmod(count, parts)
    start = index * base + min(index, extra)
    return start, start + base + (1 if index < extra else 0)


def state_bytes(optimizer):
    total = 0
    for state in optimizer.optim.state.values():
        for value in state.values():
            if torch.is_tensor(value):
                total += value.numel() * value.element_size()
    return total


def gathered(value):
    values = [None] * dist.get_world_size()
    dist.all_gather_object(values, value)
    return values


def median_ms(samples):
    return statistics.median(samples) * 1e3


def bench_mlp(args, rank, world):
    torch.manual_seed(0)
    features, labels = load_rows(args.data)
    model = DistributedDataParallel(mlp(args.hidden))
    optimizer = ZeroRedundancyOptimizer(
        model.parameters(), optimizer_class=torch.optim.RMSprop, **RMSPROP
    )
    loss_function = torch.nn.MSELoss()
    rows = features.shape[0]
    start, end = part(args.batch_size, world, rank)
    step_times, optimizer_times, position = [], [], 0
    for step in range(WARMUP_STEPS + args.steps):
        if position + args.batch_size > rows:
            position = 0
        batch = slice(position + start, position + end)
        position += args.batch_size
        began = time.perf_counter()
        optimizer.zero_grad(set_to_none=False)
        # DDP averages gradients over ranks; each rank's loss is scaled so that the average is
        # the gradient of the mean loss over the global minibatch, as one process computes it.
        local = loss_function(model(features[batch]), labels[batch]) * (end - start)
        (local * world / args.batch_size).backward()
        stepped = time.perf_counter()
        optimizer.step()
        finished = time.perf_counter()
        if step >= WARMUP_STEPS:
            step_times.append(finished - began)
            optimizer_times.append(finished - stepped)
    parameters = sum(p.numel() for p in model.parameters())
    return {
        "benchmark": "mlp",
        "parameters": parameters,
        "hidden": args.hidden,
        "global_batch_size": args.batch_size,
        "median_step_ms": median_ms(step_times),
        "median_optimizer_step_ms": median_ms(optimizer_times),
        "median_step_ms_per_rank": gathered(median_ms(step_times)),
        "optimizer_state_bytes_per_rank": gathered(state_bytes(optimizer)),
        "single_process_state_bytes": 4 * parameters,
    }


def gradient_buckets(sizes):
    """DDP's buckets: consecutive tensors, in reverse order, up to BUCKET_BYTES each (a larger
    tensor alone), as lists of tensor indices."""
    buckets, current, current_bytes = [], [], 0
    for index in reversed(range(len(sizes))):
        size_bytes = 4 * sizes[index]
        if current and current_bytes + size_bytes > BUCKET_BYTES:
            buckets.append(current)
            current, current_bytes = [], 0
        current.append(index)
        current_bytes += size_bytes
    buckets.append(current)
    return buckets


def bench_step(args, tensors):
    generator = torch.Generator().manual_seed(0)
    base, extra = divmod(args.state_params, tensors)
    sizes = [base + (1 if index < extra else 0) for index in range(tensors)]
    params = [torch.nn.Parameter(torch.randn(size, generator=generator) * 0.1) for size in sizes]
    fixed = [torch.randn(size, generator=generator) * 0.01 for size in sizes]
    flat_buckets = []
    for bucket in gradient_buckets(sizes):
        flat = torch.empty(sum(sizes[index] for index in bucket))
        offset = 0
        for index in bucket:
            params[index].grad = flat[offset:offset + sizes[index]]
            offset += sizes[index]
        flat_buckets.append(flat)
    for p, g in zip(params, fixed):
        p.grad.copy_(g)
    optimizer = ZeroRedundancyOptimizer(params, optimizer_class=torch.optim.RMSprop, **RMSPROP)
    world = dist.get_world_size()
    samples = []
    for step in range(WARMUP_STEPS + args.steps):
        dist.barrier()
        began = time.perf_counter()
        optimizer.step()
        finished = time.perf_counter()
        if step >= WARMUP_STEPS:
            samples.append(finished - began)
    reduce_and_step = []
    for step in range(WARMUP_STEPS + args.steps):
        for p, g in zip(params, fixed):
            p.grad.copy_(g)
        dist.barrier()
        began = time.perf_counter()
        for flat in flat_buckets:
            flat.div_(world)
            dist.all_reduce(flat)
        optimizer.step()
        finished = time.perf_counter()
        if step >= WARMUP_STEPS:
            reduce_and_step.append(finished - began)
    return {
        "benchmark": "step",
        "parameters": args.state_params,
        "tensors": tensors,
        "median_step_ms": median_ms(samples),
        "median_step_ms_per_rank": gathered(median_ms(samples)),
        "median_reduce_and_step_ms": median_ms(reduce_and_step),
        "median_reduce_and_step_ms_per_rank": gathered(median_ms(reduce_and_step)),
        "gradient_buckets": len(flat_buckets),
        "optimizer_state_bytes_per_rank": gathered(state_bytes(optimizer)),
        "single_process_state_bytes": 4 * args.state_params,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data")
    parser.add_argument("--hidden", default="1024,1024")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--state-params", type=int, default=50_000_000)
    parser.add_argument("--state-tensors", default="1,50")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    args.hidden = [int(x) for x in args.hidden.split(",")]
    torch.set_num_threads(args.threads)
    dist.init_process_group("gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    common = {
        "framework": "torch",
        "version": torch.__version__,
        "backend": "gloo",
        "world_size": world,
        "threads_per_rank": args.threads,
    }
    results = [bench_mlp(args, rank, world)]
    results += [bench_step(args, int(n)) for n in args.state_tensors.split(",")]
    if rank == 0:
        for result in results:
            print(json.dumps({**result, **common}))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
