#!/usr/bin/env python3
"""Record MXNet 1.9.1 RMSProp trajectories for the `mxnet` preset.

Calls MXNet's own optimizer: `mx.optimizer.create('rmsprop', ...)` driven by
`mx.optimizer.get_updater(opt)`, one `updater(index, grad, weight)` call per
parameter per step (index 0 = w or x, index 1 = b). That is the path Gluon's
Trainer and Module take: Python computes lr (scheduler x lr_mult) and wd
(wd x wd_mult) and the fused C++ op `rmsprop_update` (centered=False) or
`rmspropalex_update` (centered=True) does the arithmetic.

MXNet 1.9.1's `RMSProp.create_state` always allocates float32 state arrays
(`zeros(shape, ctx)` without a dtype), so for float64 weights the op fails
("Incompatible attr ... expected float64, got float32"). For the float64
cells the script wraps `create_state` to cast the (zero) states to the
weight's dtype; nothing else changes.

Hyperparameters reach the C++ op as strings: Python passes str(value) (the
shortest round-trip repr) and dmlc-core parses it into a 32-bit float with its
own fast `dmlc::ParseFloat<float>` (strtonum.h), which is NOT correctly rounded
for numbers written with an exponent (e.g. '3.535e-08' -> 3.5350002e-08, while
the nearest float is 3.5349998e-08). `dmlc_strtof` below transcribes it; each
file lists the float32 values MXNet actually used ("mxnet_float32_hyperparameters",
and "lr_float32" per step).

Every cell is replayed by an independent numpy transcription of the kernels
(hyperparameters parsed as dmlc does, then computed in the data dtype, in the
kernel's operation order); the result (bitwise or not) goes into the manifest.

Usage (from the package root):
    .venv-mxnet/bin/python Tests/Fixtures/mxnet/record_optimizer.py
"""
import hashlib
import json
import math
import os

import numpy as np
import mxnet as mx

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 30
PRESET = 'mxnet'
DTYPES = ['float32', 'float64']


