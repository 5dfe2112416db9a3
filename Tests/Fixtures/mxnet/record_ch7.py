#!/usr/bin/env python3
"""Record the book's chapter-7 runs (d2l, MXNet edition, 2019) with MXNet 1.9.1.

Re-creates d2l's `get_data_ch7`, `train_ch7` and `train_gluon_ch7` as the book
defines them, with two switches so that the runs are deterministic across
implementations: no shuffling (`shuffle=False`) and w initialised to zeros
(from scratch: `w = nd.zeros((5, 1))`; Gluon: `init.Zero()`). b is zero in both.

Also records the book's pure-Python 2D traces (`train_2d` with `rmsprop_2d`
and `adagrad_2d` on f = 0.1 x1^2 + 2 x2^2).

Usage (from the package root):
    python3 -m venv .venv-mxnet
    .venv-mxnet/bin/pip install mxnet==1.9.1 numpy==1.23.5
    .venv-mxnet/bin/python Tests/Fixtures/mxnet/record_ch7.py [--data FILE] [--sanity]

`--sanity` additionally runs the section's from-scratch and Gluon runs the way
the book does (shuffle, w ~ N(0, 0.01)) and prints their final losses (nothing
is written for those).
"""
import argparse
import copy
import json
import math
import os
import sys

import numpy as np
import mxnet as mx
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import data as gdata, loss as gloss, nn

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "..", "..", "shared", "data",
                            "airfoil_self_noise.dat")


# --------------------------------------------------------------------------
# d2l helpers (MXNet edition, 2019), verbatim apart from the two switches.
# --------------------------------------------------------------------------
def get_data_ch7(path):
    data = np.genfromtxt(path, delimiter='\t')
    data = (data - data.mean(axis=0)) / data.std(axis=0)
    return nd.array(data[:1500, :-1]), nd.array(data[:1500, -1])


def linreg(X, w, b):
    return nd.dot(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def train_ch7(trainer_fn, states, hyperparams, features, labels,
              batch_size=10, num_epochs=2, shuffle=False, init_zeros=True):
    net, loss = linreg, squared_loss
    if init_zeros:
        w = nd.zeros((features.shape[1], 1))
    else:
        w = nd.random.normal(scale=0.01, shape=(features.shape[1], 1))
    b = nd.zeros(1)
    w.attach_grad()
    b.attach_grad()

    def eval_loss():
        return loss(net(features, w, b), labels).mean().asscalar()

    ls = [eval_loss()]
    data_iter = gdata.DataLoader(
        gdata.ArrayDataset(features, labels), batch_size, shuffle=shuffle)
    steps, first_nonfinite = 0, None
    for _ in range(num_epochs):
        for batch_i, (X, y) in enumerate(data_iter):
            with autograd.record():
                l = loss(net(X, w, b), y).mean()
            l.backward()
            trainer_fn([w, b], states, hyperparams)
            steps += 1  # (not in the book) note the first update that leaves a non-finite parameter
            if first_nonfinite is None and not (np.isfinite(w.asnumpy()).all()
                                                and np.isfinite(b.asnumpy()).all()):
                first_nonfinite = steps
            if (batch_i + 1) * batch_size % 100 == 0:
                ls.append(eval_loss())
    params = [float(v) for v in w.asnumpy().reshape(-1)] + [float(b.asnumpy()[0])]
    return ls, params, steps, first_nonfinite


def train_gluon_ch7(trainer_name, trainer_hyperparams, features, labels,
                    batch_size=10, num_epochs=2, shuffle=False, init_zeros=True):
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Zero() if init_zeros else init.Normal(sigma=0.01))
    loss = gloss.L2Loss()

    def eval_loss():
        return loss(net(features), labels).mean().asscalar()

    ls = [eval_loss()]
    data_iter = gdata.DataLoader(
        gdata.ArrayDataset(features, labels), batch_size, shuffle=shuffle)
    trainer = gluon.Trainer(
        net.collect_params(), trainer_name, trainer_hyperparams)
    dense = net[0]
    steps, first_nonfinite = 0, None
    for _ in range(num_epochs):
        for batch_i, (X, y) in enumerate(data_iter):
            with autograd.record():
                l = loss(net(X), y)
            l.backward()
            trainer.step(batch_size)
            steps += 1  # (not in the book) note the first update that leaves a non-finite parameter
            if first_nonfinite is None and not (np.isfinite(dense.weight.data().asnumpy()).all()
                                                and np.isfinite(dense.bias.data().asnumpy()).all()):
                first_nonfinite = steps
            if (batch_i + 1) * batch_size % 100 == 0:
                ls.append(eval_loss())
    params = ([float(v) for v in dense.weight.data().asnumpy().reshape(-1)]
              + [float(dense.bias.data().asnumpy()[0])])
    return ls, params, steps, first_nonfinite


