/** Interface text of the gate ablation widget in both site languages, and each variant's equation (TeX). */
import { percent, type InitKind, type ResultRow, type TaskKind, type Variant, type summarize } from './model.ts';
import { LINK_TEXT, TRAINING_TEXT } from '../shared/labels.ts';
import { MAX_VARIANTS, MIN_VARIANTS } from './state.ts';

export type Summary = ReturnType<typeof summarize>;

/** What each variant changes, in the chapter's symbols (rendered with KaTeX at build time); the words in \text{} follow the page language. */
const EQUATIONS_SHARED: Omit<Record<Variant, string>, 'peepholes'> = {
  vanilla: String.raw`C_t = f_t * C_{t-1} + i_t * \tilde{C}_t,\quad h_t = o_t * \tanh(C_t)`,
  'no-forget-gate': String.raw`f_t \equiv 1:\quad C_t = C_{t-1} + i_t * \tilde{C}_t`,
  'no-input-gate': String.raw`i_t \equiv 1:\quad C_t = f_t * C_{t-1} + \tilde{C}_t`,
  'no-output-gate': String.raw`o_t \equiv 1:\quad h_t = \tanh(C_t)`,
  coupled: String.raw`f_t = 1 - i_t:\quad C_t = (1 - i_t) * C_{t-1} + i_t * \tilde{C}_t`,
  'no-output-activation': String.raw`h_t = o_t * C_t`,
  gru: String.raw`h_t = (1 - z_t) * \tilde{h}_t + z_t * h_{t-1}`,
};
const PEEPHOLE_F = String.raw`f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + p_f * C_{t-1} + b_f)`;

/**
 * Per page language. \allowbreak: KaTeX breaks inline math only after = + ∗ and the like, so the clauses
 * after the commas of the peepholes row get break points of their own (narrow screens).
 */
export const EQUATIONS: Record<'en' | 'zh-cn', Record<Variant, string>> = {
  en: { ...EQUATIONS_SHARED, peepholes: String.raw`${PEEPHOLE_F},\ \allowbreak\text{likewise } p_i * C_{t-1} \text{ in } i_t,\ \allowbreak p_o * C_t \text{ in } o_t` },
  'zh-cn': { ...EQUATIONS_SHARED, peepholes: String.raw`${PEEPHOLE_F}\text{，}\allowbreak i_t \text{ 中同样加 } p_i * C_{t-1}\text{，}\allowbreak o_t \text{ 中加 } p_o * C_t` },
};

const NAMES: Record<'en' | 'zh-cn', Record<Variant, string>> = {
  en: {
    vanilla: 'Vanilla LSTM',
    'no-forget-gate': 'Forget gate fixed at 1 (NFG)',
    'no-input-gate': 'No input gate (NIG)',
    'no-output-gate': 'No output gate (NOG)',
    coupled: 'Coupled input and forget gates (CIFG)',
    peepholes: 'Peepholes (PH)',
    'no-output-activation': 'No output activation (NOAF)',
    gru: 'GRU',
  },
  'zh-cn': {
    vanilla: '标准 LSTM',
    'no-forget-gate': '遗忘门固定为 1（NFG）',
    'no-input-gate': '去掉输入门（NIG）',
    'no-output-gate': '去掉输出门（NOG）',
    coupled: '耦合输入门与遗忘门（CIFG）',
    peepholes: '窥视孔连接（PH）',
    'no-output-activation': '去掉输出激活函数（NOAF）',
    gru: 'GRU',
  },
};

/** Short names for chart labels and the summary sentence. */
const SHORT: Record<Variant, string> = {
  vanilla: 'LSTM',
  'no-forget-gate': 'NFG',
  'no-input-gate': 'NIG',
  'no-output-gate': 'NOG',
  coupled: 'CIFG',
  peepholes: 'PH',
  'no-output-activation': 'NOAF',
  gru: 'GRU',
};

const fmtInt = (lang: 'en' | 'zh-cn', n: number) => n.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
const EN_COUNT = ['no', 'one', 'two', 'three', 'four'];
/** "Four", "three"… for small counts in English prose. */
const enCount = (n: number) => {
  const word = EN_COUNT[n] ?? String(n);
  return word[0].toUpperCase() + word.slice(1);
};

