/**
 * "Continue in PyTorch": a small runnable Python script that rebuilds the studio's model with nn.Embedding,
 * nn.LSTM and nn.Linear, loads a model file (model-file.ts), prints its validation loss on the same text and
 * split as the studio, continues training with the same hyperparameters, and saves a model file that the
 * studio loads back. It mirrors trainer.ts: the same holdout, the same validation streams, the same truncated
 * BPTT with carried and reset state (its random draws come from torch, so the batches differ from the browser's),
 * the same learning-rate rule at every validation reading (plateau.ts: halve η and return to the best weights).
 */
import { HOLDOUT_FRACTION } from './corpus.ts';
import type { StudioHyper } from './hyper.ts';
import { MODEL_FORMAT } from './model-file.ts';
import { PLATEAU, RESET_PROBABILITY, VALIDATION_MAX_CHARS, VALIDATION_STREAMS } from './trainer.ts';

export interface PytorchScriptOptions {
  hyper: StudioHyper;
  /** The training text, saved next to the script (UTF-8). */
  corpusFileName: string;
  /** The model file, saved next to the script. */
  modelFileName: string;
}

/** The script's source (Python 3, PyTorch ≥ 1.10). */
export function pytorchScript(options: PytorchScriptOptions): string {
  const { hyper, corpusFileName, modelFileName } = options;
  const py = (v: unknown) => JSON.stringify(v); // JSON strings and numbers are Python literals too
  const holdoutDivisor = Math.round(1 / HOLDOUT_FRACTION);
  return `#!/usr/bin/env python3
"""Continue training a Cell State studio model in PyTorch.

    python3 continue_training.py                 # validation loss, then 2000 more steps, then save
    python3 continue_training.py --steps 0       # only print the validation loss
    python3 continue_training.py --device cuda --steps 20000

Reads ${modelFileName} (weights under PyTorch state_dict names) and ${corpusFileName} (the training text),
holds out the last 1/${holdoutDivisor} of the text exactly as the studio does, and saves the result in the
studio's model-file format, so "Load model" in the studio reads it back.
"""
import argparse, base64, json, math, struct, sys
import torch
import torch.nn as nn

MODEL_FILE = ${py(modelFileName)}
CORPUS_FILE = ${py(corpusFileName)}
HYPER = json.loads(${py(JSON.stringify(hyper))})
FORMAT = ${py(MODEL_FORMAT)}
VALIDATION_MAX_CHARS = ${VALIDATION_MAX_CHARS}
VALIDATION_STREAMS = ${VALIDATION_STREAMS}
RESET_PROBABILITY = ${RESET_PROBABILITY}
# The studio's learning-rate rule: halve lr after PLATEAU_PATIENCE steps without a gain of PLATEAU_MIN_DELTA
# bits per character (not below PLATEAU_MIN_LR_FRACTION * lr), going back to the best reading's weights.
PLATEAU_PATIENCE = ${PLATEAU.patience}
PLATEAU_FACTOR = ${PLATEAU.factor}
PLATEAU_MIN_LR_FRACTION = ${PLATEAU.minLrFraction}
PLATEAU_MIN_DELTA = ${PLATEAU.minDelta}


class StudioModel(nn.Module):
    """Embedding -> LSTM (batch_first) -> Linear: logits for the character after each input."""

    def __init__(self, vocab_size, embedding, hidden, layers):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embedding)
        self.lstm = nn.LSTM(embedding, hidden, num_layers=layers, batch_first=True)
        self.fc = nn.Linear(hidden, vocab_size)

    def forward(self, ids, state=None):
        out, state = self.lstm(self.embed(ids), state)
        return self.fc(out), state


def read_tensor(name, entry):
    n = math.prod(entry["shape"])
    data = entry["data"]
    if isinstance(data, list):
        values = data
    else:
        raw = base64.b64decode(data)
        code = "e" if entry.get("dtype", "float32") == "float16" else "f"
        values = struct.unpack("<%d%s" % (n, code), raw)
    return torch.tensor(values, dtype=torch.float32).reshape(entry["shape"])


def write_tensor(t):
    values = t.detach().cpu().float().contiguous().flatten().tolist()
    raw = struct.pack("<%df" % len(values), *values)
    return {"shape": list(t.shape), "dtype": "float32", "data": base64.b64encode(raw).decode("ascii")}


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if text.startswith("\\ufeff"):
        text = text[1:]
    return text.replace("\\r\\n", "\\n").replace("\\r", "\\n")


def split_holdout(text):
    """The last 1/${holdoutDivisor} of the characters (code points) is validation, never trained on."""
    n = len(text)
    cut = n - max(1, (n + ${Math.floor(holdoutDivisor / 2)}) // ${holdoutDivisor})
    return text[:cut], text[cut:]


def validation_bits(model, ids, device):
    """Mean cross-entropy in bits/char over the first held-out characters, read as parallel streams from zero state."""
    n = min(len(ids), VALIDATION_MAX_CHARS + VALIDATION_STREAMS)
    streams = min(VALIDATION_STREAMS, n - 1)
    per = (n - 1) // streams
    x = torch.tensor([ids[s * per : s * per + per] for s in range(streams)], device=device)
    y = torch.tensor([ids[s * per + 1 : s * per + per + 1] for s in range(streams)], device=device)
    model.eval()
    with torch.no_grad():
        logits, _ = model(x)
        nats = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1)).item()
    model.train()
    return nats / math.log(2)


def make_optimizer(params, hyper):
    name, lr = hyper["optimizer"], hyper["lr"]
    if name == "adam":
        return torch.optim.Adam(params, lr=lr)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr)
    return torch.optim.SGD(params, lr=lr, momentum=0.9)


class Plateau:
    """The studio's plateau rule (plateau.ts), counted in training steps."""

    def __init__(self, model, optimizer, min_lr):
        self.model, self.optimizer, self.min_lr = model, optimizer, min_lr
        self.best, self.since, self.best_weights = math.inf, 0, None

    def observe(self, step, bits):
        lr = self.optimizer.param_groups[0]["lr"]
        if bits < self.best - PLATEAU_MIN_DELTA:
            self.best, self.since = bits, step
            self.best_weights = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        elif step - self.since >= PLATEAU_PATIENCE and lr > self.min_lr:
            self.since = step
            for group in self.optimizer.param_groups:
                group["lr"] = max(self.min_lr, lr * PLATEAU_FACTOR)
            if self.best_weights is not None:
                self.model.load_state_dict(self.best_weights)
            print("step %d: no gain for %d steps, lr %g" % (step, PLATEAU_PATIENCE, group["lr"]), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=MODEL_FILE)
    parser.add_argument("--corpus", default=CORPUS_FILE)
    parser.add_argument("--steps", type=int, default=2000, help="training steps (batches) to run")
    parser.add_argument("--eval-every", type=int, default=200)
    parser.add_argument("--save", default=None, help="output model file (default: <model>-pytorch.json)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--seed", type=int, default=HYPER["seed"])
    args = parser.parse_args()
    torch.manual_seed(args.seed)

    with open(args.model, encoding="utf-8") as f:
        saved = json.load(f)
    if saved.get("format") != FORMAT:
        sys.exit("%s: format expected %r, got %r" % (args.model, FORMAT, saved.get("format")))
    arch, hyper, chars = saved["architecture"], saved.get("hyper", HYPER), saved["vocab"]["chars"]
    index = {c: i for i, c in enumerate(chars)}  # id 0 is the unknown symbol
    model = StudioModel(arch["vocabSize"], arch["embedding"], arch["hidden"], arch["layers"])
    model.load_state_dict({k: read_tensor(k, v) for k, v in saved["stateDict"].items()})
    model.to(args.device)

    train_text, validation_text = split_holdout(read_text(args.corpus))
    train = [index.get(c, 0) for c in train_text]
    validation = [index.get(c, 0) for c in validation_text]
    history = list(saved.get("lossHistory", []))
    step = max([p["step"] for p in history], default=0)
    bits = validation_bits(model, validation, args.device)
    print("validation loss before training: %.8f bits per character" % bits, flush=True)

    B, T = hyper["batch"], min(hyper["seqLen"], len(train) - 2)
    B = max(1, min(B, (len(train) - 2) // T))
    optimizer = make_optimizer(model.parameters(), hyper)
    plateau = Plateau(model, optimizer, hyper["lr"] * PLATEAU_MIN_LR_FRACTION)
    plateau.observe(step, bits)
    data = torch.tensor(train, device=args.device)
    state, batches, pos = None, None, 0
    for k in range(1, args.steps + 1):
        if batches is None or pos >= batches:
            # A pass: B contiguous streams from a random offset, starting from the zero state.
            offset = int(torch.randint(0, max(1, min(T, len(train) - 1 - B * T) + 1), (1,)))
            L = (len(train) - offset - 1) // B
            streams = data[offset : offset + B * L + 1]
            batches, pos, state = L // T, 0, None
        cols = torch.arange(B, device=args.device) * L + pos * T
        x = torch.stack([streams[c : c + T] for c in cols.tolist()])
        y = torch.stack([streams[c + 1 : c + T + 1] for c in cols.tolist()])
        pos += 1
        if state is not None:
            keep = (torch.rand(B, device=args.device) >= RESET_PROBABILITY).float().view(1, B, 1)
            state = (state[0] * keep, state[1] * keep)  # some streams start again from h = C = 0
        logits, state = model(x, state)
        state = (state[0].detach(), state[1].detach())  # truncated BPTT: carry the values, cut the graph
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        if hyper["clip"] > 0:
            nn.utils.clip_grad_norm_(model.parameters(), hyper["clip"])
        optimizer.step()
        step += 1
        history.append({"step": step, "trainBits": loss.item() / math.log(2)})
        if k % args.eval_every == 0 or k == args.steps:
            bits = validation_bits(model, validation, args.device)
            history[-1]["validationBits"] = bits
            if k < args.steps:  # the saved weights are the ones whose loss was printed
                plateau.observe(step, bits)
            print("step %d  train %.3f  validation %.3f bits per character" % (step, history[-1]["trainBits"], bits), flush=True)

    out = args.save or args.model.rsplit(".json", 1)[0] + "-pytorch.json"
    saved["stateDict"] = {k: write_tensor(v) for k, v in model.state_dict().items()}
    saved["lossHistory"] = history
    saved["info"] = dict(saved.get("info", {}), trainedWith="PyTorch " + torch.__version__)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(saved, f, ensure_ascii=False)
    print("saved", out)


if __name__ == "__main__":
    main()
`;
}
