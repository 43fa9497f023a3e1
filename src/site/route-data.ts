/**
 * Starlight route middleware: the "Exercises" section is written by <Exercises> (not by a Markdown
 * heading), so it is added to the table of contents here for chapters that have exercises.
 * The component sits at the very end of a chapter, so the entry goes last.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { t, toLang } from './i18n.ts';

export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	const exercises = (route.entry.data as { exercises?: unknown[] }).exercises;
	if (!route.toc || !exercises?.length) return;
	if (route.toc.items.some((item) => item.slug === 'exercises')) return;
	route.toc.items.push({ depth: 2, slug: 'exercises', text: t(toLang(route.lang), 'exercises'), children: [] });
});
