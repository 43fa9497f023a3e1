/**
 * Options objects of the public API are checked by name before they are read: a misspelt option
 * (`batch_first` for `batchFirst`, `weight_decay` for `weightDecay`) would otherwise be ignored and the
 * default used without a word. Every constructor and function that takes an options object calls
 * `checkOptions` first, with the names it reads and the type each must have ('any' where the function
 * checks the value itself with a more specific message, as every `rng` is).
 */
/** What a known option must hold when it is given (undefined always means "use the default"). */
export type OptionType = 'number' | 'integer' | 'boolean' | 'string' | 'function' | 'object' | 'array' | 'any';

/** Accepted option names and their types, in the order the documentation lists them. */
export type OptionSpec = Readonly<Record<string, OptionType>>;

/**
 * Throws unless `options` is undefined or a plain object whose keys are all in `spec` and whose given values
 * have the declared types. Messages name the function and the option:
 *   "LSTM: unknown option 'batch_first'; did you mean 'batchFirst'? Accepted: inputSize, hiddenSize, …"
 *   "Adam: options.lr expected a number, got 'abc'"
 * Returns the options (an empty object for undefined) so callers can destructure the result.
 */
export function checkOptions<T extends object>(fn: string, options: T | undefined, spec: OptionSpec, path = 'options'): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${fn}: ${path} expected an object, got ${describe(options)}`);
  }
  // Nested options ('options.init') are named with their parent: "unknown option 'init.chrono'".
  const label = (key: string) => (path === 'options' ? key : `${path.replace(/^options\./, '')}.${key}`);
  // The same check serves saved states ('state.params[0]'), whose entries are keys rather than options.
  const noun = path.startsWith('options') ? 'option' : 'key';
  const accepted = Object.keys(spec);
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(spec, key)) {
      const guess = closest(key, accepted);
      const hint = guess ? `; did you mean '${label(guess)}'?` : '.';
      throw new Error(`${fn}: unknown ${noun} '${label(key)}'${hint} Accepted: ${accepted.map(label).join(', ')}`);
    }
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined && !hasType(value, spec[key])) {
      throw new Error(`${fn}: ${path}.${key} expected ${TYPE_TEXT[spec[key]]}, got ${describe(value)}`);
    }
  }
  return options;
}

const TYPE_TEXT: Record<OptionType, string> = {
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  string: 'a string',
  function: 'a function',
  object: 'an object',
  array: 'an array',
  any: 'a value',
};

function hasType(value: unknown, type: OptionType): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'function':
      return typeof value === 'function';
    case 'object':
      return value !== null && typeof value === 'object';
    case 'array':
      return Array.isArray(value);
    case 'any':
      return true;
  }
}

/** A value as a message shows it: strings quoted, arrays and objects by kind, numbers as written. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/**
 * The accepted name a misspelling most likely meant: the same letters ignoring case, '_' and '-'
 * (weight_decay → weightDecay), or else the nearest by edit distance when at most a third of the letters differ.
 */
function closest(key: string, accepted: readonly string[]): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const same = accepted.find((a) => norm(a) === norm(key));
  if (same) return same;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const a of accepted) {
    const d = editDistance(norm(key), norm(a));
    if (d < bestDistance) [best, bestDistance] = [a, d];
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(norm(key).length / 3)) ? best : null;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
