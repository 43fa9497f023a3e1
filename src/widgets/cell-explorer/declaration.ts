/**
 * The cell explorer (chapter 3, with the cell diagram), declared for the widget runtime and the registry.
 * The vectors' lengths depend on the size (I = H = 2 or 1); a link whose lengths do not fit its size gets
 * that size's defaults (model.ts normalize), so the schema admits both sizes' lengths only.
 */
import { defineWidget } from '../runtime/declaration.ts';
import { stageField } from '../cell-diagram/model.ts';
import { cellSchema } from './schema.ts';
import type { Schema } from '../shared/url-state.ts';

export const CELL_EXPLORER_SCHEMA = {
	...cellSchema,
	x: { ...cellSchema.x, minLength: 1, maxLength: 2 },
	h: { ...cellSchema.h, minLength: 1, maxLength: 2 },
	c: { ...cellSchema.c, minLength: 1, maxLength: 2 },
	// 4 gates × H rows × (H + I) columns: 8 entries for the scalar cell, 32 for I = H = 2; biases 4H.
	w: { ...cellSchema.w, minLength: 8, maxLength: 32 },
	b: { ...cellSchema.b, minLength: 4, maxLength: 8 },
	stage: stageField,
} satisfies Schema;

export default defineWidget({
	tag: 'cell-explorer',
	prefix: 'cell',
	anchor: 'cell-explorer',
	schema: CELL_EXPLORER_SCHEMA,
	fieldNames: {
		en: { mode: 'Size', x: 'x_t', h: 'h_{t-1}', c: 'C_{t-1}', w: 'weights', b: 'biases', seed: 'Seed', stage: 'Stage' },
		'zh-cn': { mode: '规模', x: 'x_t', h: 'h_{t-1}', c: 'C_{t-1}', w: '权重', b: '偏置', seed: '随机种子', stage: '阶段' },
	},
	load: () => import('./cell-explorer.ts'),
});
