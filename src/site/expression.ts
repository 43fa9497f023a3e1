/**
 * A small, safe arithmetic parser for exercise answers: exact forms such as `log2(65)`, `0.9^50`, `1/(1+e^-2)`,
 * `sqrt(2)/2`, `6.02e23`. Recursive descent over a fixed grammar; it never evaluates code (no eval).
 *
 *   expr   = term (('+' | '-') term)*
 *   term   = unary (('*' | '/' | implicit) unary)*      implicit: `2pi`, `2(3)`
 *   unary  = ('+' | '-') unary | power
 *   power  = atom (('^' | '**') unary)?                 right-associative, binds tighter than unary minus
 *   atom   = number | constant | name '(' expr (',' expr)? ')' | '(' expr ')'
 */

const FUNCTIONS: Record<string, (...x: number[]) => number> = {
	ln: Math.log,
	log: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
	log2: Math.log2,
	log10: Math.log10,
	lg: Math.log10,
	exp: Math.exp,
	sqrt: Math.sqrt,
	abs: Math.abs,
	sin: Math.sin,
	cos: Math.cos,
	tan: Math.tan,
	tanh: Math.tanh,
	sigma: (x) => 1 / (1 + Math.exp(-x)),
	sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};
const ARITY: Record<string, number[]> = { log: [1, 2] };
const CONSTANTS: Record<string, number> = { pi: Math.PI, π: Math.PI, e: Math.E };

/** Parse failure with the offset where it happened. */
export class ExpressionError extends Error {
	constructor(message: string, readonly offset: number) {
		super(message);
	}
}

type Token = { kind: 'num'; value: number; at: number } | { kind: 'name'; value: string; at: number } | { kind: 'op'; value: string; at: number };

function normalise(text: string): string {
	return text
		.replace(/[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B\uFF0F\uFF08\uFF09\uFF0A\uFF3E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[\u2212\u2013]/g, '-')
		.replace(/[×·⋅]/g, '*')
		.replace(/÷/g, '/')
		.replace(/\*\*/g, '^')
		.replace(/√/g, 'sqrt');
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	const re = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-zπσ][A-Za-z0-9]*)|([-+*/^(),]))/y;
	let at = 0;
	while (at < text.length) {
		if (/^\s*$/.test(text.slice(at))) break;
		re.lastIndex = at;
		const m = re.exec(text);
		if (!m) throw new ExpressionError(`unexpected "${text.slice(at).trim()[0]}"`, at);
		const start = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]).length;
		if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]), at: start });
		else if (m[2] !== undefined) tokens.push({ kind: 'name', value: m[2] === 'σ' ? 'sigma' : m[2], at: start });
		else tokens.push({ kind: 'op', value: m[3], at: start });
		at = re.lastIndex;
	}
	return tokens;
}

/** The value of an arithmetic expression; throws ExpressionError on anything outside the grammar. */
export function evaluateExpression(input: string): number {
	const text = normalise(input);
	const tokens = tokenize(text);
	let i = 0;
	const peek = () => tokens[i];
	const isOp = (v: string) => peek()?.kind === 'op' && peek()!.value === v;
	const expect = (v: string) => {
		if (!isOp(v)) throw new ExpressionError(`expected "${v}"`, peek()?.at ?? text.length);
		i++;
	};
	let depth = 0;
	const expr = (): number => {
		if (++depth > 100) throw new ExpressionError('too deeply nested', peek()?.at ?? 0);
		let v = term();
		while (isOp('+') || isOp('-')) v = tokens[i++].value === '+' ? v + term() : v - term();
		depth--;
		return v;
	};
	// Implicit product only before a name or a parenthesis (`2pi`, `2(3)`), never between two numbers (`0.5.1`).
	const startsAtom = () => peek() !== undefined && (peek()!.kind === 'name' || (peek()!.kind === 'op' && peek()!.value === '('));
	const term = (): number => {
		let v = unary();
		for (;;) {
			if (isOp('*')) (i++, (v *= unary()));
			else if (isOp('/')) (i++, (v /= unary()));
			else if (startsAtom()) v *= unary();
			else return v;
		}
	};
	const unary = (): number => {
		if (!isOp('-') && !isOp('+')) return power();
		const sign = tokens[i++].value;
		// `--1` is a typo more often than a double negation
		if (isOp('-') || isOp('+')) throw new ExpressionError('two signs in a row', peek()!.at);
		return sign === '-' ? -unary() : unary();
	};
	const power = (): number => {
		const base = atom();
		if (isOp('^')) {
			i++;
			if (++depth > 100) throw new ExpressionError('too deeply nested', peek()?.at ?? 0);
			const exponent = unary();
			depth--;
			return base ** exponent;
		}
		return base;
	};
	const atom = (): number => {
		const t = peek();
		if (!t) throw new ExpressionError('the expression ends too early', text.length);
		if (t.kind === 'num') return i++, t.value;
		if (t.kind === 'op') {
			if (t.value !== '(') throw new ExpressionError(`unexpected "${t.value}"`, t.at);
			i++;
			const v = expr();
			expect(')');
			return v;
		}
		i++;
		const name = t.value.toLowerCase();
		if (Object.hasOwn(CONSTANTS, name) && !isOp('(')) return CONSTANTS[name];
		const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
		if (!fn) throw new ExpressionError(`unknown name "${t.value}"`, t.at);
		expect('(');
		const args = [expr()];
		while (isOp(',')) (i++, args.push(expr()));
		expect(')');
		if (!((Object.hasOwn(ARITY, name) ? ARITY[name] : undefined) ?? [1]).includes(args.length)) throw new ExpressionError(`${name} takes ${(ARITY[name] ?? [1]).join(' or ')} argument(s)`, t.at);
		return fn(...args);
	};
	if (tokens.length === 0) throw new ExpressionError('empty', 0);
	const value = expr();
	if (i < tokens.length) throw new ExpressionError(`unexpected "${tokens[i].kind === 'num' ? tokens[i].value : tokens[i].value}"`, tokens[i].at);
	return value;
}