function make(lang: 'en' | 'zh-cn') {
  const name = (v: Variant) => NAMES[lang][v];
  const short = (v: Variant) => SHORT[v];
  const list = (rows: readonly ResultRow[]) => rows.map((r) => short(r.variant)).join(lang === 'en' ? ', ' : '、');
  if (lang === 'en') {
    return {
      name,
      short,
      equation: (v: Variant) => EQUATIONS[lang][v],
      title: 'Gate ablation: which parts of the LSTM matter?',
      fallback:
        'With JavaScript, this figure trains the LSTM variants you pick, side by side in your browser, on a recall task. ' +
        'The default is the last-mark task: in a sequence of N + 1 symbols, 4 are marked, and at the end the model must answer which symbol was marked last ' +
        '(chance is 25\u00a0%), so each new mark must replace the one before: the cell has to forget. ' +
        'The other task, delayed recall, asks for the first symbol after N distractors and needs no forgetting. ' +
        'Accuracy and loss curves update live; a table lists the final accuracy and the steps each variant needed to reach 90\u00a0%.',
      variantsHeading: 'The variants (all with the same hidden size H)',
      tableCaption: (h: number) => `Variants and their parameters at H = ${h} (recurrent cell plus the linear read-out)`,
      colVariant: 'Variant',
      colChange: 'What changes',
      colParams: 'Parameters',
      caption:
        'Each variant starts from the same seed and sees the same batches; only the cell differs. The last-mark task needs both writing and clearing: the input gate must open only at a mark, and the forget gate must empty the cell so the new mark replaces the old.',
      lookFor:
        'Greff et al. (2017) found that removing the forget gate or the output activation hurt most, while coupling the input and forget gates or removing the peepholes cost little. With f_t fixed at 1 the marks pile up in C_t; without an input gate every symbol is written. With the default settings (N = 40, 4 marks, chrono initialisation) the vanilla LSTM and CIFG learn it while NFG and NIG stay far below. Switch to delayed recall to see the limit of a single-symbol test: nothing there needs forgetting, so a forget gate fixed at 1 does fine. Change N, the seed or the bias initialisation and see which differences survive.',
      pick: 'Variants to train (pick 2 to 4)',
      /** Shown under the checkboxes: too few picked, or the limit reached (the other boxes are then unavailable). */
      pickHint: (n: number) => (n < MIN_VARIANTS ? 'Pick at least 2 variants.' : n >= MAX_VARIANTS ? 'Up to four variants at a time: uncheck one to pick another.' : ''),
      delay: 'Length N (steps before the query)',
      task: 'Task',
      taskName: (k: TaskKind) =>
        ({ 'last-mark': 'Last mark: recall the latest marked symbol (needs forgetting)', recall: 'Delayed recall: recall the first symbol (needs no forgetting)' })[k],
      seed: 'Seed',
      init: 'Gate biases start',
      initName: (k: InitKind) =>
        ({ default: 'PyTorch default, U(±1/√H)', 'forget-bias': 'forget-gate bias 1 (Jozefowicz et al.)', chrono: 'chrono, spread up to N + 2 steps (Tallec & Ollivier)' })[k],
      ...TRAINING_TEXT[lang],
      ...LINK_TEXT[lang],
      step: 'Step',
      stepOf: (s: number, max: number) => `${s} / ${max}`,
      elapsed: 'Elapsed',
      seconds: (ms: number) => `${(ms / 1000).toFixed(1)} s`,
      accuracyChart: 'Held-out accuracy',
      lossChart: 'Held-out loss (cross-entropy)',
      accuracyAxis: 'accuracy (%)',
      lossAxis: 'loss (nats)',
      stepAxis: 'training step',
      /** Caption of the results table: "so far" while a run is under way or paused, final once it has finished. */
      resultsCaption: (final: boolean) => `${final ? 'Final results' : 'Results so far'} (held-out set of 128 sequences)`,
      colAccuracy: 'Accuracy',
      colLoss: 'Loss',
      colTo90: 'Steps to 90\u00a0%',
      /** "Steps to 90 %" of a variant below 90 %: it may still get there, or the run is over. */
      notReached: (final: boolean) => (final ? 'not reached' : 'not yet'),
      cellLabel: (column: string, short: string) => `${column}, ${short}`,
      params: (n: number) => `${fmtInt(lang, n)} parameters`,
      paramsCell: (n: number) => fmtInt(lang, n),
      percent: (x: number) => `${percent(x)}\u00a0%`,
      /** Status before a run, for n variants picked. */
      idle: (n: number) =>
        n < MIN_VARIANTS ? 'Pick at least two variants, then press “Start training”.' : `${enCount(n)} variants are picked; press “Start training”, or change the picks.`,
      running: 'Training…',
      paused: 'Paused.',
      finished: (ms: number) => `Finished in ${(ms / 1000).toFixed(1)} s.`,
      failed: (v: Variant, msg: string) => `${name(v)} stopped: ${msg}`,
      halted: 'Training stopped.',
      chartAlt: (rows: readonly ResultRow[], kind: 'accuracy' | 'loss') =>
        rows.length === 0
          ? 'No training yet.'
          : (kind === 'accuracy' ? 'Held-out accuracy at step ' : 'Held-out loss at step ') +
            `${Math.min(...rows.map((r) => r.steps))}: ` +
            rows.map((r) => `${short(r.variant)} ${kind === 'accuracy' ? `${percent(r.accuracy)}\u00a0%` : r.loss.toFixed(3)}`).join(', ') +
            '.',
      summary: (s: Summary, step: number, delay: number, task: TaskKind, final = false) => {
        if (s.kind === 'none') return 'No results yet.';
        const head = `After ${step} steps of ${task === 'last-mark' ? 'last mark' : 'delayed recall'} with N = ${delay}: `;
        if (s.kind === 'all-learned') {
          return `${head}every variant recalls the ${task === 'last-mark' ? 'last marked' : 'first'} symbol at least 90\u00a0% of the time; ${short(s.fastest!.variant)} got there first (step ${s.fastest!.stepsToTarget}).`;
        }
        if (s.kind === 'some-learned') {
          return `${head}${list(s.learned)} reached 90\u00a0% (fastest ${short(s.fastest!.variant)}, step ${s.fastest!.stepsToTarget}); ${list(s.notLearned)} did not — lowest ${short(s.worst!.variant)} at ${percent(s.worst!.accuracy)}\u00a0% (chance 25\u00a0%).`;
        }
        return `${head}${final ? 'no variant reached 90\u00a0%' : 'no variant has reached 90\u00a0% yet'}; best ${short(s.best!.variant)} at ${percent(s.best!.accuracy)}\u00a0%, lowest ${short(s.worst!.variant)} at ${percent(s.worst!.accuracy)}\u00a0% (chance 25\u00a0%).`;
      },
    };
  }
  return {
    name,
    short,
    equation: (v: Variant) => EQUATIONS[lang][v],
    title: '门消融实验：LSTM 的哪些部件重要？',
    fallback:
      '启用 JavaScript 后，这个图会在你的浏览器里把你选的几种 LSTM 变体并排训练在一个回忆任务上。' +
      '默认是“最后标记”任务：N + 1 个符号中有 4 个带标记，最后要回答最后一个被标记的是哪个符号（随机猜测的准确率为 25\u00a0%），所以每个新标记都必须取代前一个：细胞必须遗忘。' +
      '另一个任务是延迟回忆：经过 N 个干扰符号后回答第一个符号，不需要任何遗忘。' +
      '准确率和损失曲线实时更新；表格列出每个变体的最终准确率和达到 90\u00a0% 所需的步数。',
    variantsHeading: '各个变体（隐藏层大小 H 都相同）',
    tableCaption: (h: number) => `H = ${h} 时各变体及其参数量（循环单元加线性输出层）`,
    colVariant: '变体',
    colChange: '改动',
    colParams: '参数量',
    caption:
      '每个变体都从同一个种子出发、看到同样的批次，只有单元不同。“最后标记”任务既要写入也要清空：输入门只能在标记处打开，遗忘门必须清空细胞，让新标记取代旧标记。',
    lookFor:
      'Greff 等（2017）发现，去掉遗忘门或输出激活函数损害最大，而耦合输入门与遗忘门、去掉窥视孔连接代价很小。f_t 固定为 1 时，各个标记在 C_t 里越堆越多；没有输入门时，每个符号都会被写入。在默认设置下（N = 40，4 个标记，chrono 初始化），标准 LSTM 和 CIFG 能学会，而 NFG 和 NIG 远远落后。切换到延迟回忆，可以看到单符号测试的局限：那里不需要遗忘任何东西，所以遗忘门固定为 1 也没问题。改变 N、种子或偏置初始化，看看哪些差别依然存在。',
    pick: '要训练的变体（选 2 到 4 个）',
    pickHint: (n: number) => (n < MIN_VARIANTS ? '请至少选择 2 个变体。' : n >= MAX_VARIANTS ? '一次最多选 4 个变体：先取消勾选一个，才能选另一个。' : ''),
    delay: '长度 N（询问之前的步数）',
    task: '任务',
    taskName: (k: TaskKind) =>
      ({ 'last-mark': '最后标记：回忆最后一个被标记的符号（需要遗忘）', recall: '延迟回忆：回忆第一个符号（不需要遗忘）' })[k],
    seed: '种子',
    init: '门偏置初始化',
    initName: (k: InitKind) =>
      ({ default: 'PyTorch 默认，U(±1/√H)', 'forget-bias': '遗忘门偏置为 1（Jozefowicz 等）', chrono: 'chrono，时间尺度最长 N + 2 步（Tallec & Ollivier）' })[k],
    ...TRAINING_TEXT[lang],
    ...LINK_TEXT[lang],
    step: '步数',
    stepOf: (s: number, max: number) => `${s} / ${max}`,
    elapsed: '用时',
    seconds: (ms: number) => `${(ms / 1000).toFixed(1)} 秒`,
    accuracyChart: '留出集准确率',
    lossChart: '留出集损失（交叉熵）',
    accuracyAxis: '准确率（%）',
    lossAxis: '损失（奈特）',
    stepAxis: '训练步数',
    resultsCaption: (final: boolean) => `${final ? '最终结果' : '目前的结果'}（留出集，128 个序列）`,
    colAccuracy: '准确率',
    colLoss: '损失',
    colTo90: '达到 90\u00a0% 的步数',
    notReached: (final: boolean) => (final ? '未达到' : '尚未达到'),
    cellLabel: (column: string, short: string) => `${column}，${short}`,
    params: (n: number) => `${fmtInt(lang, n)} 个参数`,
    paramsCell: (n: number) => fmtInt(lang, n),
    percent: (x: number) => `${percent(x)}\u00a0%`,
    idle: (n: number) => (n < MIN_VARIANTS ? '请至少选择两个变体，再按“开始训练”。' : `已选好 ${n} 个变体：按“开始训练”，或更改所选的变体。`),
    running: '训练中……',
    paused: '已暂停。',
    finished: (ms: number) => `训练完成，用时 ${(ms / 1000).toFixed(1)} 秒。`,
    failed: (v: Variant, msg: string) => `${name(v)} 已停止：${msg}`,
    halted: '训练已停止。',
    chartAlt: (rows: readonly ResultRow[], kind: 'accuracy' | 'loss') =>
      rows.length === 0
        ? '尚未开始训练。'
        : `第 ${Math.min(...rows.map((r) => r.steps))} 步时的留出集${kind === 'accuracy' ? '准确率' : '损失'}：` +
          rows.map((r) => `${short(r.variant)} ${kind === 'accuracy' ? `${percent(r.accuracy)}\u00a0%` : r.loss.toFixed(3)}`).join('，') +
          '。',
    summary: (s: Summary, step: number, delay: number, task: TaskKind, final = false) => {
      if (s.kind === 'none') return '还没有结果。';
      const head = `${task === 'last-mark' ? '最后标记' : '延迟回忆'}任务，N = ${delay}，训练 ${step} 步后：`;
      if (s.kind === 'all-learned') {
        return `${head}每个变体回忆${task === 'last-mark' ? '最后一个被标记的' : '第一个'}符号的准确率都达到了 90\u00a0% 以上；${short(s.fastest!.variant)} 最先达到（第 ${s.fastest!.stepsToTarget} 步）。`;
      }
      if (s.kind === 'some-learned') {
        return `${head}${list(s.learned)} 达到了 90\u00a0%（最快的是 ${short(s.fastest!.variant)}，第 ${s.fastest!.stepsToTarget} 步）；${list(s.notLearned)} 没有达到，最低的 ${short(s.worst!.variant)} 为 ${percent(s.worst!.accuracy)}\u00a0%（随机猜测为 25\u00a0%）。`;
      }
      return `${head}${final ? '没有变体达到' : '还没有变体达到'} 90\u00a0%；最高的 ${short(s.best!.variant)} 为 ${percent(s.best!.accuracy)}\u00a0%，最低的 ${short(s.worst!.variant)} 为 ${percent(s.worst!.accuracy)}\u00a0%（随机猜测为 25\u00a0%）。`;
    },
  };
}

const TEXT = { en: make('en'), 'zh-cn': make('zh-cn') };
export type AblationText = ReturnType<typeof make>;

/** The widget's text for a page language tag ('en', 'zh-CN', 'zh-cn'). */
export function textFor(lang: string | null | undefined): AblationText {
  return lang && lang.toLowerCase().startsWith('zh') ? TEXT['zh-cn'] : TEXT.en;
}
