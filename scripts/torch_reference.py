#!/usr/bin/python3
"""Writes PyTorch reference vectors for the engine's parity tests into tests/fixtures/torch/*.json.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/torch_reference.py [fixture ...]
Everything is float64 with fixed seeds and small sizes. Each file holds the module's state dict, the inputs,
the outputs, and the gradients of a scalar loss with respect to every parameter and to the inputs. For the
recurrent layers the loss is L = Σ out ⊙ R_out + Σ h_N ⊙ R_h (+ Σ c_N ⊙ R_c), with the random weights R stored
in the file, so every output element reaches the gradients with its own weight.
"""
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'torch')


def enc(t):
    t = t.detach().to(torch.float64).contiguous()
    return {'shape': list(t.shape), 'data': t.reshape(-1).tolist()}


def state(module):
    return {k: enc(v) for k, v in module.state_dict().items()}


def grads(module):
    return {k: enc(p.grad) for k, p in module.named_parameters()}


def write(name, payload):
    payload = {'generator': 'scripts/torch_reference.py', 'torch': torch.__version__, **payload}
    path = os.path.join(OUT, name + '.json')
    with open(path, 'w') as f:
        json.dump(payload, f, separators=(',', ':'))
    print(f'{os.path.relpath(path)}: {os.path.getsize(path) // 1024} KB')


def weighted(*pairs):
    return sum((a * r).sum() for a, r in pairs)


def randn(*shape, grad=False):
    return torch.randn(*shape).requires_grad_(grad)


def lstm_cell():
    torch.manual_seed(1)
    I, H, B = 3, 4, 2
    cell = torch.nn.LSTMCell(I, H)
    x, h0, c0 = randn(B, I, grad=True), randn(B, H, grad=True), randn(B, H, grad=True)
    rh, rc = randn(B, H), randn(B, H)
    h, c = cell(x, (h0, c0))
    weighted((h, rh), (c, rc)).backward()
    write('lstm_cell', {
        'config': {'inputSize': I, 'hiddenSize': H, 'batch': B},
        'stateDict': state(cell),
        'inputs': {'x': enc(x), 'h0': enc(h0), 'c0': enc(c0)},
        'lossWeights': {'h': enc(rh), 'c': enc(rc)},
        'outputs': {'h': enc(h), 'c': enc(c)},
        'grads': grads(cell),
        'inputGrads': {'x': enc(x.grad), 'h0': enc(h0.grad), 'c0': enc(c0.grad)},
    })


def lstm_cell_chain():
    """nn.LSTMCell stepped by hand, h, c = cell(x_t, (h, c)), with retain_grad() on every h_t and C_t: PyTorch's
    c.grad is the full ∂L/∂C_t (through h_t and through C_{t+1}), and at the last step only through h_T."""
    torch.manual_seed(12)
    I, H, B, T = 3, 4, 2, 40
    cell = torch.nn.LSTMCell(I, H)
    xs = randn(T, B, I, grad=True)
    rh = randn(T, B, H)
    h, c = torch.zeros(B, H), torch.zeros(B, H)
    hs, cs = [], []
    for t in range(T):
        h, c = cell(xs[t], (h, c))
        h.retain_grad()
        c.retain_grad()
        hs.append(h)
        cs.append(c)
    # L = Σ_t Σ h_t ⊙ R_t: every step's output counts; C_T reaches L only through h_T.
    weighted(*zip(hs, rh)).backward()
    write('lstm_cell_chain', {
        'config': {'inputSize': I, 'hiddenSize': H, 'batch': B, 'steps': T},
        'stateDict': state(cell),
        'inputs': {'x': enc(xs)},
        'lossWeights': {'h': enc(rh)},
        'outputs': {'h': enc(torch.stack(hs)), 'c': enc(torch.stack(cs))},
        'retainedGrads': {'h': enc(torch.stack([t.grad for t in hs])), 'c': enc(torch.stack([t.grad for t in cs]))},
        'grads': grads(cell),
        'inputGrads': {'x': enc(xs.grad)},
    })


