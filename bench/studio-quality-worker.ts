/**
 * Runs inside a Web Worker in headless Chromium (bench/studio-quality-browser.ts bundles it): the studio's own
 * trainer on one text for a wall-clock budget, posting a curve point every `every` seconds.
 *
 * The clock is the reader's "Elapsed time": wall time of training plus validation, as the studio counts it
 * while it trains. Each point's validation is the trainer's own (validationBits, the studio's number).
 */
import { StudioTrainer } from '../src/studio/trainer.ts';
import type { StudioHyper } from '../src/studio/hyper.ts';
import { simdStatus } from '../src/engine/kernels/wasm-heap.ts';

export interface QualityRequest {
  text: string;
  hyper: StudioHyper;
  seconds: number;
  every: number;
  /** Screening: false keeps η constant (no plateau rule). */
  plateau?: boolean;
  /** Screening: false halves η at a plateau without going back to the best weights. */
  restoreBest?: boolean;
}

export interface CurvePoint {
  /** Wall seconds since training began (training and validation). */
  seconds: number;
  step: number;
  chars: number;
  /** Mean training loss of the steps since the previous point, bits per character. */
  trainBits: number;
  validationBits: number;
  /** Characters per second of training time since the previous point. */
  charsPerSecond: number;
  lr: number;
  evalMs: number;
}

interface WorkerScope {
  onmessage: ((e: { data: QualityRequest }) => void) | null;
  postMessage(msg: unknown): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e) => {
  try {
    const { text, hyper, seconds, every, plateau, restoreBest } = e.data;
    const trainer = new StudioTrainer({ text, hyper, ...(plateau === false ? { plateau: null } : {}), ...(restoreBest === false ? { restoreBest: false } : {}) });
    scope.postMessage({
      kind: 'start',
      simd: simdStatus(),
      vocabSize: trainer.vocab.size,
      parameters: trainer.model.parameterCount,
      embedding: trainer.model.embeddingDim,
      batch: trainer.batchShape,
      validation: trainer.validationDescription,
      unigramBits: trainer.unigramBits(),
    });
    const start = performance.now();
    let nextPoint = every * 1000;
    let sumBits = 0;
    let steps = 0;
    let trainMs = 0;
    let chars = 0;
    for (;;) {
      const t0 = performance.now();
      const r = trainer.step();
      trainMs += performance.now() - t0;
      if (r.ok) {
        sumBits += r.trainBits;
        steps++;
        chars += r.chars;
      } else scope.postMessage({ kind: 'refused', step: r.step, message: r.message });
      const elapsed = performance.now() - start;
      const last = elapsed >= seconds * 1000;
      if (elapsed >= nextPoint || last) {
        const e0 = performance.now();
        const validationBits = trainer.validationBits();
        const evalMs = performance.now() - e0;
        const point: CurvePoint = {
          seconds: (performance.now() - start) / 1000,
          step: trainer.stepCount,
          chars: trainer.charsSeen,
          trainBits: steps ? sumBits / steps : NaN,
          validationBits,
          charsPerSecond: trainMs > 0 ? (chars * 1000) / trainMs : 0,
          lr: trainer.optimizer.lr,
          evalMs,
        };
        scope.postMessage({ kind: 'point', point });
        sumBits = steps = trainMs = chars = 0;
        while (nextPoint <= performance.now() - start) nextPoint += every * 1000;
      }
      if (last) break;
    }
    scope.postMessage({ kind: 'done' });
  } catch (err) {
    scope.postMessage({ kind: 'error', error: String((err as Error)?.stack ?? err) });
  }
};