# --------------------------------------------------------------------------
# The book's from-scratch optimizers (chapter 7 of that edition).
# --------------------------------------------------------------------------
def sgd(params, states, hyperparams):
    for p in params:
        p[:] -= hyperparams['lr'] * p.grad


def init_momentum_states(n):
    v_w = nd.zeros((n, 1))
    v_b = nd.zeros(1)
    return (v_w, v_b)


def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
        p[:] -= v


def init_adagrad_states(n):
    s_w = nd.zeros((n, 1))
    s_b = nd.zeros(1)
    return (s_w, s_b)


def adagrad(params, states, hyperparams):
    eps = 1e-6
    for p, s in zip(params, states):
        s[:] += p.grad.square()
        p[:] -= hyperparams['lr'] * p.grad / (s + eps).sqrt()


def init_rmsprop_states(n):
    s_w = nd.zeros((n, 1))
    s_b = nd.zeros(1)
    return (s_w, s_b)


def rmsprop(params, states, hyperparams):
    gamma, eps = hyperparams['gamma'], 1e-6
    for p, s in zip(params, states):
        s[:] = gamma * s + (1 - gamma) * p.grad.square()
        p[:] -= hyperparams['lr'] * p.grad / (s + eps).sqrt()


def init_adadelta_states(n):
    s_w, s_b = nd.zeros((n, 1)), nd.zeros(1)
    delta_w, delta_b = nd.zeros((n, 1)), nd.zeros(1)
    return ((s_w, delta_w), (s_b, delta_b))


def adadelta(params, states, hyperparams):
    rho, eps = hyperparams['rho'], 1e-5
    for p, (s, delta) in zip(params, states):
        s[:] = rho * s + (1 - rho) * p.grad.square()
        g = ((delta + eps).sqrt() / (s + eps).sqrt()) * p.grad
        p[:] -= g
        delta[:] = rho * delta + (1 - rho) * g * g


def init_adam_states(n):
    v_w, v_b = nd.zeros((n, 1)), nd.zeros(1)
    s_w, s_b = nd.zeros((n, 1)), nd.zeros(1)
    return ((v_w, s_w), (v_b, s_b))


