/**
 * Token colours from CSS variables (site.css sets them for the light and the dark theme, with WCAG AA
 * contrast on the editor's background); CodeMirror's default style is made for light backgrounds only.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

export const cellHighlighting = syntaxHighlighting(
	HighlightStyle.define([
		{ tag: [t.keyword, t.modifier, t.operatorKeyword, t.controlKeyword, t.definitionKeyword], color: 'var(--cc-keyword)' },
		{ tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cc-string)' },
		{ tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cc-number)' },
		{ tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--cc-comment)', fontStyle: 'italic' },
		{ tag: [t.typeName, t.className, t.namespace], color: 'var(--cc-type)' },
		{ tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.variableName)], color: 'var(--cc-function)' },
		{ tag: t.invalid, color: 'var(--sl-color-red-high)' },
	]),
);
