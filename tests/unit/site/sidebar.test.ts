import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sidebarOrder, sidebarSlugs } from '../../../src/site/sidebar.ts';

test('sidebarOrder reads inline and block frontmatter', () => {
	assert.equal(sidebarOrder('---\ntitle: "A"\nsidebar: { order: 4 }\n---\nBody'), 4);
	assert.equal(sidebarOrder('---\ntitle: A\nsidebar:\n  label: X\n  order: 10\n---\n'), 10);
	assert.equal(sidebarOrder('---\ntitle: A\n---\nsidebar: { order: 3 }'), undefined);
});

test('sidebarSlugs sorts by order, then by name, with unordered pages last', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sidebar-'));
	const page = (name: string, order?: number) =>
		writeFileSync(join(dir, name), `---\ntitle: ${name}\n${order === undefined ? '' : `sidebar: { order: ${order} }\n`}---\n`);
	page('index.mdx', 0);
	page('02-b.mdx', 2);
	page('01-a.mdx', 1);
	page('glossary.mdx');
	page('_draft.mdx', 3);
	page('notes.txt', 5);
	assert.deepEqual(sidebarSlugs(dir), ['index', '01-a', '02-b', 'glossary']);
});
