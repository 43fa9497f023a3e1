/** The memory race (chapter 1.3), declared for the widget runtime and the registry. */
import { defineWidget } from '../runtime/declaration.ts';
import { ANCHOR_ID, SCHEMA, URL_PREFIX } from './state.ts';

export default defineWidget({
	tag: 'memory-race',
	prefix: URL_PREFIX,
	anchor: ANCHOR_ID,
	schema: SCHEMA,
	fieldNames: {
		en: { N: 'N', init: 'the LSTM initialisation', seed: 'the seed' },
		'zh-cn': { N: 'N', init: 'LSTM 初始化', seed: '随机种子' },
	},
	service: 'memory-race',
	load: () => import('./memory-race-widget.ts'),
});
