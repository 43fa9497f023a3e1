/**
 * Every widget of the book, by declaration. DOM-free: the e2e inventories (layout, main thread, axe),
 * `bench:main-thread` and the unit tests read it in Node without loading a widget.
 * A new widget is added here once (see "Adding a widget" in the README).
 */
import type { WidgetDeclaration } from './runtime/declaration.ts';
import activationExplorer from './activation/declaration.ts';
import gradientLab from './gradient-lab/declaration.ts';
import sequenceStepper from './sequence-stepper/declaration.ts';
import memoryRace from './memory-race/declaration.ts';
import gateAblation from './gate-ablation/declaration.ts';
import cellExplorer from './cell-explorer/declaration.ts';
import cellDiagram from './cell-diagram/declaration.ts';
import unrolledChain from './unrolled-chain/declaration.ts';
import equationView from './equation-view/declaration.ts';
import studio, { generateEmbed as studioGenerate, trainEmbed as studioTrain } from './studio/declaration.ts';

export const WIDGETS: readonly WidgetDeclaration[] = [
	activationExplorer,
	gradientLab,
	sequenceStepper,
	memoryRace,
	gateAblation,
	cellExplorer,
	cellDiagram,
	unrolledChain,
	equationView,
	studio,
	studioGenerate,
	studioTrain,
];
