/** The unrolled chain (chapter 2, after the sequence stepper), declared for the widget runtime. */
import { defineWidget } from '../runtime/declaration.ts';
import { CHAIN_SCHEMA } from './model.ts';

export default defineWidget({
	tag: 'unrolled-chain',
	prefix: 'chain',
	anchor: 'unrolled-chain',
	schema: CHAIN_SCHEMA,
	fieldNames: { en: { unit: 'Unit' }, 'zh-cn': { unit: '单元' } },
	load: () => import('./unrolled-chain.ts'),
});
