/** Interface text of the gradient lab in both site languages; the sentences are built from the computed numbers. */
import { DEFAULT_SETTINGS, curveOf, firstStep, firstToLastRatio, formatSci, formatSetting, type GradientResult, type GradientSettings, type ModelKind, type Quantity } from './model.ts';
import { LINK_TEXT } from '../shared/labels.ts';

/** Symbols are the same in both languages. */
export const SYMBOLS: Record<Quantity, string> = { x: '‖∂L/∂x_t‖', h: '‖∂L/∂h_t‖', c: '‖∂L/∂C_t‖', w: '‖(∂L/∂W_hh)_t‖' };

/** A symbol at a given step: ‖∂L/∂h_t‖ → ‖∂L/∂h_1‖. */
const at = (q: Quantity, step: number | 'T') => SYMBOLS[q].replace('_t', `_${step}`);

/** The ratio of the drawn curve between its first meaningful step and t = T (see firstStep). */
const ratioOf = (r: GradientResult, m: ModelKind, q: Quantity, clip: boolean) => firstToLastRatio(curveOf(r[m], q, clip), firstStep(q));

type Trend = 'vanishes' | 'explodes' | 'holds' | 'undefined';

/** How the first-to-last ratio reads: below 10⁻³ vanishing, above 10³ exploding. */
export function trendOf(ratio: number | null): Trend {
  if (ratio === null || !Number.isFinite(ratio)) return ratio === Infinity ? 'explodes' : 'undefined';
  if (ratio < 1e-3) return 'vanishes';
  if (ratio > 1e3) return 'explodes';
  return 'holds';
}

/**
 * With the default settings, stepping s along its slider (state.ts SCALE): the largest s at which the RNN's
 * ‖∂L/∂h_t‖ ratio still vanishes, and the smallest at which it first explodes (trendOf). The caption states
 * both; a unit test recomputes them with gradientNorms.
 */
export const RNN_VANISHES_UP_TO_SCALE = 1.3;
export const RNN_EXPLODES_FROM_SCALE = 1.8;

/** Did clip_grad_norm_ change this model's gradient? (factor exactly 1 when the norm is below the threshold) */
const clipped = (r: GradientResult, m: ModelKind) => r[m].clipFactor !== 1;

/** A setting in a sentence, e.g. b_f = −3 (typographic minus, as every number of the widget). */
const n = formatSetting;

