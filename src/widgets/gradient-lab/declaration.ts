/** The gradient lab (chapters 1 and 4), declared for the widget runtime and the registry. */
import { defineWidget } from '../runtime/declaration.ts';
import { ANCHOR_ID, SCHEMA, URL_PREFIX } from './state.ts';

export default defineWidget({
  tag: 'gradient-lab',
  prefix: URL_PREFIX,
  anchor: ANCHOR_ID,
  schema: SCHEMA,
  fieldNames: {
    en: { T: 'T', s: 's', bf: 'b_f', H: 'H', q: 'plotted quantity', clip: 'clipping', max: 'clipping threshold', seed: 'seed' },
    'zh-cn': { T: 'T', s: 's', bf: 'b_f', H: 'H', q: '绘制的量', clip: '梯度裁剪', max: '裁剪阈值', seed: '随机种子' },
  },
  service: 'gradient-lab',
  load: () => import('./gradient-lab-widget.ts'),
});
