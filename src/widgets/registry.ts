/**
 * Every widget of the book, by declaration. DOM-free: the e2e inventories (layout, main thread, axe),
 * `bench:main-thread` and the unit tests read it in Node without loading a widget.
 * A new widget is added here once (see "Adding a widget" in the README).
 */
import type { WidgetDeclaration } from './runtime/declaration.ts';
import activationExplorer from './activation/declaration.ts';
import memoryRace from './memory-race/declaration.ts';
import gateAblation from './gate-ablation/declaration.ts';

export const WIDGETS: readonly WidgetDeclaration[] = [activationExplorer, memoryRace, gateAblation];
