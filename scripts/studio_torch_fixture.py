#!/usr/bin/python3
"""Writes tests/fixtures/torch/studio_model.json: a small studio model made by PyTorch, saved in the studio's
model-file format (src/studio/model-file.ts) with float32 and float16 weights, plus PyTorch's next-character
log-probabilities for a fixed text read from a zero state. The unit test loads the file with parseModelFile
and compares the engine's predictions, so the format's keys, layouts and encodings are checked against
PyTorch itself without needing torch at test time.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/studio_torch_fixture.py
"""
import base64
import json
import os
import struct

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'torch', 'studio_model.json')
torch.manual_seed(7)
CHARS = ['\ufffd', ' ', 'e', 't', 'a', '细', '胞', '🙂', '\n', '"']
V, E, H, L = len(CHARS), 6, 8, 2
TEXT = 'eat "a" tea 细胞🙂\nzz'  # 'z' is outside the vocabulary: the unknown symbol, id 0


class StudioModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(V, E)
        self.lstm = nn.LSTM(E, H, num_layers=L, batch_first=True)
        self.fc = nn.Linear(H, V)

    def forward(self, ids):
        out, _ = self.lstm(self.embed(ids))
        return self.fc(out)


def tensor_entry(t, dtype):
    values = t.detach().float().contiguous().flatten().tolist()
    code = 'e' if dtype == 'float16' else 'f'
    raw = struct.pack('<%d%s' % (len(values), code), *values)
    return {'shape': list(t.shape), 'dtype': dtype, 'data': base64.b64encode(raw).decode('ascii')}


def model_file(model, dtype):
    return {
        'format': 'cell-state-studio-model/1',
        'architecture': {'vocabSize': V, 'embedding': E, 'hidden': H, 'layers': L},
        'hyper': {'layers': L, 'hidden': H, 'seqLen': 16, 'batch': 4, 'lr': 0.01, 'optimizer': 'adam', 'clip': 1, 'seed': 7},
        'vocab': {'chars': CHARS},
        'stateDict': {k: tensor_entry(v, dtype) for k, v in model.state_dict().items()},
        'lossHistory': [{'step': 1, 'trainBits': 3.3}],
    }


def log_probs(model, ids):
    with torch.no_grad():
        return torch.log_softmax(model(torch.tensor([ids])), dim=-1)[0].tolist()


model = StudioModel()
index = {c: i for i, c in enumerate(CHARS)}
ids = [index.get(c, 0) for c in TEXT]
float32 = model_file(model, 'float32')
# The float16 file's predictions are those of the weights rounded to half precision.
rounded = StudioModel()
rounded.load_state_dict({k: v.half().float() for k, v in model.state_dict().items()})
fixture = {
    'torch': torch.__version__,
    'text': TEXT,
    'ids': ids,
    'float32': {'file': float32, 'logProbs': log_probs(model, ids)},
    'float16': {'file': model_file(model, 'float16'), 'logProbs': log_probs(rounded, ids)},
}
with open(OUT, 'w', encoding='utf-8') as f:
    json.dump(fixture, f, ensure_ascii=False)
print('wrote', OUT)
