/**
 * A widget, declared once: what the runtime, the e2e inventories and the benchmarks need to know about it.
 * DOM-free, so Node (tests, bench) can read every declaration from registry.ts without loading a widget.
 *
 *   export default defineWidget({
 *     tag: 'memory-race', prefix: 'race', anchor: 'memory-race', schema: SCHEMA,
 *     fieldNames: { en: { N: 'N' }, 'zh-cn': { N: 'N' } },
 *     service: 'memory-race',
 *     load: () => import('./memory-race-widget.ts'),
 *   });
 */
import type { Schema } from '../shared/url-state.ts';
import type { WidgetLang } from '../shared/labels.ts';
import { SERVICE_NAME } from './envelope.ts';

export interface WidgetDeclaration<S extends Schema = Schema> {
  /** The custom element's tag name. */
  tag: string;
  /** URL parameters are `prefix.field`. */
  prefix: string;
  /** The figure's id: shared links end in `#anchor`. */
  anchor: string;
  schema: S;
  /** How each field is named in notices about the link, per language (the key itself when absent). */
  fieldNames: Record<WidgetLang, Partial<Record<keyof S & string, string>>>;
  /** The widget folder whose `*.service.ts` runs in the compute worker, if the widget computes off the page. */
  service?: string;
  /** Loads the module that defines the custom element (code-split, loaded when the widget nears the screen). */
  load: () => Promise<unknown>;
}

export function defineWidget<S extends Schema>(declaration: WidgetDeclaration<S>): WidgetDeclaration<S> {
  if (!/^[a-z][a-z0-9]*-[a-z0-9-]+$/.test(declaration.tag)) throw new Error(`defineWidget: '${declaration.tag}' is not a custom element name`);
  if (declaration.service !== undefined && !SERVICE_NAME.test(declaration.service)) {
    throw new Error(`defineWidget: service '${declaration.service}' must be a widget folder name`);
  }
  for (const lang of ['en', 'zh-cn'] as const) {
    for (const field of Object.keys(declaration.fieldNames[lang])) {
      if (!Object.hasOwn(declaration.schema, field)) throw new Error(`defineWidget(${declaration.tag}): fieldNames.${lang}.${field} is not in the schema`);
    }
  }
  return declaration;
}
