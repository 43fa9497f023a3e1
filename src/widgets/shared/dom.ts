/**
 * Small DOM builders shared by the widgets, so every control is labelled the same way and every widget
 * offers the same "copy link" and "reset" behaviour. Browser-only (the numbers live in DOM-free modules).
 */
import { readState, writeState, type Schema, type StateOf } from './url-state.ts';
import { TYPED_SUFFIX, langOf, type LinkText } from './labels.ts';

/** document.createElement with a class list and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	if (className) node.className = className;
	if (text !== undefined) node.textContent = text;
	return node;
}

let nextId = 0;
/** A document-unique id with a readable prefix (labels need ids; several widgets may share a page). */
export function uid(prefix: string): string {
	nextId += 1;
	return `${prefix}-${nextId}`;
}

export interface RangeOptions {
	label: string;
	min: number;
	max: number;
	step: number;
	value: number;
	/** Called with the new value on every change from either the slider or the number field. */
	onInput: (value: number) => void;
}

/**
 * A slider paired with a number field for exact values. Both carry the same accessible name (the number
 * field adds " (typed)", in Chinese "（键入数值）"), so a reader can find either by its label and drive it with the keyboard.
 */
export function rangeControl(opts: RangeOptions): { root: HTMLDivElement; set: (value: number) => void; slider: HTMLInputElement } {
	const id = uid('range');
	const root = el('div', 'w-range');
	const label = el('label', 'w-label', opts.label);
	label.htmlFor = id;
	const slider = el('input');
	slider.type = 'range';
	slider.id = id;
	const number = el('input', 'w-number');
	number.type = 'number';
	// Widgets take their language from the page (data-lang is the page's lang), so the page decides here too.
	number.setAttribute('aria-label', opts.label + TYPED_SUFFIX[langOf(document.documentElement.lang)]);
	for (const input of [slider, number]) {
		input.min = String(opts.min);
		input.max = String(opts.max);
		input.step = String(opts.step);
	}
	const set = (value: number) => {
		slider.value = String(value);
		number.value = String(value);
	};
	set(opts.value);
	slider.addEventListener('input', () => {
		number.value = slider.value;
		opts.onInput(Number(slider.value));
	});
	number.addEventListener('change', () => {
		const v = number.valueAsNumber;
		if (!Number.isFinite(v)) return set(Number(slider.value));
		const clamped = Math.min(opts.max, Math.max(opts.min, v));
		set(clamped);
		opts.onInput(clamped);
	});
	root.append(label, slider, number);
	return { root, set, slider };
}

/** A <select> with a visible label. */
export function selectControl(
	label: string,
	options: readonly { value: string; text: string }[],
	value: string,
	onChange: (value: string) => void,
): { root: HTMLDivElement; select: HTMLSelectElement } {
	const id = uid('select');
	const root = el('div', 'w-field');
	const lab = el('label', 'w-label', label);
	lab.htmlFor = id;
	const select = el('select');
	select.id = id;
	for (const o of options) {
		const option = el('option', '', o.text);
		option.value = o.value;
		select.append(option);
	}
	select.value = value;
	select.addEventListener('change', () => onChange(select.value));
	root.append(lab, select);
	return { root, select };
}

/** A checkbox with its label. */
export function checkboxControl(label: string, checked: boolean, onChange: (checked: boolean) => void): { root: HTMLLabelElement; input: HTMLInputElement } {
	const root = el('label', 'w-check');
	const input = el('input');
	input.type = 'checkbox';
	input.checked = checked;
	input.addEventListener('change', () => onChange(input.checked));
	root.append(input, document.createTextNode(` ${label}`));
	return { root, input };
}

/** A <button type="button"> with text and a click handler. */
export function button(text: string, onClick: () => void, className = 'w-button'): HTMLButtonElement {
	const b = el('button', className, text);
	b.type = 'button';
	b.addEventListener('click', onClick);
	return b;
}

/** Resolves at the next animation frame: work split across frames leaves the page free to paint and answer. */
export function nextFrame(): Promise<void> {
	return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** True when the reader asked the system for less motion: widgets then jump instead of animating. */
export function prefersReducedMotion(): boolean {
	return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Binds a widget's state to the page URL: `load()` reads it (defaults where absent or malformed), `save()`
 * rewrites this widget's parameters with history.replaceState (no history spam), and `link()` is the URL
 * to share, ending in the widget's anchor so the receiver lands on it.
 */
export function urlBinding<S extends Schema>(schema: S, prefix: string, anchorId: string) {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const save = (state: StateOf<S>): void => {
		const search = writeState(schema, prefix, state, location.search);
		history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
	};
	return {
		load: (): StateOf<S> => readState(schema, prefix, location.search),
		save,
		/** Saves after `delayMs` of quiet, so dragging a slider rewrites the URL once, not on every input. */
		saveSoon(state: StateOf<S>, delayMs = 250): void {
			clearTimeout(timer);
			timer = setTimeout(() => save(state), delayMs);
		},
		/** Drops a pending saveSoon (the widget is leaving the page). */
		cancel(): void {
			clearTimeout(timer);
		},
		link(state: StateOf<S>): string {
			const search = writeState(schema, prefix, state, location.search);
			return `${location.origin}${location.pathname}${search}#${anchorId}`;
		},
	};
}

/**
 * "Copy link" button: copies `getLink()` to the clipboard and says so in a polite live region; where the
 * clipboard is unavailable (insecure context, denied permission) it shows the link for manual copying.
 * `text` is any widget text table that includes the shared LINK_TEXT (labels.ts).
 */
export function copyLinkControl(text: Pick<LinkText, 'copy' | 'copied' | 'copyFailed'>, getLink: () => string): HTMLDivElement {
	const root = el('div', 'w-copy');
	const status = el('span', 'w-status');
	status.setAttribute('role', 'status');
	const b = button(text.copy, async () => {
		const link = getLink();
		try {
			await navigator.clipboard.writeText(link);
			status.textContent = text.copied;
		} catch {
			status.textContent = `${text.copyFailed} ${link}`;
		}
	});
	root.append(b, status);
	return root;
}

/** A labelled whole-number field (e.g. a seed); out-of-range or empty input snaps back to the last good value. */
export function integerControl(opts: { label: string; min: number; max: number; value: number; onChange: (value: number) => void }): {
	root: HTMLDivElement;
	set: (value: number) => void;
	input: HTMLInputElement;
} {
	const id = uid('int');
	const root = el('div', 'w-field');
	const label = el('label', 'w-label', opts.label);
	label.htmlFor = id;
	const input = el('input', 'w-number');
	input.type = 'number';
	input.id = id;
	input.min = String(opts.min);
	input.max = String(opts.max);
	input.step = '1';
	let last = opts.value;
	const set = (value: number) => {
		last = value;
		input.value = String(value);
	};
	set(opts.value);
	input.addEventListener('change', () => {
		const v = input.valueAsNumber;
		if (!Number.isInteger(v) || v < opts.min || v > opts.max) return set(last);
		set(v);
		opts.onChange(v);
	});
	root.append(label, input);
	return { root, set, input };
}