const TEXT = {
  en: {
    title: 'Gradient lab: how far back does the gradient reach?',
    fallback:
      'With JavaScript, this figure computes, in your browser, the gradient of L = ½‖h_T‖² with respect to every x_t, h_t and C_t of a vanilla RNN and an LSTM (the engine’s real backward pass), and plots their sizes on a log scale. You can change the sequence length, the recurrent weight scale, the forget-gate bias, the hidden size, the seed and gradient clipping.',
    tableCaption: (s: GradientSettings) =>
      `Computed at build time with the default settings (T = ${s.T}, s = ${n(s.scale)}, b_f = ${n(s.forgetBias)}, H = ${s.hidden}, seed ${s.seed}): ‖∂L/∂h_t‖ at a few steps t`,
    caption:
      'A vanilla RNN and an LSTM of the same hidden size H read the same random sequence x_1 … x_T (4 numbers per step). The loss is L = ½‖h_T‖², computed from the last hidden state only, so every gradient starts at t = T and flows back through the recurrence; the chart shows how much of it reaches each step.',
    lookFor:
      'W_hh is a random orthogonal matrix (one per gate for the LSTM) times the scale s. s < 1 shrinks the RNN’s gradient at every step; since tanh′ ≤ 1 shrinks it too, only s well above 1, about 2, blows it up: with the default settings (T = ' +
      `${DEFAULT_SETTINGS.T}) the RNN’s ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ stays below 10⁻³ (vanishing) up to s = ${n(RNN_VANISHES_UP_TO_SCALE)} and first exceeds 10³ (exploding) at s = ${n(RNN_EXPLODES_FROM_SCALE)}. ` +
      'The forget-gate bias b_f sets how open the LSTM’s forget gate f_t is. Gradient clipping (PyTorch’s clip_grad_norm_) acts after the backward pass, on the parameter gradient ∇θL only: when ‖∇θL‖ exceeds the threshold it multiplies ∇θL by one factor. So ‖∂L/∂x_t‖, ‖∂L/∂h_t‖ and ‖∂L/∂C_t‖ do not move; what shrinks is ‖∇θL‖ and, by the same factor, every step’s term ‖(∂L/∂W_hh)_t‖ of the recurrent weight gradient. It caps exploding updates but cannot bring a vanished gradient back: early terms stay as small next to late ones.',
    controls: 'Settings',
    T: 'Sequence length T',
    scale: 'Recurrent weight scale s',
    forgetBias: 'Forget-gate bias b_f (LSTM)',
    hidden: 'Hidden size H',
    quantity: 'Plotted quantity',
    quantityText: { x: '‖∂L/∂x_t‖ (input)', h: '‖∂L/∂h_t‖ (hidden state)', c: '‖∂L/∂C_t‖ (cell state, LSTM only)', w: '‖(∂L/∂W_hh)_t‖ (step t’s term of ∂L/∂W_hh)' } as Record<Quantity, string>,
    clip: 'Clip the gradient norm',
    maxNorm: 'Clipping threshold',
    seed: 'Seed',
    ...LINK_TEXT.en,
    computing: 'Computing…',
    readouts: 'Numbers behind the chart',
    ratioLabel: (model: string, q: Quantity) => `${model}: ${at(q, firstStep(q))} / ${at(q, 'T')}`,
    paramNormLabel: (model: string) => `${model}: ‖∇θL‖`,
    clippedNormLabel: (model: string) => `${model}: after clipping, ‖∇θL‖`,
    clipFactorLabel: (model: string) => `${model}: clipping factor`,
    none: 'none (no C_t)',
    chartLabel: (q: Quantity) => `Line chart, log scale: ${SYMBOLS[q]} against the step t for the RNN and the LSTM`,
    axisT: 'step t',
    sampleCaption: (q: Quantity, clip: boolean) => `${SYMBOLS[q]} at sampled steps${clip && q === 'w' ? ', after clipping' : ''} (the numbers the chart draws)`,
    clippedAxis: 'after clipping',
    step: 't',
    describe: (s: GradientSettings, r: GradientResult, q: Quantity) => {
      const rnn = ratioOf(r, 'rnn', q, s.clip);
      const lstm = ratioOf(r, 'lstm', q, s.clip)!;
      const first = firstStep(q);
      const trend = { vanishes: 'vanishes', explodes: 'explodes', holds: 'neither vanishes nor explodes', undefined: 'cannot be compared' };
      // "times" reads right for every ratio: 5.92 × 10⁻¹⁰ times, 9.97 times.
      let text =
        rnn === null
          ? `With T = ${s.T} and s = ${n(s.scale)}: the RNN has no cell state; the LSTM’s ${SYMBOLS[q]} at t = ${first} is ${formatSci(lstm)} times its value at t = T (it ${trend[trendOf(lstm)]}, b_f = ${n(s.forgetBias)}).`
          : `With T = ${s.T} and s = ${n(s.scale)}: the RNN’s ${SYMBOLS[q]} at t = ${first} is ${formatSci(rnn)} times its value at t = T (it ${trend[trendOf(rnn)]}); the LSTM’s is ${formatSci(lstm)} times its value at t = T (it ${trend[trendOf(lstm)]}, b_f = ${n(s.forgetBias)}).`;
      if (s.clip) {
        const max = n(s.maxNorm);
        const norm = (m: ModelKind) => formatSci(r[m].paramNorm);
        const change = (m: ModelKind) => `by ${formatSci(r[m].clipFactor)} (‖∇θL‖ ${norm(m)} → ${formatSci(r[m].clippedNorm)})`;
        const tail =
          q === 'w'
            ? ` Every step’s term of ∂L/∂W_hh shrinks by the same factor, so the ratio between t = ${first} and t = T is unchanged.`
            : ` ${SYMBOLS[q]} is not a parameter gradient: clipping leaves it as drawn.`;
        if (clipped(r, 'rnn') && clipped(r, 'lstm')) {
          text += ` Clipping to ${max}, after the backward pass, multiplied the RNN’s parameter gradient ∇θL ${change('rnn')} and the LSTM’s ${change('lstm')}.${tail}`;
        } else if (clipped(r, 'rnn') || clipped(r, 'lstm')) {
          const [cut, kept] = clipped(r, 'rnn') ? (['rnn', 'lstm'] as const) : (['lstm', 'rnn'] as const);
          text += ` Clipping to ${max}, after the backward pass, multiplied the ${MODEL_NAMES[cut]}’s parameter gradient ∇θL ${change(cut)}. The ${MODEL_NAMES[kept]}’s gradient norm (${norm(kept)}) is below the threshold, so clipping did not change it.${tail}`;
        } else {
          text += ` Both gradient norms (RNN ${norm('rnn')}, LSTM ${norm('lstm')}) are below the clipping threshold ${max}, so clipping did not change anything.`;
        }
      }
      return text;
    },
  },
  'zh-cn': {
    title: '梯度实验室：梯度能传回多远？',
    fallback:
      '启用 JavaScript 后，这里会在你的浏览器中计算 L = ½‖h_T‖² 对普通循环神经网络和 LSTM 每一步 x_t、h_t、C_t 的梯度（引擎真实的反向传播），并在对数坐标上画出它们的大小。你可以调整序列长度、循环权重缩放、遗忘门偏置、隐藏层大小、随机种子和梯度裁剪。',
    tableCaption: (s: GradientSettings) =>
      `构建时按默认设置计算（T = ${s.T}，s = ${n(s.scale)}，b_f = ${n(s.forgetBias)}，H = ${s.hidden}，种子 ${s.seed}）：若干步 t 上的 ‖∂L/∂h_t‖`,
    caption:
      '隐藏层大小 H 相同的普通循环神经网络和 LSTM 读入同一个随机序列 x_1 … x_T（每步 4 个数）。损失 L = ½‖h_T‖² 只由最后一步的隐藏状态计算，因此所有梯度都从 t = T 出发，沿循环结构反向传播；图中显示有多少梯度到达每一步。',
    lookFor:
      'W_hh 是一个随机正交矩阵（LSTM 每个门各一个）乘以缩放系数 s。s < 1 时循环神经网络的梯度每一步都会缩小；由于 tanh′ ≤ 1 也会使它缩小，只有 s 明显大于 1（约为 2）时梯度才会爆炸：按默认设置（T = ' +
      `${DEFAULT_SETTINGS.T}），循环神经网络的 ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ 直到 s = ${n(RNN_VANISHES_UP_TO_SCALE)} 仍低于 10⁻³（梯度消失），到 s = ${n(RNN_EXPLODES_FROM_SCALE)} 才首次超过 10³（梯度爆炸）。` +
      '遗忘门偏置 b_f 决定 LSTM 的遗忘门 f_t 打开的程度。梯度裁剪（PyTorch 的 clip_grad_norm_）在反向传播之后进行，只作用于参数梯度 ∇θL：当 ‖∇θL‖ 超过阈值时，把 ∇θL 整体乘以同一个系数。所以 ‖∂L/∂x_t‖、‖∂L/∂h_t‖ 和 ‖∂L/∂C_t‖ 都不变；缩小的是 ‖∇θL‖，以及按同一系数缩小的循环权重梯度中每一步的贡献 ‖(∂L/∂W_hh)_t‖。它能限制爆炸的更新，却无法找回已经消失的梯度：早期各步的贡献与后期相比依然一样小。',
    controls: '设置',
    T: '序列长度 T',
    scale: '循环权重缩放 s',
    forgetBias: '遗忘门偏置 b_f（LSTM）',
    hidden: '隐藏层大小 H',
    quantity: '绘制的量',
    quantityText: { x: '‖∂L/∂x_t‖（输入）', h: '‖∂L/∂h_t‖（隐藏状态）', c: '‖∂L/∂C_t‖（细胞状态，仅 LSTM）', w: '‖(∂L/∂W_hh)_t‖（第 t 步对 ∂L/∂W_hh 的贡献）' } as Record<Quantity, string>,
    clip: '裁剪梯度范数',
    maxNorm: '裁剪阈值',
    seed: '随机种子',
    ...LINK_TEXT['zh-cn'],
    computing: '计算中…',
    readouts: '图表背后的数值',
    ratioLabel: (model: string, q: Quantity) => `${model}：${at(q, firstStep(q))} / ${at(q, 'T')}`,
    paramNormLabel: (model: string) => `${model}：‖∇θL‖`,
    clippedNormLabel: (model: string) => `${model}：裁剪后的 ‖∇θL‖`,
    clipFactorLabel: (model: string) => `${model}：裁剪系数`,
    none: '无（没有 C_t）',
    chartLabel: (q: Quantity) => `折线图（对数坐标）：循环神经网络与 LSTM 的 ${SYMBOLS[q]} 随步数 t 的变化`,
    axisT: '步数 t',
    sampleCaption: (q: Quantity, clip: boolean) => `若干步上的 ${SYMBOLS[q]}${clip && q === 'w' ? '（裁剪后）' : ''}（即图中所画的数值）`,
    clippedAxis: '裁剪后',
    step: 't',
    describe: (s: GradientSettings, r: GradientResult, q: Quantity) => {
      const rnn = ratioOf(r, 'rnn', q, s.clip);
      const lstm = ratioOf(r, 'lstm', q, s.clip)!;
      const first = firstStep(q);
      const trend = { vanishes: '梯度消失', explodes: '梯度爆炸', holds: '既没有消失也没有爆炸', undefined: '无法比较' };
      let text =
        rnn === null
          ? `T = ${s.T}、s = ${n(s.scale)} 时：循环神经网络没有细胞状态；LSTM 在 t = ${first} 处的 ${SYMBOLS[q]} 是 t = T 处的 ${formatSci(lstm)} 倍（${trend[trendOf(lstm)]}，b_f = ${n(s.forgetBias)}）。`
          : `T = ${s.T}、s = ${n(s.scale)} 时：循环神经网络在 t = ${first} 处的 ${SYMBOLS[q]} 是 t = T 处的 ${formatSci(rnn)} 倍（${trend[trendOf(rnn)]}）；LSTM 的是 ${formatSci(lstm)} 倍（${trend[trendOf(lstm)]}，b_f = ${n(s.forgetBias)}）。`;
      if (s.clip) {
        const max = n(s.maxNorm);
        const norm = (m: ModelKind) => formatSci(r[m].paramNorm);
        const change = (m: ModelKind) => `乘以 ${formatSci(r[m].clipFactor)}（‖∇θL‖ ${norm(m)} → ${formatSci(r[m].clippedNorm)}）`;
        const of = { rnn: '循环神经网络的', lstm: 'LSTM 的' } as const;
        const tail =
          q === 'w'
            ? `∂L/∂W_hh 每一步的贡献都按同一系数缩小，所以 t = ${first} 与 t = T 之间的比值不变。`
            : `${SYMBOLS[q]} 不是参数梯度，裁剪不会改变它，图中所画的就是它本来的大小。`;
        if (clipped(r, 'rnn') && clipped(r, 'lstm')) {
          text += `裁剪阈值为 ${max}：反向传播之后，循环神经网络的参数梯度 ∇θL ${change('rnn')}，LSTM 的${change('lstm')}。${tail}`;
        } else if (clipped(r, 'rnn') || clipped(r, 'lstm')) {
          const [cut, kept] = clipped(r, 'rnn') ? (['rnn', 'lstm'] as const) : (['lstm', 'rnn'] as const);
          text += `裁剪阈值为 ${max}：反向传播之后，${of[cut]}参数梯度 ∇θL ${change(cut)}。${of[kept]}梯度范数（${norm(kept)}）低于阈值，裁剪没有改变它。${tail}`;
        } else {
          text += `两个梯度范数（循环神经网络 ${norm('rnn')}，LSTM ${norm('lstm')}）都低于裁剪阈值 ${max}，所以裁剪没有改变任何东西。`;
        }
      }
      return text;
    },
  },
};

export type GradientLabText = (typeof TEXT)['en'];

/** Model names as shown (the same in both languages, as the chapters write them). */
export const MODEL_NAMES = { rnn: 'RNN', lstm: 'LSTM' } as const;

/** The widget's text for a page language tag ('en', 'zh-CN', 'zh-cn'). */
export function textFor(lang: string | null | undefined): GradientLabText {
  return lang && lang.toLowerCase().startsWith('zh') ? TEXT['zh-cn'] : TEXT.en;
}
