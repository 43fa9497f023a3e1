/**
 * Hydration of the controls that a widget's Astro component renders on the server (components/widget/
 * Field.astro): each `[data-field="name"]` element is found, given the state's value and wired to report
 * changes. Nothing is rebuilt, so the page's markup, ids and labels stay as the server wrote them.
 *
 * Markup understood, inside `[data-field]`:
 *   input[type=range] + input[type=number]   a slider with a typed twin (number and int fields)
 *   input[type=number] | select | input[type=text] | textarea | input[type=checkbox] (bool)
 *   input[type=checkbox][value] …            a set of whole numbers (a unique integer `numbers` field)
 *   input[data-index] …                      a fixed-length `numbers` field, one input per entry
 */
import { coerceField, type FieldSpec, type Schema, type StateOf } from '../shared/url-state.ts';

export interface FieldControl {
  /** Shows a value (already valid) without reporting a change. */
  set(value: unknown): void;
  /** Narrows or widens a numeric field's range after hydration (the stepper's last step grows with its text). */
  setBounds(min: number, max: number): void;
  /** Enables or disables the field's inputs. */
  setDisabled(disabled: boolean): void;
  /** The field's container. */
  readonly root: HTMLElement;
}

/**
 * Wires every `[data-field]` below `root` whose name is in the schema. `onChange(field, value, commit)`
 * receives a value the schema allows; `commit` is false while a slider is being dragged.
 * Listeners end with `signal`.
 */
export function hydrateFields<S extends Schema>(
  root: HTMLElement,
  schema: S,
  state: StateOf<S>,
  onChange: (field: keyof S & string, value: unknown, commit: boolean) => void,
  signal: AbortSignal,
): Partial<Record<keyof S & string, FieldControl>> {
  const controls: Partial<Record<keyof S & string, FieldControl>> = {};
  for (const container of root.querySelectorAll<HTMLElement>('[data-field]')) {
    if (container.closest(root.localName) !== root) continue; // a nested widget's field is its own
    const name = container.dataset.field as keyof S & string;
    const spec = schema[name];
    if (!spec) continue;
    const control = hydrateField(container, spec, (value, commit) => onChange(name, value, commit), signal);
    control.set(state[name]);
    controls[name] = control;
  }
  return controls;
}

function hydrateField(root: HTMLElement, spec: FieldSpec, report: (value: unknown, commit: boolean) => void, signal: AbortSignal): FieldControl {
  const on = (target: EventTarget, type: string, listener: () => void) => target.addEventListener(type, listener, { signal });
  const inputs = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')];
  const setDisabled = (disabled: boolean) => inputs.forEach((i) => (i.disabled = disabled));
  const noBounds = () => {};

  if (spec.kind === 'number' || spec.kind === 'int') {
    const slider = root.querySelector<HTMLInputElement>('input[type=range]');
    const typed = root.querySelector<HTMLInputElement>('input[type=number]');
    const numeric = [slider, typed].filter((x): x is HTMLInputElement => x !== null);
    const show = (value: unknown) => numeric.forEach((i) => (i.value = String(value)));
    // The inputs' own min/max are the live bounds (setBounds may have moved them since the page was built).
    const fit = (n: number) => {
      const min = Number(numeric[0]?.min ?? spec.min);
      const max = Number(numeric[0]?.max ?? spec.max);
      return coerceField(spec, Math.min(Number.isFinite(max) ? max : n, Math.max(Number.isFinite(min) ? min : n, n))) as number;
    };
    let last = spec.default;
    if (slider) {
      on(slider, 'input', () => {
        last = fit(Number(slider.value));
        if (typed) typed.value = String(last);
        report(last, false);
      });
      on(slider, 'change', () => report(fit(Number(slider.value)), true));
    }
    if (typed) {
      // While typing, a valid value in range applies at once; the field itself is only rewritten on change.
      on(typed, 'input', () => {
        const v = typed.valueAsNumber;
        if (typed.value.trim() === '' || !Number.isFinite(v) || fit(v) !== v) return;
        last = v;
        if (slider) slider.value = String(v);
        report(v, false);
      });
      on(typed, 'change', () => {
        const v = typed.valueAsNumber;
        if (!Number.isFinite(v)) return show(last);
        last = fit(v);
        show(last);
        report(last, true);
      });
    }
    return {
      root,
      set: (value) => {
        last = value as number;
        show(value);
      },
      setBounds: (min, max) => numeric.forEach((i) => ((i.min = String(min)), (i.max = String(max)))),
      setDisabled,
    };
  }

  if (spec.kind === 'enum') {
    const select = root.querySelector<HTMLSelectElement>('select');
    if (select) on(select, 'change', () => report(coerceField(spec, select.value), true));
    return { root, set: (value) => select && (select.value = String(value)), setBounds: noBounds, setDisabled };
  }

  if (spec.kind === 'bool') {
    const box = root.querySelector<HTMLInputElement>('input[type=checkbox]');
    if (box) on(box, 'change', () => report(box.checked, true));
    return { root, set: (value) => box && (box.checked = value === true), setBounds: noBounds, setDisabled };
  }

  if (spec.kind === 'text') {
    const box = root.querySelector<HTMLInputElement | HTMLTextAreaElement>('input[type=text], textarea, input:not([type])');
    if (box) {
      on(box, 'input', () => report(coerceField(spec, box.value), false));
      on(box, 'change', () => report(coerceField(spec, box.value), true));
    }
    return { root, set: (value) => box && box.value !== value && (box.value = String(value)), setBounds: noBounds, setDisabled };
  }

  // A list of numbers: checkboxes (a set) or one input per index.
  const boxes = [...root.querySelectorAll<HTMLInputElement>('input[type=checkbox][value]')];
  if (boxes.length > 0) {
    const read = () => boxes.filter((b) => b.checked).map((b) => Number(b.value));
    boxes.forEach((b) => on(b, 'change', () => report(read(), true)));
    return {
      root,
      set: (value) => boxes.forEach((b) => (b.checked = (value as number[]).includes(Number(b.value)))),
      setBounds: noBounds,
      setDisabled,
    };
  }
  const entries = [...root.querySelectorAll<HTMLInputElement>('input[data-index]')];
  let values: number[] = [...spec.default];
  for (const input of entries) {
    on(input, 'change', () => {
      const k = Number(input.dataset.index);
      const next = [...values];
      if (Number.isFinite(input.valueAsNumber)) next[k] = input.valueAsNumber;
      values = coerceField(spec, next) as number[];
      input.value = String(values[k]);
      report(values, true);
    });
  }
  return {
    root,
    set: (value) => {
      values = [...(value as number[])];
      entries.forEach((input) => (input.value = String(values[Number(input.dataset.index)])));
    },
    setBounds: noBounds,
    setDisabled,
  };
}
