#!/usr/bin/env python3
"""Reference vectors for the engine's optimizers, clipping and Keras-shaped model, computed with PyTorch.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/torch_training_reference.py
Writes tests/fixtures/torch/{adam_steps,rmsprop_steps,sgd_clip,keras_model}.json. Everything is float64 and
seeded, so rerunning gives the same files. The tests read the JSON and never need torch.

Layouts: tensors are stored as {"shape": [...], "data": [row-major floats]}. Parameter names are PyTorch's
for the small MLP ("0.weight" [4, 3], ...) and Keras's for the Keras-shaped model ("lstm/kernel" [I, 4H], ...).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'torch')


def t2j(t):
    t = t.detach()
    return {'shape': list(t.shape), 'data': [float(v) for v in t.reshape(-1).tolist()]}


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        json.dump(obj, f, indent=None, separators=(',', ':'))
        f.write('\n')
    print('wrote', os.path.relpath(path), f'({os.path.getsize(path)} bytes)')


# ---------------------------------------------------------------------------------------------------------
# A small model for optimizer runs: Linear(3, 4) → tanh → Linear(4, 2), cross-entropy on class ids.
# Each step records the loss, every gradient (at the parameters before the step) and the parameters after it,
# so an optimizer can be checked on recorded gradients alone, and a full forward/backward path too.

def mlp(seed):
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))


def optimizer_run(seed, make_opt, steps, clip=None):
    model = mlp(seed)
    g = torch.Generator().manual_seed(seed + 100)
    x = torch.randn(5, 3, generator=g)
    y = torch.tensor([0, 1, 1, 0, 1])
    names = [n for n, _ in model.named_parameters()]
    initial = {n: t2j(p) for n, p in model.named_parameters()}
    opt = make_opt(model.parameters())
    records = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.cross_entropy(model(x) * 3.0, y)  # ×3 makes gradients large enough for clipping to bite
        loss.backward()
        grads = {n: t2j(p.grad) for n, p in model.named_parameters()}
        rec = {'loss': loss.item(), 'grads': grads}
        if clip is not None:
            norm = torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
            rec['normBeforeClip'] = norm.item()
            rec['clippedGrads'] = {n: t2j(p.grad) for n, p in model.named_parameters()}
        opt.step()
        rec['paramsAfter'] = {n: t2j(p) for n, p in model.named_parameters()}
        records.append(rec)
    return {'x': t2j(x), 'y': y.tolist(), 'scale': 3.0, 'names': names, 'initial': initial, 'steps': records}


def adam_fixture():
    runs = []
    for label, cls, opts in [
        ('Adam defaults, lr 0.05', torch.optim.Adam, {'lr': 0.05}),
        ('Adam with L2 weight decay', torch.optim.Adam, {'lr': 0.02, 'betas': (0.8, 0.95), 'eps': 1e-6, 'weight_decay': 0.1}),
        ('AdamW', torch.optim.AdamW, {'lr': 0.03, 'weight_decay': 0.05}),
    ]:
        run = optimizer_run(1, lambda ps: cls(ps, **opts), steps=6)
        run['label'] = label
        run['optimizer'] = cls.__name__
        run['options'] = {k: list(v) if isinstance(v, tuple) else v for k, v in opts.items()}
        runs.append(run)
    write('adam_steps.json', {'torch': torch.__version__, 'dtype': 'float64', 'runs': runs})


def rmsprop_fixture():
    runs = []
    for label, opts in [
        ('RMSprop defaults', {'lr': 0.01}),
        ('RMSprop centered with momentum and weight decay', {'lr': 0.005, 'alpha': 0.9, 'eps': 1e-6, 'momentum': 0.5, 'centered': True, 'weight_decay': 0.01}),
    ]:
        run = optimizer_run(2, lambda ps: torch.optim.RMSprop(ps, **opts), steps=5)
        run['label'] = label
        run['optimizer'] = 'RMSprop'
        run['options'] = opts
        runs.append(run)
    write('rmsprop_steps.json', {'torch': torch.__version__, 'dtype': 'float64', 'runs': runs})


def sgd_clip_fixture():
    runs = []
    for label, opts, clip in [
        ('SGD momentum 0.9, clip 0.5', {'lr': 0.1, 'momentum': 0.9}, 0.5),
        ('SGD Nesterov with weight decay and dampening 0, clip 0.25', {'lr': 0.05, 'momentum': 0.8, 'nesterov': True, 'weight_decay': 0.01}, 0.25),
        ('SGD momentum with dampening, clip 1.0', {'lr': 0.1, 'momentum': 0.5, 'dampening': 0.3}, 1.0),
    ]:
        run = optimizer_run(3, lambda ps: torch.optim.SGD(ps, **opts), steps=5, clip=clip)
        clipped = [s['normBeforeClip'] > clip for s in run['steps']]
        assert clipped[0], f'{label}: the first step must actually clip (norm {run["steps"][0]["normBeforeClip"]} ≤ {clip})'
        run['label'] = label
        run['optimizer'] = 'SGD'
        run['options'] = opts
        run['maxNorm'] = clip
        runs.append(run)
    write('sgd_clip.json', {'torch': torch.__version__, 'dtype': 'float64', 'runs': runs})


# ---------------------------------------------------------------------------------------------------------
# The Keras-shaped model: lstm(H1, returnSequences) → lstm(H2) → dense(C, softmax), categorical cross-entropy
# with one-hot targets. Weights live in Keras layout (kernel [I, 4H], recurrent_kernel [H, 4H], bias [4H], gate
# order i, f, c, o). The forward pass is written out with those tensors as leaves, so autograd yields gradients
# in Keras layout; it is cross-checked against torch.nn.LSTM with the converted weights
# (weight_ih = kernelᵀ, weight_hh = recurrent_kernelᵀ, bias_ih = bias, bias_hh = 0: Keras's i, f, c, o is
# PyTorch's i, f, g, o).

def keras_lstm(x, kernel, recurrent, bias, return_sequences):
    B, T, _ = x.shape
    H = recurrent.shape[0]
    h = torch.zeros(B, H)
    c = torch.zeros(B, H)
    outs = []
    for t in range(T):
        z = x[:, t, :] @ kernel + h @ recurrent + bias
        i, f, g, o = z.split(H, dim=1)
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c = f * c + i * g
        h = o * torch.tanh(c)
        outs.append(h)
    return torch.stack(outs, 1) if return_sequences else h


def torch_lstm_check(x, kernel, recurrent, bias):
    I, H4 = kernel.shape
    lstm = torch.nn.LSTM(I, H4 // 4, batch_first=True)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(kernel.T)
        lstm.weight_hh_l0.copy_(recurrent.T)
        lstm.bias_ih_l0.copy_(bias)
        lstm.bias_hh_l0.zero_()
    return lstm(x)[0]


def keras_fixture():
    g = torch.Generator().manual_seed(7)
    B, T, I, H1, H2, C = 3, 5, 4, 6, 5, 4
    x = torch.randn(B, T, I, generator=g, requires_grad=True)
    labels = torch.tensor([2, 0, 3])
    y = F.one_hot(labels, C).to(torch.float64)

    def rnd(*shape, scale=0.5):
        return (torch.rand(*shape, generator=g) * 2 - 1) * scale

    weights = {
        'lstm/kernel': rnd(I, 4 * H1),
        'lstm/recurrent_kernel': rnd(H1, 4 * H1),
        'lstm/bias': rnd(4 * H1, scale=0.3),
        'lstm_1/kernel': rnd(H1, 4 * H2),
        'lstm_1/recurrent_kernel': rnd(H2, 4 * H2),
        'lstm_1/bias': rnd(4 * H2, scale=0.3),
        'dense/kernel': rnd(H2, C, scale=0.8),
        'dense/bias': rnd(C, scale=0.2),
    }
    for w in weights.values():
        w.requires_grad_(True)
    W = weights
    seq = keras_lstm(x, W['lstm/kernel'], W['lstm/recurrent_kernel'], W['lstm/bias'], True)  # [B, T, H1]
    last = keras_lstm(seq, W['lstm_1/kernel'], W['lstm_1/recurrent_kernel'], W['lstm_1/bias'], False)  # [B, H2]
    logits = last @ W['dense/kernel'] + W['dense/bias']  # [B, C]
    probs = torch.softmax(logits, dim=1)
    loss = -(y * torch.log_softmax(logits, dim=1)).sum(1).mean()  # categorical cross-entropy, mean over the batch
    loss.backward()

    # Independent cross-checks: torch.nn.LSTM with converted weights, and CrossEntropyLoss with probability targets.
    ref_seq = torch_lstm_check(x.detach(), W['lstm/kernel'].detach(), W['lstm/recurrent_kernel'].detach(), W['lstm/bias'].detach())
    assert torch.allclose(ref_seq, seq.detach(), atol=1e-13), 'Keras-layout LSTM disagrees with torch.nn.LSTM'
    assert abs(F.cross_entropy(logits.detach(), y).item() - loss.item()) < 1e-13

    write('keras_model.json', {
        'torch': torch.__version__,
        'dtype': 'float64',
        'sizes': {'B': B, 'T': T, 'I': I, 'H1': H1, 'H2': H2, 'C': C},
        'x': t2j(x),
        'y': t2j(y),
        'labels': labels.tolist(),
        'weights': {k: t2j(v) for k, v in weights.items()},
        'order': list(weights.keys()),
        'hidden1': t2j(seq),
        'hidden2': t2j(last),
        'logits': t2j(logits),
        'probs': t2j(probs),
        'loss': loss.item(),
        'grads': {k: t2j(v.grad) for k, v in weights.items()},
        'inputGrad': t2j(x.grad),
        'paramCounts': {'lstm': 4 * (H1 * (I + H1) + H1), 'lstm_1': 4 * (H2 * (H1 + H2) + H2), 'dense': H2 * C + C},
    })


if __name__ == '__main__':
    adam_fixture()
    rmsprop_fixture()
    sgd_clip_fixture()
    keras_fixture()
