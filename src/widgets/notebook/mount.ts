/**
 * Loaded by the cell components: imports the cells' code only once a cell nears the screen. The editor
 * (CodeMirror) is a further chunk that each cell imports when it is itself near (code-cell.ts).
 */
function start(): void {
	const cells = document.querySelectorAll('code-cell');
	if (cells.length === 0 || customElements.get('code-cell')) return;
	let started = false;
	const load = () => {
		if (started) return;
		started = true;
		observer.disconnect();
		void import('./code-cell.ts').then(() => import('./run-all.ts'));
	};
	const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), { rootMargin: '400px' });
	for (const cell of cells) observer.observe(cell);
	for (const button of document.querySelectorAll('run-all-cells')) observer.observe(button);
}
start();
