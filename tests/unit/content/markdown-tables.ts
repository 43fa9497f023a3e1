/** The cells of a Markdown text's table body rows (each table's header and divider rows skipped). */
export function tableRows(markdown: string): string[][] {
	const rows: string[][] = [];
	let inTable = false;
	for (const line of markdown.split('\n')) {
		if (!line.trim().startsWith('|')) {
			inTable = false;
			continue;
		}
		const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
		if (!inTable) {
			inTable = true; // the header row
			continue;
		}
		if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
		rows.push(cells);
	}
	return rows;
}