def adam(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    for p, (v, s) in zip(params, states):
        v[:] = beta1 * v + (1 - beta1) * p.grad
        s[:] = beta2 * s + (1 - beta2) * p.grad.square()
        v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
        s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
        p[:] -= hyperparams['lr'] * v_bias_corr / (s_bias_corr.sqrt() + eps)
    hyperparams['t'] += 1


SCRATCH = {
    'sgd': (sgd, lambda n: None),
    'momentum': (sgd_momentum, init_momentum_states),
    'adagrad': (adagrad, init_adagrad_states),
    'rmsprop': (rmsprop, init_rmsprop_states),
    'adadelta': (adadelta, init_adadelta_states),
    'adam': (adam, init_adam_states),
}

# (optimizer, hyperparameters, batch_size, epochs)
SCRATCH_RUNS = [
    ('rmsprop', {'lr': 0.01, 'gamma': 0.9}, 10, 2),
    ('rmsprop', {'lr': 0.03, 'gamma': 0.99}, 10, 2),
    ('rmsprop', {'lr': 0.001, 'gamma': 0.5}, 10, 2),
    ('rmsprop', {'lr': 0.01, 'gamma': 1.0}, 10, 2),
    ('sgd', {'lr': 0.05}, 10, 2),
    ('momentum', {'lr': 0.02, 'momentum': 0.5}, 10, 2),
    ('adagrad', {'lr': 0.1}, 10, 2),
    ('adadelta', {'rho': 0.9999}, 10, 2),
    ('adam', {'lr': 0.01, 't': 1}, 10, 2),
    ('rmsprop', {'lr': 0.01, 'gamma': 0.9}, 7, 3),
    ('rmsprop', {'lr': 0.01, 'gamma': 0.9}, 100, 2),
]

GLUON_RUNS = [
    ('rmsprop', {'learning_rate': 0.01, 'gamma1': 0.9}, 10, 2),
    ('rmsprop', {'learning_rate': 0.02, 'gamma1': 0.95, 'epsilon': 1e-6}, 10, 2),
    ('rmsprop', {'learning_rate': 0.01, 'gamma1': 0.9, 'centered': True, 'gamma2': 0.8}, 10, 2),
    ('rmsprop', {'learning_rate': 0.01, 'gamma1': 0.9, 'wd': 0.01, 'clip_gradient': 0.5}, 10, 2),
    ('sgd', {'learning_rate': 0.05}, 10, 2),
    ('sgd', {'learning_rate': 0.02, 'momentum': 0.5}, 10, 2),
    ('adagrad', {'learning_rate': 0.1}, 10, 2),
    ('adadelta', {'rho': 0.9999}, 10, 2),
    ('adam', {'learning_rate': 0.01}, 10, 2),
    ('rmsprop', {'learning_rate': 0.01, 'gamma1': 0.9}, 7, 3),
]

# File-name tags use the project's option names (gamma1 -> gamma, gamma2 -> momentum).
SHORT = {'learning_rate': 'lr', 'gamma1': 'gamma', 'gamma2': 'momentum',
         'epsilon': 'eps', 'centered': 'centered', 'wd': 'wd',
         'clip_gradient': 'clip', 'momentum': 'momentum', 'rho': 'rho',
         'lr': 'lr', 'gamma': 'gamma'}


def file_name(path, name, hp, batch_size, epochs):
    parts = []
    for k, v in hp.items():
        if k == 't':
            continue  # Adam's step counter, not a hyperparameter
        if isinstance(v, bool):
            parts.append(SHORT.get(k, k) if v else 'no' + SHORT.get(k, k))
        else:
            parts.append('%s%s' % (SHORT.get(k, k), repr(v)))
    return 'ch7-%s-%s-%s-b%d-e%d.json' % (path, name, '-'.join(parts), batch_size, epochs)


def json_safe(x):
    """Non-finite floats become the strings "NaN", "Infinity", "-Infinity"
    (strict JSON has no such numbers; Swift: JSONDecoder's
    .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"))."""
    if isinstance(x, float) and not math.isfinite(x):
        return 'NaN' if math.isnan(x) else ('Infinity' if x > 0 else '-Infinity')
    if isinstance(x, dict):
        return {k: json_safe(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [json_safe(v) for v in x]
    return x


def dump(obj, path):
    with open(path, 'w') as f:
        json.dump(json_safe(obj), f, indent=1, allow_nan=False)
        f.write('\n')


# --------------------------------------------------------------------------
# The book's 2D code (pure Python floats).
# --------------------------------------------------------------------------
def train_2d(trainer):
    x1, x2, s1, s2 = -5, -2, 0, 0
    results = [(x1, x2)]
    for i in range(20):
        x1, x2, s1, s2 = trainer(x1, x2, s1, s2)
        results.append((x1, x2))
    print('epoch %d, x1 %f, x2 %f' % (i + 1, x1, x2))
    return results


def make_rmsprop_2d(eta, gamma):
    def rmsprop_2d(x1, x2, s1, s2):
        g1, g2, eps = 0.2 * x1, 4 * x2, 1e-6
        s1 = gamma * s1 + (1 - gamma) * g1 ** 2
        s2 = gamma * s2 + (1 - gamma) * g2 ** 2
        x1 -= eta / math.sqrt(s1 + eps) * g1
        x2 -= eta / math.sqrt(s2 + eps) * g2
        return x1, x2, s1, s2
    return rmsprop_2d


def make_adagrad_2d(eta):
    def adagrad_2d(x1, x2, s1, s2):
        g1, g2, eps = 0.2 * x1, 4 * x2, 1e-6
        s1 += g1 ** 2
        s2 += g2 ** 2
        x1 -= eta / math.sqrt(s1 + eps) * g1
        x2 -= eta / math.sqrt(s2 + eps) * g2
        return x1, x2, s1, s2
    return adagrad_2d


def record_2d(out_dir):
    runs = []
    for eta, gamma in [(0.4, 0.9), (0.1, 0.99), (0.4, 1.0)]:
        print('rmsprop_2d eta=%r gamma=%r: ' % (eta, gamma), end='')
        tr = train_2d(make_rmsprop_2d(eta, gamma))
        runs.append({'optimizer': 'rmsprop', 'eta': eta, 'gamma': gamma,
                     'trajectory': [[float(a), float(b)] for a, b in tr]})
    print('adagrad_2d eta=0.4: ', end='')
    tr = train_2d(make_adagrad_2d(0.4))
    runs.append({'optimizer': 'adagrad', 'eta': 0.4, 'gamma': None,
                 'trajectory': [[float(a), float(b)] for a, b in tr]})
    dump({'framework': 'python', 'python_version': sys.version.split()[0],
          'function': 'f(x1, x2) = 0.1*x1**2 + 2*x2**2',
          'start': [-5.0, -2.0], 'steps': 20, 'eps': 1e-6,
          'note': "d2l train_2d: results[0] is the start, results[i] after step i; "
                  "adagrad runs have gamma null",
          'runs': runs}, os.path.join(out_dir, 'trace-2d.json'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=DEFAULT_DATA)
    ap.add_argument('--out', default=HERE)
    ap.add_argument('--sanity', action='store_true')
    args = ap.parse_args()

    record_2d(args.out)

    features, labels = get_data_ch7(args.data)
    assert features.shape == (1500, 5) and labels.shape == (1500,)
    n = features.shape[1]
    common = {'framework': 'mxnet', 'framework_version': mx.__version__,
              'numpy_version': np.__version__}
    files, runs = [], []
    for name, hp, bs, ep in SCRATCH_RUNS:
        fn, init_states = SCRATCH[name]
        hp_run = copy.deepcopy(hp)
        ls, params, steps, bad = train_ch7(fn, init_states(n), hp_run, features, labels, bs, ep)
        fname = file_name('scratch', name, hp, bs, ep)
        rec = dict(common, path='scratch', optimizer=name, hyperparameters=hp,
                   batch_size=bs, epochs=ep, shuffle=False, init='zeros',
                   losses=[float(v) for v in ls], parameters=params,
                   updates=steps, first_nonfinite_update=bad)
        dump(rec, os.path.join(args.out, fname))
        files.append(fname)
        runs.append({'file': fname, 'path': rec['path'], 'optimizer': name,
                     'hyperparameters': hp, 'batch_size': bs, 'epochs': ep,
                     'losses': len(ls), 'final_loss': float(ls[-1])})
        print('%-62s %d losses, final %.6f' % (fname, len(ls), ls[-1]))
    for name, hp, bs, ep in GLUON_RUNS:
        ls, params, steps, bad = train_gluon_ch7(name, copy.deepcopy(hp), features, labels, bs, ep)
        fname = file_name('concise', name, hp, bs, ep)
        rec = dict(common, path='concise', optimizer=name, hyperparameters=hp,
                   batch_size=bs, epochs=ep, shuffle=False, init='zeros',
                   losses=[float(v) for v in ls], parameters=params,
                   updates=steps, first_nonfinite_update=bad)
        dump(rec, os.path.join(args.out, fname))
        files.append(fname)
        runs.append({'file': fname, 'path': rec['path'], 'optimizer': name,
                     'hyperparameters': hp, 'batch_size': bs, 'epochs': ep,
                     'losses': len(ls), 'final_loss': float(ls[-1])})
        print('%-62s %d losses, final %.6f' % (fname, len(ls), ls[-1]))
    dump(dict(common, data_sha1='76e5be1548fd8222e5074cf0faae75edff8cf93f',
              files=files, trace_2d='trace-2d.json', runs=runs),
         os.path.join(args.out, 'ch7-manifest.json'))

    if args.sanity:
        for seed in range(5):
            mx.random.seed(seed)   # w init
            np.random.seed(seed)   # gluon's RandomSampler shuffles with numpy
            ls = train_ch7(rmsprop, init_rmsprop_states(n), {'lr': 0.01, 'gamma': 0.9},
                              features, labels, shuffle=True, init_zeros=False)[0]
            ls2 = train_gluon_ch7('rmsprop', {'learning_rate': 0.01, 'gamma1': 0.9},
                                     features, labels, shuffle=True, init_zeros=False)[0]
            print('sanity (book setup, seed %d): scratch loss: %f, gluon loss: %f'
                  % (seed, ls[-1], ls2[-1]))


if __name__ == '__main__':
    main()
