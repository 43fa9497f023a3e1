/**
 * The sequence stepper (chapters 2 and 3), declared for the widget runtime and the registry. The schema's
 * default model is the latch; a figure that starts on the character model (`data-model="char"`) uses
 * `stepperDeclaration('char')`, so its links leave the model out when it is the character model.
 */
import { defineWidget, type WidgetDeclaration } from '../runtime/declaration.ts';
import { stepperSchema, type ModelName } from './schema.ts';

type StepperSchema = ReturnType<typeof stepperSchema>;

const FIELD_NAMES = {
  en: { model: 'model', seed: 'seed', text: 'text', t: 'step t', unit: 'unit', from: 'first unit in the heatmaps', speed: 'speed' },
  'zh-cn': { model: '模型', seed: '随机种子', text: '文本', t: '时间步 t', unit: '单元', from: '热图中的第一个单元', speed: '速度' },
};

function declare(model: ModelName): WidgetDeclaration<StepperSchema> {
  return defineWidget({
    tag: 'sequence-stepper',
    prefix: 'seq',
    anchor: 'sequence-stepper',
    schema: stepperSchema(model),
    fieldNames: FIELD_NAMES,
    service: 'sequence-stepper',
    load: () => import('./sequence-stepper.ts'),
  });
}

const BY_MODEL: Record<ModelName, WidgetDeclaration<StepperSchema>> = { latch: declare('latch'), char: declare('char') };

/** The declaration for a figure that starts on `model`. */
export function stepperDeclaration(model: ModelName): WidgetDeclaration<StepperSchema> {
  return BY_MODEL[model];
}

export default BY_MODEL.latch;
