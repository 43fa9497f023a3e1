#!/usr/bin/env python3
"""PyTorch peer of `npm run bench` (bench/torch-peer.ts starts it and talks JSON lines over stdin/stdout).

One thread (torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1 from the caller). The same workloads as the
TypeScript side, written as PyTorch users write them: nn.Embedding (W4) or one-hot rows, nn.LSTM, nn.Linear,
F.cross_entropy, torch.optim.Adam; generation (W3) one character at a time under torch.inference_mode with
nn.LSTM carrying (h, c), sampled with torch.multinomial. Each "step" reply gives the wall and CPU time of one
unit measured here, so the pipe's latency is not counted.

  -> {"cmd": "init", "workload": {...}, "ids": [...], "targets": [...], "seed": 1}
  <- {"ok": true, "torch": "1.13.1", "blas": ".../openblas-pthread/libopenblasp-r0.3.21.so, ...", "threads": 1}
  -> {"cmd": "step"}        <- {"wall": ms, "cpu": ms, "value": loss or checksum}
  -> {"cmd": "quit"}
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)


def blas_library():
    """The BLAS libraries this process loaded, as paths (.../blas/libblas.so.3 is the slow reference BLAS)."""
    names = set()
    with open('/proc/self/maps') as maps:
        for line in maps:
            path = line.split()[-1]
            if 'blas' in path:
                names.add(path)
    return ', '.join(sorted(names)) or 'unknown'


def train_runner(w, ids, targets, seed):
    torch.manual_seed(seed)
    B, T, V, H = w['batch'], w['steps'], w['vocab'], w['hidden']
    ids = torch.tensor(ids, dtype=torch.long).view(B, T).t().contiguous()  # time-major [T, B]
    y = torch.tensor(targets, dtype=torch.long).view(B, T).t().reshape(T * B)
    embed = torch.nn.Embedding(V, w['embed']) if w.get('embed') else None
    x = None if embed else F.one_hot(ids, V).float()
    lstm = torch.nn.LSTM(w['embed'] if embed else V, H, w['layers'])
    fc = torch.nn.Linear(H, V)
    params = list(lstm.parameters()) + list(fc.parameters()) + (list(embed.parameters()) if embed else [])
    opt = torch.optim.Adam(params, lr=1e-3)

    def step():
        opt.zero_grad()
        out, _ = lstm(embed(ids) if embed else x)
        loss = F.cross_entropy(fc(out.reshape(T * B, H)), y)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def generate_runner(w, seed):
    torch.manual_seed(seed)
    V, H = w['vocab'], w['hidden']
    lstm = torch.nn.LSTM(V, H, w['layers'])
    fc = torch.nn.Linear(H, V)
    eye = torch.eye(V)
    gen = torch.Generator().manual_seed(seed)

    def step():
        with torch.inference_mode():
            state = None
            idx = 0
            checksum = 0
            for _ in range(w['chars']):
                out, state = lstm(eye[idx].view(1, 1, V), state)
                probs = torch.softmax(fc(out.view(1, H)), dim=1)
                idx = int(torch.multinomial(probs, 1, generator=gen))
                checksum += idx
            return checksum

    return step


def main():
    step = None
    for line in sys.stdin:
        msg = json.loads(line)
        if msg['cmd'] == 'init':
            w = msg['workload']
            step = train_runner(w, msg['ids'], msg['targets'], msg['seed']) if w['kind'] == 'train' else generate_runner(w, msg['seed'])
            reply = {'ok': True, 'torch': torch.__version__, 'blas': blas_library(), 'threads': torch.get_num_threads()}
        elif msg['cmd'] == 'step':
            c0, t0 = time.process_time(), time.perf_counter()
            value = step()
            reply = {'wall': (time.perf_counter() - t0) * 1e3, 'cpu': (time.process_time() - c0) * 1e3, 'value': value}
        else:
            break
        sys.stdout.write(json.dumps(reply) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
