/** The activation explorer (chapter 2), declared for the widget runtime and the registry. */
import { defineWidget } from '../runtime/declaration.ts';
import { ACTIVATION_SCHEMA } from './schema.ts';

export default defineWidget({
	tag: 'activation-explorer',
	prefix: 'act',
	anchor: 'activation-explorer',
	schema: ACTIVATION_SCHEMA,
	fieldNames: { en: { z: 'z' }, 'zh-cn': { z: 'z' } },
	load: () => import('./activation-explorer.ts'),
});