# --------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------
def linreg_data():
    rng = np.random.RandomState(0)
    X = rng.standard_normal((8, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 0.3 + 0.1 * rng.standard_normal(8)
    w0 = np.random.RandomState(1).standard_normal(3)
    return X, y, w0


def make_problem(problem, dtype):
    dt = np.dtype(dtype).type
    if problem == 'quadratic2d':
        names, init = ['x'], [np.array([-5.0, -2.0], dtype=dtype)]

        def grads(params):
            (x,) = params
            return [np.array([dt(0.2) * x[0], dt(4) * x[1]], dtype=dtype)]
        return names, init, grads, None
    X64, y64, w0 = linreg_data()
    X, y = X64.astype(dtype), y64.astype(dtype)
    names = ['w', 'b']
    init = [w0.astype(dtype), np.zeros(1, dtype=dtype)]
    n = dt(X.shape[0])

    def grads(params):
        w, b = params
        r = X @ w + b[0] - y                       # residual, (8,)
        return [(X.T @ r) / n, np.array([r.sum() / n], dtype=dtype)]
    return names, init, grads, {'X': X, 'y': y}


# --------------------------------------------------------------------------
# Hyperparameter draws (per option and problem; shared by both dtypes)
# --------------------------------------------------------------------------
def sig(x, digits=4):
    """Round to `digits` significant decimal digits (readable fixtures)."""
    if x == 0:
        return 0.0
    return float('%.*g' % (digits, x))


def rng_for(option, problem, attempt):
    h = hashlib.sha256(('%s/%s/%d' % (option, problem, attempt)).encode()).digest()
    return np.random.RandomState(int.from_bytes(h[:4], 'little'))


def draw(option, problem, attempt):
    r = rng_for(option, problem, attempt)
    u = lambda a, b: sig(r.uniform(a, b))
    logu = lambda a, b: sig(math.exp(r.uniform(math.log(a), math.log(b))))
    hp = {'lr': u(0.001, 0.1), 'gamma': u(0.8, 0.999), 'eps': logu(1e-8, 1e-4)}
    if option in ('centered', 'combined'):
        hp['centered'] = True
        hp['momentum'] = u(0.5, 0.95)
    if option in ('weight_decay', 'combined', 'lr_wd_mult'):
        hp['weight_decay'] = u(1e-4, 1e-1)
    if option in ('rescale_grad', 'combined'):
        hp['rescale_grad'] = u(0.1, 4.0)
    if option in ('clip_gradient', 'combined'):
        hp['clip_gradient'] = u(0.05, 2.0)
    if option in ('clip_weights', 'combined'):
        hp['clip_weights'] = u(0.05, 2.0)
    if option == 'schedule_step':
        hp['lr_schedule'] = 'step:%d:%s' % (r.randint(3, 11), repr(u(0.3, 0.9)))
    if option == 'schedule_multistep':
        s1 = r.randint(3, 13)
        s2 = r.randint(s1 + 3, 26)
        hp['lr_schedule'] = 'multistep:%d,%d:%s' % (s1, s2, repr(u(0.3, 0.9)))
    if option == 'schedule_exponential':
        hp['lr_schedule'] = 'exponential:%s' % repr(u(0.85, 0.99))
    if option == 'schedule_cosine':
        hp['lr_schedule'] = 'cosine:%d:%s' % (r.randint(15, 26), repr(sig(hp['lr'] * r.uniform(0, 0.2))))
    if option == 'warmup':
        w = r.randint(3, 9)
        hp['lr_schedule'] = 'step:%d:%s' % (r.randint(w + 2, 16), repr(u(0.3, 0.9)))
        hp['warmup'] = w
    if option == 'warmup_cosine':
        w = r.randint(3, 9)
        hp['lr_schedule'] = 'cosine:%d:%s' % (r.randint(18, 26), repr(sig(hp['lr'] * r.uniform(0, 0.2))))
        hp['warmup'] = w
    if option == 'lr_wd_mult':
        hp['lr_mult'] = {'b': 2.0}
        hp['wd_mult'] = {'b': 0.0}
    return hp


# --------------------------------------------------------------------------
# MXNet objects from the project hyperparameters
# --------------------------------------------------------------------------
def make_scheduler(hp):
    """Returns (scheduler or None, its Python source)."""
    sched = hp.get('lr_schedule')
    warm = hp.get('warmup', 0)
    lr = hp['lr']
    if sched is None:
        return None, None
    kind, *args = sched.split(':')
    wkw, wsrc = {}, ''
    if warm:
        wkw = dict(warmup_steps=warm, warmup_begin_lr=0.0, warmup_mode='linear')
        wsrc = ', warmup_steps=%d, warmup_begin_lr=0.0, warmup_mode=\'linear\'' % warm
    if kind == 'step':
        every, factor = int(args[0]), float(args[1])
        return (mx.lr_scheduler.FactorScheduler(step=every, factor=factor, base_lr=lr, **wkw),
                'mx.lr_scheduler.FactorScheduler(step=%d, factor=%r, base_lr=%r%s)'
                % (every, factor, lr, wsrc))
    if kind == 'exponential':
        factor = float(args[0])
        return (mx.lr_scheduler.FactorScheduler(step=1, factor=factor, base_lr=lr, **wkw),
                'mx.lr_scheduler.FactorScheduler(step=1, factor=%r, base_lr=%r%s)'
                % (factor, lr, wsrc))
    if kind == 'multistep':
        steps = [int(s) for s in args[0].split(',')]
        factor = float(args[1])
        return (mx.lr_scheduler.MultiFactorScheduler(step=steps, factor=factor, base_lr=lr, **wkw),
                'mx.lr_scheduler.MultiFactorScheduler(step=%r, factor=%r, base_lr=%r%s)'
                % (steps, factor, lr, wsrc))
    if kind == 'cosine':
        total, final = int(args[0]), float(args[1])
        return (mx.lr_scheduler.CosineScheduler(max_update=total, base_lr=lr, final_lr=final, **wkw),
                'mx.lr_scheduler.CosineScheduler(max_update=%d, base_lr=%r, final_lr=%r%s)'
                % (total, lr, final, wsrc))
    raise ValueError(sched)


def make_optimizer(hp, names, dtype):
    sched, sched_src = make_scheduler(hp)
    kw = dict(learning_rate=hp['lr'], gamma1=hp['gamma'], epsilon=hp['eps'])
    if hp.get('centered'):
        kw['centered'] = True
        kw['gamma2'] = hp['momentum']
    for mx_key, key in [('wd', 'weight_decay'), ('rescale_grad', 'rescale_grad'),
                        ('clip_gradient', 'clip_gradient'), ('clip_weights', 'clip_weights')]:
        if key in hp:
            kw[mx_key] = hp[key]
    if 'lr_mult' in hp or 'wd_mult' in hp:
        kw['param_idx2name'] = {i: n for i, n in enumerate(names)}
    src_kw = ', '.join('%s=%r' % (k, v) for k, v in kw.items())
    if sched is not None:
        kw['lr_scheduler'] = sched
        src_kw += ', lr_scheduler=' + sched_src
    opt = mx.optimizer.create('rmsprop', **kw)
    src = "opt = mx.optimizer.create('rmsprop', %s)" % src_kw
    if 'lr_mult' in hp:
        opt.set_lr_mult(dict(hp['lr_mult']))
        src += '; opt.set_lr_mult(%r)' % (hp['lr_mult'],)
    if 'wd_mult' in hp:
        # With param_idx2name, set_wd_mult first zeroes wd for every name not ending
        # in '_weight' or '_gamma' (that would include 'w'); give w its 1.0 explicitly.
        wdm = {n: 1.0 for n in names}
        wdm.update(hp['wd_mult'])
        opt.set_wd_mult(wdm)
        src += '; opt.set_wd_mult(%r)' % (wdm,)
    if dtype != 'float32':
        orig = opt.create_state

        def create_state(index, weight, _orig=orig):
            return tuple(s.astype(weight.dtype) for s in _orig(index, weight))
        opt.create_state = create_state
        src += ('; opt.create_state wrapped to cast its (float32, zero) states to %s' % dtype)
    src += ('; upd = mx.optimizer.get_updater(opt); each step: '
            + '; '.join('upd(%d, mx.nd.array(g_%s, dtype=%r), %s)' % (i, n, dtype, n)
                        for i, n in enumerate(names)))
    return opt, src


# --------------------------------------------------------------------------
# dmlc-core's float parser (how an op's float hyperparameter becomes a float32)
# --------------------------------------------------------------------------
def dmlc_strtof(text):
    """Transcription of dmlc::ParseFloat<float> (include/dmlc/strtonum.h) for
    the strings Python's str(float) produces (no inf/nan handling needed here):
      value  = float(integer digits)
      value += float(double(fraction digits as uint64, at most 19) / double(10^n))
      exponent e: scale = 1e8f^(e//8) * 10f^(e%8) (float products);
      value  = value / scale (negative e) or value * scale, in float."""
    f32 = np.float32
    s, p, sign = text, 0, True
    if s[p] in '+-':
        sign = s[p] != '-'
        p += 1
    predec = 0
    while p < len(s) and s[p].isdigit():
        predec = (predec * 10 + int(s[p])) % (1 << 64)
        p += 1
    value = f32(predec)
    if p < len(s) and s[p] == '.':
        pow10, val2, cnt = 1, 0, 0
        p += 1
        while p < len(s) and s[p].isdigit():
            if cnt < 19:
                val2, pow10 = val2 * 10 + int(s[p]), pow10 * 10
            p += 1
            cnt += 1
        value = f32(value + f32(float(val2) / float(pow10)))
    if p < len(s) and s[p] in 'eE':
        p += 1
        frac = s[p] == '-'
        if s[p] in '+-':
            p += 1
        expon = 0
        while p < len(s) and s[p].isdigit():
            expon = expon * 10 + int(s[p])
            p += 1
        assert expon <= 38
        scale = f32(1.0)
        while expon >= 8:
            scale, expon = f32(scale * f32(1e8)), expon - 8
        while expon > 0:
            scale, expon = f32(scale * f32(10.0)), expon - 1
        value = f32(value / scale) if frac else f32(value * scale)
    assert p == len(s), text
    return value if sign else f32(-value)


def mx_float(v):
    """The float32 MXNet's op sees for the Python float v."""
    return dmlc_strtof(str(v))


def probe_parse(v):
    """Ask MXNet itself: sgd_update(w=0, g=-1, lr=v) in float64 returns float32(lr) exactly."""
    w = mx.nd.zeros(1, dtype='float64')
    g = -mx.nd.ones(1, dtype='float64')
    return float(mx.nd.sgd_update(w, g, lr=v).asnumpy()[0])


# --------------------------------------------------------------------------
# Independent numpy transcription of rmsprop_update / rmspropalex_update
# --------------------------------------------------------------------------
def replica(hp, init, grads_seq, lrs_seq, wds_seq, dtype):
    """Replays recorded gradients; returns (params per step, clip stats)."""
    dt = np.dtype(dtype).type
    f = lambda v: dt(mx_float(v))                   # str(v) -> dmlc float32 -> DType
    g1, eps = f(hp['gamma']), f(hp['eps'])
    g2 = f(hp.get('momentum', 0.9))
    rs = f(hp.get('rescale_grad', 1.0))
    cg = hp.get('clip_gradient')
    cw = hp.get('clip_weights')
    cg = f(cg) if cg else None
    cw = f(cw) if cw else None
    one = dt(1.0)
    params = [p.copy() for p in init]
    n = [np.zeros_like(p) for p in init]
    gs = [np.zeros_like(p) for p in init]
    delta = [np.zeros_like(p) for p in init]
    out, cg_hits, cw_hits, total = [], 0, 0, 0

    def clip(x, bound):
        return np.where(x > bound, bound, np.where(x < -bound, -bound, x)).astype(dtype)

    for grads, lrs, wds in zip(grads_seq, lrs_seq, wds_seq):
        for i, g in enumerate(grads):
            lr, wd = f(lrs[i]), f(wds[i])
            w = params[i]
            gr = rs * g + wd * w
            if cg is not None:
                cg_hits += int(np.sum(np.abs(gr) > cg))
                gr = clip(gr, cg)
            if hp.get('centered'):
                n[i] = (one - g1) * gr * gr + g1 * n[i]
                gs[i] = (one - g1) * gr + g1 * gs[i]
                delta[i] = g2 * delta[i] - (lr * gr / np.sqrt(n[i] - gs[i] * gs[i] + eps))
                nw = w + delta[i]
            else:
                n[i] = (one - g1) * (gr * gr) + g1 * n[i]
                nw = w - lr * (gr / np.sqrt(n[i] + eps))
            if cw is not None:
                cw_hits += int(np.sum(np.abs(nw) > cw))
                nw = clip(nw, cw)
            params[i] = nw.astype(dtype)
            total += g.size
        out.append([p.copy() for p in params])
    return out, {'clip_gradient_hits': cg_hits, 'clip_weights_hits': cw_hits,
                 'element_updates': total}


# --------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------
def num(v):
    return float(v)


def run_cell(hp, problem, dtype):
    names, init, grad_fn, data = make_problem(problem, dtype)
    opt, src = make_optimizer(hp, names, dtype)
    captured = {}
    orig_get_lr, orig_get_wd = opt._get_lr, opt._get_wd

    def get_lr(index):
        v = orig_get_lr(index)
        captured.setdefault('lr', {})[index] = v
        return v

    def get_wd(index):
        v = orig_get_wd(index)
        captured.setdefault('wd', {})[index] = v
        return v
    opt._get_lr, opt._get_wd = get_lr, get_wd
    upd = mx.optimizer.get_updater(opt)
    weights = [mx.nd.array(p, dtype=dtype) for p in init]
    steps, grads_seq, lrs_seq, wds_seq = [], [], [], []
    for t in range(1, STEPS + 1):
        cur = [w.asnumpy() for w in weights]
        grads = grad_fn(cur)
        assert all(g.dtype == np.dtype(dtype) for g in grads)
        captured.clear()
        for i, (g, w) in enumerate(zip(grads, weights)):
            upd(i, mx.nd.array(g, dtype=dtype), w)
        after = [w.asnumpy() for w in weights]
        assert all(a.dtype == np.dtype(dtype) for a in after)
        lrs = [captured['lr'][i] for i in range(len(names))]
        wds = [captured['wd'][i] for i in range(len(names))]
        rec = {'num_update': opt.num_update, 'lr': num(lrs[0]),
               'lr_float32': num(mx_float(lrs[0])),
               'gradients': [[num(v) for v in g] for g in grads],
               'parameters': [[num(v) for v in a] for a in after]}
        if 'lr_mult' in hp or 'wd_mult' in hp:
            rec['lrs'] = [num(v) for v in lrs]
            rec['wds'] = [num(v) for v in wds]
        steps.append(rec)
        grads_seq.append(grads)
        lrs_seq.append(lrs)
        wds_seq.append(wds)
    rep, stats = replica(hp, init, grads_seq, lrs_seq, wds_seq, dtype)
    diff, bitwise = 0.0, True
    for s, r in zip(steps, rep):
        for a, b in zip(s['parameters'], r):
            b = [num(v) for v in b]
            bitwise &= (a == b)
            diff = max(diff, max(abs(x - y) for x, y in zip(a, b)))
    cell = {'framework': 'mxnet', 'framework_version': mx.__version__,
            'numpy_version': np.__version__, 'preset': PRESET, 'problem': problem,
            'dtype': dtype, 'framework_call': src, 'hyperparameters': hp,
            'parameter_names': names, 'shapes': [list(p.shape) for p in init],
            'initial': [[num(v) for v in p] for p in init]}
    cell['mxnet_float32_hyperparameters'] = kernel_params(hp)
    if data is not None:
        cell['data'] = {'X': [[num(v) for v in row] for row in data['X']],
                        'y': [num(v) for v in data['y']]}
    cell['steps'] = steps
    return cell, stats, bitwise, diff


def kernel_params(hp):
    """The op's float32 fields as MXNet parses them (lr: the constant/base value;
    the scheduled values are in each step's lr_float32). Checked against MXNet."""
    out = {'lr': hp['lr'], 'gamma1': hp['gamma'], 'epsilon': hp['eps'],
           'rescale_grad': hp.get('rescale_grad', 1.0), 'wd': hp.get('weight_decay', 0.0)}
    if hp.get('centered'):
        out['gamma2'] = hp['momentum']
    for k in ('clip_gradient', 'clip_weights'):
        if k in hp:
            out[k] = hp[k]
    res = {}
    for k, v in out.items():
        parsed = float(mx_float(v))
        assert parsed == probe_parse(v), (k, v)
        res[k] = parsed
    return res


def clip_ok(hp, stats):
    total = stats['element_updates']
    for key, hits in [('clip_gradient', 'clip_gradient_hits'), ('clip_weights', 'clip_weights_hits')]:
        if key in hp and not (0 < stats[hits] < total):
            return False
    return True


def write_cell(cell, path):
    """One step per line; floats via repr (read back to the same binary value)."""
    steps = cell['steps']
    head = {k: v for k, v in cell.items() if k != 'steps'}
    lines = ['{']
    for k, v in head.items():
        lines.append(' %s: %s,' % (json.dumps(k), json.dumps(v, allow_nan=False)))
    lines.append(' "steps": [')
    for i, s in enumerate(steps):
        lines.append('  ' + json.dumps(s, allow_nan=False) + (',' if i + 1 < len(steps) else ''))
    lines.append(' ]')
    lines.append('}')
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


OPTIONS = ['plain', 'centered', 'weight_decay', 'rescale_grad', 'clip_gradient',
           'clip_weights', 'combined', 'schedule_step', 'schedule_multistep',
           'schedule_exponential', 'schedule_cosine', 'warmup', 'warmup_cosine',
           'lr_wd_mult']


def main():
    cells = []
    for option in OPTIONS:
        problems = ['linreg'] if option == 'lr_wd_mult' else ['quadratic2d', 'linreg']
        for problem in problems:
            for attempt in range(100):
                hp = draw(option, problem, attempt)
                recs = [run_cell(hp, problem, dt) for dt in DTYPES]
                if all(clip_ok(hp, r[1]) for r in recs):
                    break
            else:
                raise RuntimeError('no clipping draw for %s/%s' % (option, problem))
            for dtype, (cell, stats, bitwise, diff) in zip(DTYPES, recs):
                cell = dict(cell, option=option)
                order = ['framework', 'framework_version', 'numpy_version', 'preset', 'option',
                         'problem', 'dtype', 'framework_call', 'hyperparameters',
                         'mxnet_float32_hyperparameters', 'parameter_names', 'shapes', 'initial', 'data', 'steps']
                cell = {k: cell[k] for k in order if k in cell}
                fname = '%s-%s-%s-%s.json' % (PRESET, option, problem, dtype)
                write_cell(cell, os.path.join(HERE, fname))
                entry = {'preset': PRESET, 'option': option, 'problem': problem,
                         'dtype': dtype, 'file': fname, 'draw_attempt': attempt,
                         'numpy_replica_bitwise': bitwise,
                         'numpy_replica_max_abs_diff': diff}
                if 'clip_gradient' in hp or 'clip_weights' in hp:
                    entry['clip_stats'] = stats
                cells.append(entry)
                print('%-52s replica %s (max diff %.3g)%s' % (
                    fname, 'bitwise' if bitwise else 'DIFFERS', diff,
                    ('  clips %s' % stats) if 'clip_stats' in entry else ''))
    with open(os.path.join(HERE, 'optimizer-manifest.json'), 'w') as f:
        json.dump({'framework': 'mxnet', 'version': mx.__version__,
                   'numpy_version': np.__version__, 'steps': STEPS,
                   'updater': "mx.optimizer.create('rmsprop', ...) + mx.optimizer.get_updater",
                   'cells': cells}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
