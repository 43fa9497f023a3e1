/** Interface text of the memory race in both site languages; summaries are built from the live numbers. */
import { TARGET_ACCURACY, finishingOrder, type RacerKind } from './model.ts';
import { LINK_TEXT, TRAINING_TEXT } from '../shared/labels.ts';

export const RACER_NAMES: Record<RacerKind, string> = { lstm: 'LSTM', rnn: 'RNN' };

export interface RacerSummary {
  step: number;
  accuracy: number;
  loss: number;
}

/** Where the race stands: the step at which each racer's plotted accuracy first reached 90 % (null: not yet). */
export interface RaceOutcome {
  reached: Record<RacerKind, number | null>;
  /** Training has ended (step limit or a stop), so "not yet" becomes "did not". */
  finished: boolean;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const TARGET = pct(TARGET_ACCURACY);
const int = (n: number, lang: string) => n.toLocaleString(lang);

/** "The LSTM reached 90 % at step 118, the RNN at step 752." and its variants, the first to get there named first. */
function raceSentenceEn({ reached, finished }: RaceOutcome): string {
  const [first, second] = finishingOrder(reached);
  const a = RACER_NAMES[first];
  const b = RACER_NAMES[second];
  if (reached[first] === null) return finished ? `Neither network reached ${TARGET}.` : `Neither network has reached ${TARGET} yet.`;
  const lead = `The ${a} reached ${TARGET} at step ${reached[first]}`;
  if (reached[second] !== null) return `${lead}, the ${b} at step ${reached[second]}.`;
  return finished ? `${lead}; the ${b} did not reach ${TARGET} before training ended.` : `${lead}; the ${b} has not reached ${TARGET} yet.`;
}

/** "LSTM 在第 118 步达到 90 %，RNN 在第 752 步达到。" and its variants, the first to get there named first. */
function raceSentenceZh({ reached, finished }: RaceOutcome): string {
  const [first, second] = finishingOrder(reached);
  const a = RACER_NAMES[first];
  const b = RACER_NAMES[second];
  if (reached[first] === null) return finished ? `两个网络都没有达到 ${TARGET}。` : `两个网络都尚未达到 ${TARGET}。`;
  const lead = `${a} 在第 ${reached[first]} 步达到 ${TARGET}`;
  if (reached[second] !== null) return `${lead}，${b} 在第 ${reached[second]} 步达到。`;
  return finished ? `${lead}；${b} 到训练结束时仍未达到 ${TARGET}。` : `${lead}；${b} 尚未达到 ${TARGET}。`;
}

const TEXT = {
  en: {
    title: 'Memory race: an LSTM and an RNN learn to remember',
    fallback:
      'With JavaScript, this figure trains two small networks in your browser, side by side: an LSTM and a vanilla RNN with about the same number of parameters. Each sees sequences that start with one of 4 symbols, then N distractors, then a question mark, and must answer with the first symbol. Accuracy and loss curves grow as they train; you choose N, the seed and how the LSTM is initialised.',
    caption:
      'Each training step shows both networks a fresh batch of 32 sequences: a symbol (one of 4), N distractors (from 4 other symbols) and a query; a linear layer reads the answer from the hidden state at the query. The accuracy plotted is on sequences not yet learned from; guessing gives 25 %. Training runs in a background worker.',
    lookFor:
      'Both networks use Adam with learning rate 0.01 and cross-entropy. The accuracy plotted is the mean over the last 20 batches, each measured before the network learns from it. Chrono initialisation (Tallec & Ollivier, 2018) sets each LSTM unit’s forget-gate bias to b_f = log u with u drawn uniformly from 1 to N + 1, and its input-gate bias to −b_f, so the units start with memories of different lengths up to the task’s delay; with PyTorch’s default initialisation every forget gate starts near 0.5, the LSTM usually does not learn a 60-step delay within the 1,500 steps, and the RNN can then win the race outright (with the default seed it reaches 100 % while the LSTM stays near chance). The race is about who learns first: the readouts and the sentence under the charts give the step at which each network’s plotted accuracy first reached 90 %. With chrono initialisation the LSTM’s lead is in speed, not a final verdict: given several hundred more steps the RNN can find a solution too (with the default seed it catches up after about 700 steps; with other seeds it often stops near 50 %), and now and then the LSTM stalls near 50 % for a few hundred steps. Try several seeds and delays.',
    example: (n: number, seq: string, answer: string) => `An example with N = ${n}: ${seq} → answer ${answer}.`,
    controls: 'Race settings',
    N: 'Distractors N (delay)',
    init: 'LSTM initialisation',
    initText: { chrono: 'chrono (Tallec & Ollivier 2018)', default: 'PyTorch default' } as Record<string, string>,
    seed: 'Seed',
    ...TRAINING_TEXT.en,
    ...LINK_TEXT.en,
    budget: (lstmH: number, lstmP: number, rnnH: number, rnnP: number, lang: string) =>
      `Equal budget: LSTM with H = ${lstmH} has ${int(lstmP, lang)} parameters, RNN with H = ${rnnH} has ${int(rnnP, lang)} (head included; ${((Math.abs(rnnP - lstmP) / lstmP) * 100).toFixed(1)} % apart).`,
    readouts: (name: string) => `${name} progress`,
    stepLabel: (name: string) => `${name} steps`,
    accuracyLabel: (name: string) => `${name} accuracy`,
    lossLabel: (name: string) => `${name} loss`,
    reachedLabel: (name: string) => `${name}: step at ${TARGET}`,
    stepShort: 'steps',
    accuracyShort: 'accuracy',
    lossShort: 'loss',
    reachedShort: `step at ${TARGET}`,
    /** The 90 % readout of a racer that has trained but not reached it: while training / after it ended. */
    notReachedYet: 'not yet',
    notReached: 'not reached',
    timeLabel: 'Training time',
    seconds: (s: number) => `${s.toFixed(1)} s`,
    accuracyChart: 'Accuracy on new sequences (mean of the last 20 batches) against the training step; the dotted line is chance, 25 %',
    lossChart: 'Cross-entropy loss against the training step',
    axisStep: 'training step',
    axisAccuracy: 'accuracy',
    axisLoss: 'loss',
    idle: 'Press “Start training” to begin. Nothing runs until you do.',
    running: 'Training…',
    paused: 'Paused.',
    done: 'Finished: both networks reached the step limit.',
    halted: 'Training stopped.',
    stopped: (name: string) => `${name} stopped after repeated steps with NaN or infinite values.`,
    skipped: (name: string, step: number, message: string) => `${name}, after step ${step}: a step was skipped (${message}).`,
    error: (m: string) => `Training failed: ${m}`,
    summary: (s: Record<RacerKind, RacerSummary | null>, seconds: number, outcome: RaceOutcome) => {
      const part = (k: RacerKind) => {
        const r = s[k];
        if (!r || r.step === 0) return `the ${RACER_NAMES[k]} has not trained yet`;
        return `after ${r.step} steps the ${RACER_NAMES[k]}’s accuracy is ${pct(r.accuracy)} (loss ${r.loss.toFixed(3)})`;
      };
      const trained = (['lstm', 'rnn'] as const).some((k) => (s[k]?.step ?? 0) > 0);
      const status = `After ${seconds.toFixed(0)} s of training: ${part('lstm')}; ${part('rnn')}. Chance is 25 %.`;
      return trained ? `${raceSentenceEn(outcome)} ${status}` : status;
    },
  },
  'zh-cn': {
    title: '记忆竞赛：LSTM 与 RNN 学习记忆',
    fallback:
      '启用 JavaScript 后，这里会在你的浏览器中并排训练两个小网络：一个 LSTM 和一个参数量大致相同的普通 RNN。每个序列以 4 个符号之一开头，接着是 N 个干扰符号，最后是一个问号，网络必须答出第一个符号。训练过程中准确率和损失曲线会不断更新；你可以选择 N、随机种子以及 LSTM 的初始化方式。',
    caption:
      '每个训练步都给两个网络一批新的 32 个序列：一个符号（4 个之一）、N 个干扰符号（来自另外 4 个符号）和一个查询符号；答案由一个线性层从查询时刻的隐藏状态读出。图中是未学过的序列上的准确率；随机猜测为 25 %。训练在后台 Worker 中运行。',
    lookFor:
      '两者都用学习率 0.01 的 Adam 和交叉熵损失。图中的准确率是最近 20 批的平均值，每一批都在网络从中学习之前测量。Chrono 初始化（Tallec 与 Ollivier，2018）把每个 LSTM 单元的遗忘门偏置设为 b_f = log u，u 在 1 到 N + 1 之间均匀抽取，输入门偏置设为 −b_f，于是各单元一开始就拥有长短不一、最长可达任务延迟的记忆；若用 PyTorch 的默认初始化，每个遗忘门一开始都接近 0.5，LSTM 通常无法在 1,500 步内学会 60 步的延迟，这时 RNN 反而可能直接赢得比赛（默认种子下 RNN 达到 100 %，而 LSTM 停在随机猜测附近）。这场比赛比的是谁先学会：读数和图下方的句子给出每个网络在图中的准确率首次达到 90 % 时的训练步数。使用 chrono 初始化时，LSTM 的优势在于学得快，而不是最终的胜负：再多训练几百步，RNN 也可能找到解（默认种子下大约 700 步后赶上；其他种子下常常停在 50 % 附近），偶尔 LSTM 也会在 50 % 附近停滞几百步。不妨多试几个种子和延迟。',
    example: (n: number, seq: string, answer: string) => `N = ${n} 时的一个例子：${seq} → 答案 ${answer}。`,
    controls: '竞赛设置',
    N: '干扰符号数 N（延迟）',
    init: 'LSTM 初始化',
    initText: { chrono: 'chrono（Tallec 与 Ollivier 2018）', default: 'PyTorch 默认' } as Record<string, string>,
    seed: '随机种子',
    ...TRAINING_TEXT['zh-cn'],
    ...LINK_TEXT['zh-cn'],
    budget: (lstmH: number, lstmP: number, rnnH: number, rnnP: number, lang: string) =>
      `参数预算相同：H = ${lstmH} 的 LSTM 有 ${int(lstmP, lang)} 个参数，H = ${rnnH} 的 RNN 有 ${int(rnnP, lang)} 个（含输出层；相差 ${((Math.abs(rnnP - lstmP) / lstmP) * 100).toFixed(1)} %）。`,
    readouts: (name: string) => `${name} 进度`,
    stepLabel: (name: string) => `${name} 训练步数`,
    accuracyLabel: (name: string) => `${name} 准确率`,
    lossLabel: (name: string) => `${name} 损失`,
    reachedLabel: (name: string) => `${name}：达到 ${TARGET} 的步数`,
    stepShort: '步数',
    accuracyShort: '准确率',
    lossShort: '损失',
    reachedShort: `达到 ${TARGET} 的步数`,
    notReachedYet: '尚未达到',
    notReached: '未达到',
    timeLabel: '训练时间',
    seconds: (s: number) => `${s.toFixed(1)} 秒`,
    accuracyChart: '新序列上的准确率（最近 20 批的平均值）随训练步数的变化；虚线为随机猜测的 25 %',
    lossChart: '交叉熵损失随训练步数的变化',
    axisStep: '训练步数',
    axisAccuracy: '准确率',
    axisLoss: '损失',
    idle: '按“开始训练”开始。在你按下之前不会运行任何计算。',
    running: '训练中…',
    paused: '已暂停。',
    done: '完成：两个网络都已达到步数上限。',
    halted: '训练已停止。',
    stopped: (name: string) => `${name} 因连续出现 NaN 或无穷大而停止。`,
    skipped: (name: string, step: number, message: string) => `${name}，第 ${step} 步之后：跳过了一步（${message}）。`,
    error: (m: string) => `训练失败：${m}`,
    summary: (s: Record<RacerKind, RacerSummary | null>, seconds: number, outcome: RaceOutcome) => {
      const part = (k: RacerKind) => {
        const r = s[k];
        if (!r || r.step === 0) return `${RACER_NAMES[k]} 尚未开始训练`;
        return `${RACER_NAMES[k]} 训练 ${r.step} 步后准确率为 ${pct(r.accuracy)}（损失 ${r.loss.toFixed(3)}）`;
      };
      const trained = (['lstm', 'rnn'] as const).some((k) => (s[k]?.step ?? 0) > 0);
      const status = `训练 ${seconds.toFixed(0)} 秒后：${part('lstm')}；${part('rnn')}。随机猜测为 25 %。`;
      return trained ? `${raceSentenceZh(outcome)}${status}` : status;
    },
  },
};

export type MemoryRaceText = (typeof TEXT)['en'];

/** The widget's text for a page language tag ('en', 'zh-CN', 'zh-cn'). */
export function textFor(lang: string | null | undefined): MemoryRaceText {
  return lang && lang.toLowerCase().startsWith('zh') ? TEXT['zh-cn'] : TEXT.en;
}
