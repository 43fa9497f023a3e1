/** Pagefind search finds a chapter by a word from its body, in each language. */
import { expect, test, type Page } from '@playwright/test';
import { chapterPages, htmlOf } from './site.ts';

/** Visible text of a page's article (no scripts, tags or KaTeX's MathML). */
function bodyText(url: string): string {
	const html = htmlOf(url);
	const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
	return main
		.replace(/<(script|style|math|svg)[\s\S]*?<\/\1>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&[a-z#0-9]+;/g, ' ');
}

/** A long English word that occurs in `url`'s body and in no other chapter of the language. */
function distinctiveWord(url: string, others: string[]): string {
	const words = (text: string) => new Set(text.toLowerCase().match(/\b[a-z]{8,}\b/g) ?? []);
	const elsewhere = new Set(others.flatMap((o) => [...words(bodyText(o))]));
	const candidates = [...words(bodyText(url))].filter((w) => !elsewhere.has(w)).sort();
	if (candidates.length === 0) throw new Error(`no word unique to ${url}`);
	return candidates[0];
}

async function search(page: Page, query: string) {
	await page.getByRole('button', { name: /search|搜索/i }).first().click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('textbox').fill(query);
	return dialog;
}

test('en: a word from a chapter body finds that chapter', async ({ page }) => {
	const chapters = chapterPages('en');
	const target = chapters.find((c) => c.includes('04-math')) ?? chapters[0];
	const word = distinctiveWord(target, chapters.filter((c) => c !== target));
	await page.goto('/en/');
	const dialog = await search(page, word);
	await expect(dialog.locator(`a[href^="${target}"]`).first()).toBeVisible();
});

test('zh-cn: a Chinese term finds Chinese chapters only', async ({ page }) => {
	const chapters = chapterPages('zh-cn');
	const target = chapters.find((c) => c.includes('04-math')) ?? chapters[0];
	expect(bodyText(target)).toContain('遗忘门');
	await page.goto('/zh-cn/');
	const dialog = await search(page, '遗忘门');
	await expect(dialog.locator(`a[href^="${target}"]`).first()).toBeVisible();
	const hrefs = await dialog.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	expect(hrefs.length).toBeGreaterThan(0);
	expect(hrefs.filter((h) => !h?.startsWith('/zh-cn/'))).toEqual([]);
});
