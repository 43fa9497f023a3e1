/**
 * The text-generation studio, declared for the widget runtime and the registry: the full studio of the
 * studio page and chapter 5's two compact embeds (generation with a pretrained model, a short training run).
 * All three are one element class (studio-element.ts) showing more or fewer parts; each has its own link
 * prefix, so two of them on one page keep separate settings.
 */
import { defineWidget, type WidgetDeclaration } from '../runtime/declaration.ts';
import type { Schema } from '../shared/url-state.ts';
import { fieldNamesFor } from './labels.ts';
import { GENERATE_SCHEMA, STUDIO_SCHEMA, TRAIN_SCHEMA } from './schema.ts';

function namesIn(schema: Schema, lang: 'en' | 'zh-cn'): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldNamesFor(lang)).filter(([key]) => Object.hasOwn(schema, key)));
}

function declare<S extends Schema>(tag: string, prefix: string, anchor: string, schema: S): WidgetDeclaration<S> {
  return defineWidget({
    tag,
    prefix,
    anchor,
    schema,
    fieldNames: { en: namesIn(schema, 'en'), 'zh-cn': namesIn(schema, 'zh-cn') } as WidgetDeclaration<S>['fieldNames'],
    service: 'studio',
    load: () => import('./studio-element.ts'),
  });
}

export default declare('text-studio', 'studio', 'studio', STUDIO_SCHEMA);
export const generateEmbed = declare('studio-generate', 'gen', 'studio-generate', GENERATE_SCHEMA);
export const trainEmbed = declare('studio-train', 'train', 'studio-train', TRAIN_SCHEMA);
