/** The one-equation view (chapter 4), declared for the widget runtime and the registry. */
import { defineWidget } from '../runtime/declaration.ts';
import { EQUATION_VIEW_SCHEMA } from './schema.ts';

export default defineWidget({
	tag: 'equation-view',
	prefix: 'eqv',
	anchor: 'equation-view',
	schema: EQUATION_VIEW_SCHEMA,
	fieldNames: { en: { eq: 'Equation', x: 'x_t' }, 'zh-cn': { eq: '公式', x: 'x_t' } },
	load: () => import('./equation-view.ts'),
});
