/**
 * Printing a chapter: a canvas prints as whatever the browser last composited, or blank, so just before
 * printing each canvas is shown as a picture of its current pixels, and put back afterwards. (Charts are SVG and
 * readouts are text: print.css keeps them as they are.)
 */
const pictures = new Map<HTMLCanvasElement, HTMLImageElement>();

addEventListener('beforeprint', () => {
	for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.sl-markdown-content canvas')) {
		let url: string;
		try {
			url = canvas.toDataURL('image/png');
		} catch {
			continue; // a canvas tainted by another origin cannot be read; it prints as the browser can
		}
		const picture = document.createElement('img');
		picture.src = url;
		picture.alt = canvas.getAttribute('aria-label') ?? '';
		picture.className = 'print-canvas';
		picture.style.width = `${canvas.clientWidth}px`;
		canvas.after(picture);
		pictures.set(canvas, picture);
	}
});

addEventListener('afterprint', () => {
	for (const picture of pictures.values()) picture.remove();
	pictures.clear();
});