def recurrent(name, kind, layers, seed, I=3, H=5, B=2, T=6):
    torch.manual_seed(seed)
    cls = {'lstm': torch.nn.LSTM, 'rnn': torch.nn.RNN, 'gru': torch.nn.GRU}[kind]
    net = cls(I, H, num_layers=layers, batch_first=True)
    x = randn(B, T, I, grad=True)
    h0 = randn(layers, B, H, grad=True)
    ro, rh = randn(B, T, H), randn(layers, B, H)
    inputs = {'x': enc(x), 'h0': enc(h0)}
    weights = {'out': enc(ro), 'h': enc(rh)}
    if kind == 'lstm':
        c0 = randn(layers, B, H, grad=True)
        rc = randn(layers, B, H)
        out, (hn, cn) = net(x, (h0, c0))
        weighted((out, ro), (hn, rh), (cn, rc)).backward()
        inputs['c0'] = enc(c0)
        weights['c'] = enc(rc)
        outputs = {'out': enc(out), 'hN': enc(hn), 'cN': enc(cn)}
        input_grads = {'x': enc(x.grad), 'h0': enc(h0.grad), 'c0': enc(c0.grad)}
    else:
        out, hn = net(x, h0)
        weighted((out, ro), (hn, rh)).backward()
        outputs = {'out': enc(out), 'hN': enc(hn)}
        input_grads = {'x': enc(x.grad), 'h0': enc(h0.grad)}
    write(name, {
        'config': {'inputSize': I, 'hiddenSize': H, 'numLayers': layers, 'batchFirst': True, 'batch': B, 'steps': T},
        'stateDict': state(net),
        'inputs': inputs,
        'lossWeights': weights,
        'outputs': outputs,
        'grads': grads(net),
        'inputGrads': input_grads,
    })


class CharModel(torch.nn.Module):
    """The article's PyTorch LSTMModel shape: Embedding → LSTM (batch first) → Linear over every step."""

    def __init__(self, vocab, embed, hidden, layers):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, embed)
        self.lstm = torch.nn.LSTM(embed, hidden, num_layers=layers, batch_first=True)
        self.fc = torch.nn.Linear(hidden, vocab)

    def forward(self, ids):
        out, (hn, cn) = self.lstm(self.embed(ids))
        return self.fc(out), hn, cn


def char_model():
    torch.manual_seed(7)
    V, E, H, L, B, T = 11, 5, 6, 2, 3, 7
    model = CharModel(V, E, H, L)
    ids = torch.randint(0, V, (B, T))
    targets = torch.randint(0, V, (B, T))
    logits, hn, cn = model(ids)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
    loss.backward()
    write('char_model', {
        'config': {'vocabSize': V, 'embeddingDim': E, 'hiddenSize': H, 'numLayers': L, 'batch': B, 'steps': T},
        'stateDict': state(model),
        'inputs': {'ids': {'shape': [B, T], 'data': ids.reshape(-1).tolist()},
                   'targets': {'shape': [B, T], 'data': targets.reshape(-1).tolist()}},
        'outputs': {'logits': enc(logits), 'hN': enc(hn), 'cN': enc(cn), 'loss': loss.item()},
        'grads': grads(model),
    })


def cross_entropy_one_hot():
    torch.manual_seed(11)
    N, C = 5, 4
    logits = randn(N, C, grad=True)
    target = torch.nn.functional.one_hot(torch.randint(0, C, (N,)), C).double()
    loss = torch.nn.functional.cross_entropy(logits, target)
    loss.backward()
    write('cross_entropy_one_hot', {
        'inputs': {'logits': enc(logits), 'target': enc(target)},
        'outputs': {'loss': loss.item()},
        'inputGrads': {'logits': enc(logits.grad)},
    })


FIXTURES = {
    'lstm_cell': lstm_cell,
    'lstm_cell_chain': lstm_cell_chain,
    'lstm_1layer': lambda: recurrent('lstm_1layer', 'lstm', 1, seed=2),
    'lstm_2layer': lambda: recurrent('lstm_2layer', 'lstm', 2, seed=3),
    'rnn': lambda: recurrent('rnn', 'rnn', 2, seed=4),
    'gru': lambda: recurrent('gru', 'gru', 2, seed=5),
    'char_model': char_model,
    'cross_entropy_one_hot': cross_entropy_one_hot,
}

if __name__ == '__main__':
    # No arguments: every fixture; otherwise only the named ones (e.g. lstm_cell_chain).
    os.makedirs(OUT, exist_ok=True)
    for name in sys.argv[1:] or FIXTURES:
        FIXTURES[name]()
