/**
 * Loads a widget's module only when one of its elements comes near the screen. Each widget
 * component calls this from its <script>, so a page ships the widget's code (Plot, the engine…)
 * only to readers who scroll to it.
 *
 *   whenVisible('activation-explorer', () => import('../src/widgets/activation/activation-explorer.ts'));
 *
 * The module defines the custom element; defining it upgrades the static markup already on the page.
 */
export function whenVisible(tagName: string, load: () => Promise<unknown>, rootMargin = '200px'): void {
	const elements = document.querySelectorAll(tagName);
	if (elements.length === 0 || customElements.get(tagName)) return;
	let started = false;
	const start = () => {
		if (started) return;
		started = true;
		load().catch((error: unknown) => {
			for (const el of elements) el.setAttribute('data-widget-error', '');
			console.warn(`${tagName}: the interactive version could not be loaded`, error);
		});
	};
	if (!('IntersectionObserver' in window)) return start();
	const observer = new IntersectionObserver(
		(entries) => {
			if (entries.some((entry) => entry.isIntersecting)) {
				observer.disconnect();
				start();
			}
		},
		{ rootMargin },
	);
	for (const el of elements) observer.observe(el);
}
