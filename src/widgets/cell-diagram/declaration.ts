/** The LSTM cell diagram on its own (chapter 2), declared for the widget runtime and the registry. */
import { defineWidget } from '../runtime/declaration.ts';
import { stageField } from './model.ts';

export default defineWidget({
	tag: 'cell-diagram',
	prefix: 'diagram',
	anchor: 'cell-diagram',
	schema: { stage: stageField },
	fieldNames: { en: { stage: 'Stage' }, 'zh-cn': { stage: '阶段' } },
	load: () => import('./cell-diagram.ts'),
});
