/**
 * Everything the studio says, in both languages. The English accessible names are issue 10's exact words;
 * the Chinese ones are their translations (the table the Chinese page uses).
 */
import { LINK_TEXT, type WidgetLang } from '../shared/labels.ts';
import type { CorpusProblem } from '../../studio/corpus.ts';
import type { FeatureId } from '../../studio/inspector.ts';
import type { ModelSource } from './protocol.ts';
import type { CorpusChoice } from './schema.ts';

const MIB = 1024 * 1024;

/** Numbers as each language writes them (thin grouping, fixed decimals). */
export function formatCount(n: number, lang: WidgetLang): string {
  return Math.round(n).toLocaleString(lang === 'zh-cn' ? 'zh-CN' : 'en-US');
}

export function formatBits(bits: number | undefined): string {
  return bits === undefined || !Number.isFinite(bits) ? '—' : bits.toFixed(3);
}

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function formatPercent(p: number): string {
  return `${(p * 100).toFixed(p >= 0.1 ? 1 : 2)} %`;
}

const EN = {
  ...LINK_TEXT.en,
  titles: { full: 'Text-generation studio', generate: 'Write with a trained model', train: 'Train a character model' },
  fallback: 'With JavaScript, this studio trains a character-level LSTM in your browser (in a Web Worker), plots its loss, generates text and shows what single units of its cell state track.',
  sections: { text: 'Training text', training: 'Training', generation: 'Generation', inspector: 'Cell inspector', saving: 'Saving and sharing' },
  corpus: 'Corpus',
  corpora: { 'en-book': 'This book (English)', 'zh-book': 'This book (Chinese)', 'zh-poetry': 'Chinese poetry (Tang)', own: 'Your own text' } satisfies Record<CorpusChoice, string>,
  trainingText: 'Training text',
  trainingTextPlaceholder: 'Paste any text here: a novel, your notes, code, poems. It stays in this browser.',
  upload: 'Upload a text file',
  limits: (min: number, maxBytes: number) =>
    `Plain UTF-8 text in any script, emoji included: at least ${formatCount(min, 'en')} characters, at most ${maxBytes / MIB} MB. What you paste is kept in this browser as a draft.`,
  draftRestored: (chars: number) => `Your text (${formatCount(chars, 'en')} characters) was restored from this browser.`,
  draftSaved: 'Draft kept in this browser.',
  draftFailed: (why: string) => `The draft could not be kept in this browser (${why}); copy your text somewhere safe before leaving.`,
  textReady: (chars: number) => `${formatCount(chars, 'en')} characters, ready to train.`,
  problem: (reason: CorpusProblem, chars?: number, bytes?: number) =>
    ({
      empty: 'The text is empty: paste or upload at least 1,000 characters.',
      'too-short': `The text has ${formatCount(chars ?? 0, 'en')} characters; it needs at least 1,000 so that a tenth can be held out.`,
      'too-large': `The text is ${((bytes ?? 0) / MIB).toFixed(1)} MB; the limit is 5 MB.`,
      binary: 'This looks like a binary file (an image, an archive or a word-processor document), not plain text. Save it as .txt first.',
      'not-utf8': 'This file is not UTF-8 text. Save it as UTF-8 plain text and upload it again.',
    })[reason],
  loadingText: 'Loading the text…',
  train: 'Train',
  pause: 'Pause',
  step: 'Step',
  hyper: {
    layers: 'Layers',
    hidden: 'Hidden size',
    seqLen: 'Sequence length',
    batch: 'Batch size',
    lr: 'Learning rate',
    optimizer: 'Optimizer',
    clip: 'Gradient clipping',
    seed: 'Seed',
  },
  hyperHint: 'Changing a setting starts a fresh model (step 0). Gradient clipping 0 means off.',
  optimizers: { adam: 'Adam', rmsprop: 'RMSprop', sgd: 'SGD (momentum 0.9)', adamw: 'AdamW' },
  outputs: {
    trainBits: 'Training loss (bits per character)',
    validationBits: 'Validation loss (bits per character)',
    charsPerSecond: 'Characters per second',
    steps: 'Training steps',
    elapsed: 'Elapsed time',
  },
  holdout: (held: number, used: number, sampled: boolean) =>
    `The last 10 % of the text (${formatCount(held, 'en')} characters) is held out: never trained on, only predicted. ` +
    (sampled ? `The validation loss is the mean over its first ${formatCount(used, 'en')} characters, read in 16 streams.` : 'The validation loss is the mean over all of it.'),
  modelLine: (source: ModelSource, i: { layers: number; hidden: number; parameters: number; vocabSize: number; steps: number; unknownChars: number }) =>
    `${{ pretrained: 'Pretrained model', fresh: 'New model', file: 'Model from your file', saved: 'Saved run' }[source]}: ` +
    `${i.layers} ${i.layers === 1 ? 'layer' : 'layers'} of ${i.hidden} LSTM units, ${formatCount(i.parameters, 'en')} parameters, ` +
    `a vocabulary of ${formatCount(i.vocabSize, 'en')} characters` +
    (i.unknownChars > 0 ? ` (${formatCount(i.unknownChars, 'en')} ${i.unknownChars === 1 ? 'occurrence' : 'occurrences'} of rare characters read as �)` : '') +
    `, trained for ${formatCount(i.steps, 'en')} ${i.steps === 1 ? 'step' : 'steps'}.` +
    (source === 'pretrained' ? ' Generate with it now; Train starts a fresh model with the settings below, so you can watch noise turn into words.' : ''),
  baseline: (bits: number) => `A model that knows only how often each character occurs scores ${formatBits(bits)} bits per character on the held-out text.`,
  chartLabel: 'Loss chart: training and validation loss in bits per character against training steps',
  chartEmpty: 'The chart appears when training starts.',
  legend: { train: 'training loss', validation: 'validation loss' },
  describe: (steps: number, train: number | undefined, val: number | undefined, best: number | undefined) =>
    `After ${formatCount(steps, 'en')} steps: training loss ${formatBits(train)} bits per character, validation loss ${formatBits(val)}` +
    (best !== undefined ? ` (lowest so far ${formatBits(best)}).` : '.'),
  stepAxis: 'step',
  bitsAxis: 'bits per character',
  sample: (step: number) => `Sample at step ${formatCount(step, 'en')} (τ = 0.8)`,
  sampleNone: 'A fresh sample appears here every few seconds while the model trains.',
  refused: (step: number, message: string, paused: boolean) =>
    `Step ${formatCount(step, 'en')} was refused, and the weights were left unchanged: ${message}.` + (paused ? ' Training paused: try a lower learning rate or turn on gradient clipping.' : ''),
  running: 'Training…',
  idle: 'Paused.',
  startText: 'Start text',
  startPlaceholder: 'empty = start of a line',
  length: 'Length',
  temperature: 'Temperature',
  topK: 'Top-k',
  topKHint: '0 keeps every character; 1 is greedy.',
  topP: 'Top-p',
  sampleSeed: 'Sampler seed',
  generate: 'Generate',
  stop: 'Stop',
  generated: 'Generated text',
  generatedHint: 'Click or focus a character (arrow keys move) to see what else the model considered there.',
  generatedEmpty: 'Press Generate.',
  generating: 'Generating…',
  generatedDone: (n: number) => `${formatCount(n, 'en')} characters generated.`,
  candidatesTitle: (ch: string, k: number) => `Character ${k + 1}, “${ch}”: the five most likely characters there`,
  charName: (ch: string) => ({ ' ': 'space', '\n': 'line break', '\t': 'tab', '\uFFFD': 'unknown character' })[ch] ?? ch,
  inspectSource: 'Text to inspect',
  inspectSources: { generated: 'The generated text', own: 'Text you paste' },
  inspectText: 'Text for the inspector',
  inspectPlaceholder: 'Paste a text, for example with "quotes" and (brackets).',
  unit: 'Unit',
  cell: 'State',
  cells: { c: 'cell state Cₜ', h: 'hidden state hₜ' },
  feature: 'Feature',
  features: {
    'in-quotes': 'inside quotes',
    'in-brackets': 'inside brackets',
    'line-start': 'start of a line',
    'after-space': 'after a space',
    'in-word': 'inside a word',
    'line-position': 'position in the line',
  } satisfies Record<FeatureId, string>,
  findUnits: 'Find units',
  ranked: (feature: string) => `Units whose value follows “${feature}” most closely (Pearson r over the text); pick one:`,
  rankItem: (unit: number, r: number) => `Unit ${unit} (r = ${r.toFixed(2)})`,
  rankedNone: (feature: string) => `“${feature}” never changes in this text, so no unit can follow it. Choose another feature, or paste a text where it does change.`,
  inspectNothing: 'Generate a text or paste one, then the inspector colours each character by the chosen unit.',
  inspectLabel: 'Text coloured by the chosen unit',
  inspectDescribe: (unit: number, cell: 'c' | 'h', n: number, min: number, max: number) =>
    `Unit ${unit}, ${cell === 'c' ? 'Cₜ' : 'hₜ'}, over ${formatCount(n, 'en')} characters: from ${min.toFixed(2)} to ${max.toFixed(2)}. Blue is negative, orange positive; hover or focus a character for its value.`,
  scale: 'negative ← 0 → positive',
  saveRun: 'Save run',
  savedRuns: 'Saved runs',
  noRuns: 'No saved runs yet. A run is saved when you pause it or press Save run.',
  resume: 'Resume',
  delete: 'Delete',
  runName: (corpus: string, steps: number, bits: number | undefined, date: string) =>
    `${corpus}, ${formatCount(steps, 'en')} steps, ${formatBits(bits)} bits/char, ${date}`,
  saved: 'Run saved in this browser.',
  quota: 'The browser has no room left for this run (storage quota). Delete older runs or download the model instead; nothing else was lost.',
  storageFailed: (why: string) => `The run could not be saved in this browser (${why}). Download the model to keep it.`,
  download: 'Download model',
  load: 'Load model',
  loaded: 'Model loaded from your file.',
  loadFailed: (message: string) => `That file was not loaded: ${message}. The current model is still loaded.`,
  pytorch: 'Continue in PyTorch',
  pytorchDone: 'Downloaded cell-state-pytorch.zip: continue_training.py, model.json and corpus.txt. Run python3 continue_training.py in that folder.',
  pretrainedMissing: (why: string) => `The pretrained model could not be loaded (${why}); the studio starts with an untrained one.`,
  openFailed: (why: string) => `The text could not be loaded (${why}).`,
  generateFailed: (why: string) => `Generation failed: ${why}.`,
};

