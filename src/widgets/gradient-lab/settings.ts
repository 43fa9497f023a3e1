/**
 * The gradient lab's settings and their bounds, with no engine: the widget's declaration (src/widgets/gradient-lab/
 * state.ts, loaded on every page with the lab) needs them, and the engine waits for the widget's module.
 */
export const T_MIN = 2;
export const T_MAX = 200;

export const QUANTITIES = ['x', 'h', 'c', 'w'] as const;
/** ∂L/∂x_t, ∂L/∂h_t, ∂L/∂C_t (the RNN has no C_t), or step t's term of ∂L/∂W_hh. */
export type Quantity = (typeof QUANTITIES)[number];

export interface GradientSettings {
  /** Sequence length T. */
  T: number;
  /** s in W_hh = s · (orthogonal blocks). */
  scale: number;
  /** b_f, written into the forget-gate rows of the LSTM's bias_ih (bias_hh's rows are zero). */
  forgetBias: number;
  /** Hidden size H of both models. */
  hidden: number;
  seed: number;
  /** Apply clip_grad_norm_(parameters, maxNorm) after backward. */
  clip: boolean;
  maxNorm: number;
}

export const DEFAULT_SETTINGS: Readonly<GradientSettings> = { T: 100, scale: 1, forgetBias: 3, hidden: 16, seed: 1, clip: false, maxNorm: 1 };
