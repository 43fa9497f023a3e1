/**
 * Every widget of the book, by declaration. DOM-free: the e2e inventories (layout, main thread, axe),
 * `bench:main-thread` and the unit tests read it in Node without loading a widget.
 * A new widget is added here once (see "Adding a widget" in the README).
 */
import type { WidgetDeclaration } from './runtime/declaration.ts';
import activationExplorer from './activation/declaration.ts';
import studio, { generateEmbed as studioGenerate, trainEmbed as studioTrain } from './studio/declaration.ts';

export const WIDGETS: readonly WidgetDeclaration[] = [activationExplorer, studio, studioGenerate, studioTrain];
