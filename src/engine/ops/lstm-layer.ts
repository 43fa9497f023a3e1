/**
 * One LSTM layer over a whole sequence as a single tape op (forward and hand-written BPTT backward in
 * kernels/lstm-sequence.ts). nn.LSTM stacks these; nn.LSTMCell is the T = 1 case.
 */
import { Tensor, allocFloat, type FloatArray } from '../tensor.ts';
import { addInto, isUntouched, record, needsGrad } from '../autograd.ts';
import { checkTensor, checkShape, checkDtype } from './check.ts';
import { fmtShape } from '../shape.ts';
import { checkOptions } from '../options.ts';
import { LstmSequenceWorkspace, lstmSequenceForward, lstmSequenceBackward } from '../kernels/lstm-sequence.ts';

/**
 * Keeps workspaces for one layer so repeated calls with the same shape reuse their buffers. A workspace is
 * lent to a forward pass and comes back when its backward pass has run (or at once when nothing is recorded).
 */
export class WorkspacePool {
  private free: LstmSequenceWorkspace[] = [];

  acquire(float64: boolean, T: number, B: number, I: number, H: number): LstmSequenceWorkspace {
    const k = this.free.findIndex((w) => w.matches(float64, T, B, I, H));
    if (k >= 0) return this.free.splice(k, 1)[0];
    return new LstmSequenceWorkspace(float64, T, B, I, H);
  }

  release(ws: LstmSequenceWorkspace): void {
    // Keep only a couple of shapes (e.g. a training batch and a validation batch).
    this.free.push(ws);
    if (this.free.length > 2) this.free.shift()!.dispose();
  }
}

export interface LstmLayerWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor;
  biasHh: Tensor;
}

/**
 * x: [T, B, I] (or [B, T, I] when batchFirst), h0 and c0: [B, H]
 * → [output [T, B, H] (or [B, T, H]), hN [B, H], cN [B, H]].
 */
export function lstmLayer(
  x: Tensor,
  h0: Tensor,
  c0: Tensor,
  w: LstmLayerWeights,
  opts: { batchFirst?: boolean; pool?: WorkspacePool; name?: string } = {},
): [Tensor, Tensor, Tensor] {
  checkOptions('lstmLayer', opts, { batchFirst: 'boolean', pool: 'object', name: 'string' });
  const fn = opts.name ?? 'lstmLayer';
  const batchFirst = opts.batchFirst ?? false;
  checkTensor(fn, 'x', x);
  for (const [k, t] of Object.entries(w)) checkTensor(fn, k, t);
  const H = w.weightHh.shape[1];
  if (w.weightHh.ndim !== 2 || w.weightHh.shape[0] !== 4 * H) throw new Error(`${fn}: weightHh expected shape [4H, H], got ${fmtShape(w.weightHh.shape)}`);
  const I = w.weightIh.shape[1];
  checkShape(fn, 'weightIh', w.weightIh, [4 * H, 'I']);
  checkShape(fn, 'biasIh', w.biasIh, [4 * H]);
  checkShape(fn, 'biasHh', w.biasHh, [4 * H]);
  checkShape(fn, 'x', x, batchFirst ? ['B', 'T', I] : ['T', 'B', I]);
  const T = batchFirst ? x.shape[1] : x.shape[0];
  const B = batchFirst ? x.shape[0] : x.shape[1];
  checkTensor(fn, 'h0', h0);
  checkTensor(fn, 'c0', c0);
  checkShape(fn, 'h0', h0, [B, H]);
  checkShape(fn, 'c0', c0, [B, H]);
  for (const [k, t] of [['h0', h0], ['c0', c0], ['weightIh', w.weightIh], ['weightHh', w.weightHh], ['biasIh', w.biasIh], ['biasHh', w.biasHh]] as const) {
    checkDtype(fn, k, t, x.dtype);
  }
  const float64 = x.dtype === 'float64';
  const ws = opts.pool ? opts.pool.acquire(float64, T, B, I, H) : new LstmSequenceWorkspace(float64, T, B, I, H);
  const BH = B * H;
  if (batchFirst) permute(x.data, ws.x, B, T, I);
  else ws.x.set(x.data);
  ws.h.set(h0.data, 0);
  ws.c.set(c0.data, 0);
  lstmSequenceForward(ws, w.weightIh.data, w.weightHh.data, w.biasIh.data, w.biasHh.data);

  const out = new Tensor(allocFloat(x.dtype, T * BH), batchFirst ? [B, T, H] : [T, B, H]);
  const hTM = ws.h.subarray(BH);
  if (batchFirst) permute(hTM, out.data, T, B, H);
  else out.data.set(hTM);
  const hN = new Tensor(ws.h.slice(T * BH), [B, H]);
  const cN = new Tensor(ws.c.slice(T * BH), [B, H]);

  const inputs = [x, h0, c0, w.weightIh, w.weightHh, w.biasIh, w.biasHh];
  const giveBack = () => opts.pool?.release(ws);
  if (!needsGrad(inputs)) {
    giveBack();
    return [out, hN, cN];
  }
  record(
    fn,
    inputs,
    [out, hN, cN],
    ([gOut, ghN, gcN], [gx, gh0, gc0, gWih, gWhh, gbIh, gbHh]) => {
      let dOut = gOut;
      if (gOut && batchFirst) {
        dOut = allocFloat(x.dtype, T * BH);
        permute(gOut, dOut, B, T, H);
      }
      const dxTM = gx && batchFirst ? allocFloat(x.dtype, T * B * I) : gx;
      lstmSequenceBackward(ws, w.weightIh.data, w.weightHh.data, dOut, ghN, gcN, {
        dx: dxTM,
        dh0: gh0,
        dc0: gc0,
        dWih: gWih,
        dWhh: gWhh,
        dbIh: gbIh,
        dbHh: gbHh,
      });
      if (gx && batchFirst) {
        // Back to batch-first, straight into x's gradient when nothing else has added to it yet.
        if (isUntouched(gx)) permute(dxTM!, gx, T, B, I);
        else {
          const tmp = allocFloat(x.dtype, T * B * I);
          permute(dxTM!, tmp, T, B, I);
          addInto(gx, tmp);
        }
      }
    },
    giveBack,
  );
  return [out, hN, cN];
}

/** dst[b, a, :] = src[a, b, :] for src of shape [A, Bn, D] (swaps the two leading dimensions), a row at a time. */
function permute(src: FloatArray, dst: FloatArray, A: number, Bn: number, D: number): void {
  for (let a = 0; a < A; a++) {
    for (let b = 0; b < Bn; b++) {
      const s = (a * Bn + b) * D;
      dst.set(src.subarray(s, s + D), (b * A + a) * D);
    }
  }
}
