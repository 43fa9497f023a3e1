import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STUDIO_HYPER_SCHEMA } from '../../../src/studio/hyper.ts';
import { CORPORA } from '../../../src/studio/corpus.ts';
import { FEATURES } from '../../../src/studio/inspector.ts';
import { GENERATE_SCHEMA, STUDIO_SCHEMA, TRAIN_SCHEMA, CORPUS_CHOICES } from '../../../src/widgets/studio/schema.ts';
import { fieldNamesFor, textFor } from '../../../src/widgets/studio/labels.ts';

test('the chapter embeds use the full studio fields unchanged (only the corpus list is narrower)', () => {
  for (const [name, schema] of [['generate', GENERATE_SCHEMA], ['train', TRAIN_SCHEMA]] as const) {
    for (const [key, spec] of Object.entries(schema)) {
      const full = STUDIO_SCHEMA[key as keyof typeof STUDIO_SCHEMA];
      assert.ok(full, `${name}.${key} is a studio field`);
      if (key === 'corpus') {
        for (const v of (spec as { values: readonly string[] }).values) assert.ok((full as { values: readonly string[] }).values.includes(v), `${name} corpus ${v}`);
      } else assert.deepEqual(spec, full, `${name}.${key}`);
    }
  }
  for (const key of Object.keys(STUDIO_HYPER_SCHEMA)) assert.deepEqual(STUDIO_SCHEMA[key as keyof typeof STUDIO_SCHEMA], STUDIO_HYPER_SCHEMA[key as keyof typeof STUDIO_HYPER_SCHEMA]);
});

test('every built-in corpus and every inspector feature can be chosen, and each is named in both languages', () => {
  assert.deepEqual(CORPUS_CHOICES.filter((c) => c !== 'own'), CORPORA.map((c) => c.id));
  assert.deepEqual((STUDIO_SCHEMA.feature.values as readonly string[]), FEATURES.map((f) => f.id));
  for (const lang of ['en', 'zh-cn'] as const) {
    const t = textFor(lang);
    for (const c of CORPUS_CHOICES) assert.ok(t.corpora[c], `${lang} corpus ${c}`);
    for (const f of FEATURES) assert.ok(t.features[f.id], `${lang} feature ${f.id}`);
    const names = fieldNamesFor(lang);
    for (const key of Object.keys(STUDIO_SCHEMA)) assert.ok(names[key], `${lang} names field ${key}`);
  }
});