export type StudioText = typeof EN;

const ZH: StudioText = {
  ...LINK_TEXT['zh-cn'],
  titles: { full: '文本生成工作室', generate: '用训练好的模型写作', train: '训练一个字符模型' },
  fallback: '启用 JavaScript 后，这个工作室会在浏览器里（Web Worker 中）训练字符级 LSTM，画出损失曲线，生成文本，并显示细胞状态的单个单元在跟踪什么。',
  sections: { text: '训练文本', training: '训练', generation: '生成', inspector: '细胞检查器', saving: '保存与分享' },
  corpus: '语料',
  corpora: { 'en-book': '本书（英文）', 'zh-book': '本书（中文）', 'zh-poetry': '中国古诗（唐诗）', own: '你自己的文本' },
  trainingText: '训练文本',
  trainingTextPlaceholder: '在这里粘贴任意文本：小说、笔记、代码、诗歌。文本只保存在这个浏览器里。',
  upload: '上传文本文件',
  limits: (min, maxBytes) => `任何文字的 UTF-8 纯文本（包括表情符号）：至少 ${formatCount(min, 'zh-cn')} 个字符，最多 ${maxBytes / MIB} MB。粘贴的内容会作为草稿保存在这个浏览器里。`,
  draftRestored: (chars) => `已从这个浏览器恢复你的文本（${formatCount(chars, 'zh-cn')} 个字符）。`,
  draftSaved: '草稿已保存在这个浏览器里。',
  draftFailed: (why) => `草稿无法保存在这个浏览器里（${why}）；离开前请把文本另存一份。`,
  textReady: (chars) => `${formatCount(chars, 'zh-cn')} 个字符，可以训练。`,
  problem: (reason, chars, bytes) =>
    ({
      empty: '文本是空的：请粘贴或上传至少 1,000 个字符。',
      'too-short': `文本只有 ${formatCount(chars ?? 0, 'zh-cn')} 个字符；至少需要 1,000 个，才能留出十分之一用于验证。`,
      'too-large': `文本有 ${((bytes ?? 0) / MIB).toFixed(1)} MB；上限是 5 MB。`,
      binary: '这看起来是二进制文件（图片、压缩包或文字处理文档），不是纯文本。请先另存为 .txt。',
      'not-utf8': '这个文件不是 UTF-8 文本。请另存为 UTF-8 纯文本后再上传。',
    })[reason],
  loadingText: '正在加载文本……',
  train: '训练',
  pause: '暂停',
  step: '单步',
  hyper: { layers: '层数', hidden: '隐藏层大小', seqLen: '序列长度', batch: '批大小', lr: '学习率', optimizer: '优化器', clip: '梯度裁剪', seed: '随机种子' },
  hyperHint: '改动任何设置都会换成一个新的模型（从第 0 步开始）。梯度裁剪为 0 表示不裁剪。',
  optimizers: { adam: 'Adam', rmsprop: 'RMSprop', sgd: 'SGD（动量 0.9）', adamw: 'AdamW' },
  outputs: {
    trainBits: '训练损失（比特/字符）',
    validationBits: '验证损失（比特/字符）',
    charsPerSecond: '每秒字符数',
    steps: '训练步数',
    elapsed: '用时',
  },
  holdout: (held, used, sampled) =>
    `文本的最后 10 %（${formatCount(held, 'zh-cn')} 个字符）被留出：从不用来训练，只用来预测。` +
    (sampled ? `验证损失是其中前 ${formatCount(used, 'zh-cn')} 个字符的平均值，分 16 路读入。` : '验证损失是全部留出文本的平均值。'),
  modelLine: (source, i) =>
    `${{ pretrained: '预训练模型', fresh: '新模型', file: '来自你的文件的模型', saved: '已保存的训练' }[source]}：` +
    `${i.layers} 层，每层 ${i.hidden} 个 LSTM 单元，${formatCount(i.parameters, 'zh-cn')} 个参数，` +
    `词表 ${formatCount(i.vocabSize, 'zh-cn')} 个字符${i.unknownChars > 0 ? `（文本中罕见字符出现 ${formatCount(i.unknownChars, 'zh-cn')} 次，按 � 读入）` : ''}，已训练 ${formatCount(i.steps, 'zh-cn')} 步。` +
    (source === 'pretrained' ? '现在就可以用它生成；点“训练”会按下面的设置从头训练一个新模型，你可以看着噪声慢慢变成文字。' : ''),
  baseline: (bits) => `只知道每个字符出现频率的模型，在留出文本上是 ${formatBits(bits)} 比特/字符。`,
  chartLabel: '损失曲线：训练损失和验证损失（比特/字符）随训练步数的变化',
  chartEmpty: '开始训练后这里会出现曲线。',
  legend: { train: '训练损失', validation: '验证损失' },
  describe: (steps, train, val, best) =>
    `第 ${formatCount(steps, 'zh-cn')} 步：训练损失 ${formatBits(train)} 比特/字符，验证损失 ${formatBits(val)}` + (best !== undefined ? `（目前最低 ${formatBits(best)}）。` : '。'),
  stepAxis: '步数',
  bitsAxis: '比特/字符',
  sample: (step) => `第 ${formatCount(step, 'zh-cn')} 步的样本（τ = 0.8）`,
  sampleNone: '训练时每隔几秒会在这里出现一段新样本。',
  refused: (step, message, paused) =>
    `第 ${formatCount(step, 'zh-cn')} 步被拒绝，权重保持不变：${message}。` + (paused ? '训练已暂停：请降低学习率或打开梯度裁剪。' : ''),
  running: '训练中……',
  idle: '已暂停。',
  startText: '起始文本',
  startPlaceholder: '留空 = 从一行的开头开始',
  length: '长度',
  temperature: '温度',
  topK: 'Top-k',
  topKHint: '0 表示保留所有字符；1 即贪心解码。',
  topP: 'Top-p',
  sampleSeed: '采样种子',
  generate: '生成',
  stop: '停止',
  generated: '生成的文本',
  generatedHint: '点击或聚焦一个字符（方向键移动），查看模型在那里还考虑过哪些字符。',
  generatedEmpty: '点“生成”。',
  generating: '生成中……',
  generatedDone: (n) => `已生成 ${formatCount(n, 'zh-cn')} 个字符。`,
  candidatesTitle: (ch, k) => `第 ${k + 1} 个字符“${ch}”：那里最可能的五个字符`,
  charName: (ch) => ({ ' ': '空格', '\n': '换行', '\t': '制表符', '\uFFFD': '未知字符' })[ch] ?? ch,
  inspectSource: '要检查的文本',
  inspectSources: { generated: '生成的文本', own: '你粘贴的文本' },
  inspectText: '检查器的文本',
  inspectPlaceholder: '粘贴一段文本，比如带“引号”和（括号）的。',
  unit: '单元',
  cell: '状态',
  cells: { c: '细胞状态 Cₜ', h: '隐藏状态 hₜ' },
  feature: '特征',
  features: {
    'in-quotes': '在引号内',
    'in-brackets': '在括号内',
    'line-start': '一行的开头',
    'after-space': '空格之后',
    'in-word': '在词的中间',
    'line-position': '在行中的位置',
  },
  findUnits: '查找单元',
  ranked: (feature) => `数值最贴合“${feature}”的单元（整段文本上的皮尔逊 r）；选一个：`,
  rankItem: (unit, r) => `单元 ${unit}（r = ${r.toFixed(2)}）`,
  rankedNone: (feature) => `在这段文本里“${feature}”从不变化，所以没有单元能跟随它。请换一个特征，或粘贴一段它会变化的文本。`,
  inspectNothing: '先生成或粘贴一段文本，检查器就会按所选单元给每个字符上色。',
  inspectLabel: '按所选单元上色的文本',
  inspectDescribe: (unit, cell, n, min, max) =>
    `单元 ${unit}，${cell === 'c' ? 'Cₜ' : 'hₜ'}，共 ${formatCount(n, 'zh-cn')} 个字符：从 ${min.toFixed(2)} 到 ${max.toFixed(2)}。蓝色为负，橙色为正；悬停或聚焦一个字符可看它的数值。`,
  scale: '负 ← 0 → 正',
  saveRun: '保存训练',
  savedRuns: '已保存的训练',
  noRuns: '还没有保存的训练。暂停或点“保存训练”时会保存。',
  resume: '继续',
  delete: '删除',
  runName: (corpus, steps, bits, date) => `${corpus}，${formatCount(steps, 'zh-cn')} 步，${formatBits(bits)} 比特/字符，${date}`,
  saved: '训练已保存在这个浏览器里。',
  quota: '浏览器没有空间保存这次训练了（存储配额已满）。请删除较早的训练，或改为下载模型；其他内容都没有丢失。',
  storageFailed: (why) => `这次训练无法保存在这个浏览器里（${why}）。请下载模型保存。`,
  download: '下载模型',
  load: '载入模型',
  loaded: '已从你的文件载入模型。',
  loadFailed: (message) => `这个文件没有载入：${message}。当前模型仍然保留。`,
  pytorch: '在 PyTorch 中继续',
  pytorchDone: '已下载 cell-state-pytorch.zip：continue_training.py、model.json 和 corpus.txt。在该文件夹里运行 python3 continue_training.py。',
  pretrainedMissing: (why) => `预训练模型无法载入（${why}）；工作室从一个未训练的模型开始。`,
  openFailed: (why) => `文本无法加载（${why}）。`,
  generateFailed: (why) => `生成失败：${why}。`,
};

export function textFor(lang: WidgetLang): StudioText {
  return lang === 'zh-cn' ? ZH : EN;
}

/** How each URL field is named in a notice about a link. */
export function fieldNamesFor(lang: WidgetLang): Record<string, string> {
  const t = textFor(lang);
  return {
    corpus: t.corpus,
    ...t.hyper,
    start: t.startText,
    length: t.length,
    temperature: t.temperature,
    topK: t.topK,
    topP: t.topP,
    sampleSeed: t.sampleSeed,
    unit: t.unit,
    cell: t.cell,
    feature: t.feature,
  };
}
