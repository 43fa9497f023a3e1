/** The gate ablation (chapter 8.5), declared for the widget runtime and the registry. */
import { defineWidget } from '../runtime/declaration.ts';
import { ANCHOR_ID, SCHEMA, URL_PREFIX } from './state.ts';

export default defineWidget({
	tag: 'gate-ablation',
	prefix: URL_PREFIX,
	anchor: ANCHOR_ID,
	schema: SCHEMA,
	fieldNames: {
		en: { v: 'variant list', task: 'the task', n: 'N', seed: 'the seed', init: 'the gate-bias start' },
		'zh-cn': { v: '变体列表', task: '任务', n: 'N', seed: '随机种子', init: '门偏置初始化' },
	},
	service: 'gate-ablation',
	load: () => import('./gate-ablation-widget.ts'),
});
