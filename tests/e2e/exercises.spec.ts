/** Exercises: hints and answers in <details>, the answer check gives right/wrong feedback, and a right answer opens the explanation. */
import { expect, test } from '@playwright/test';
import { htmlOf, PAGES } from './site.ts';

for (const lang of ['en', 'zh-cn'] as const) {
	test(`${lang}: a numeric exercise check tells right from wrong`, async ({ page }) => {
		const url = PAGES.find((p) => p.startsWith(`/${lang}/`) && /&#34;type&#34;:&#34;numeric&#34;/.test(htmlOf(p)));
		test.skip(!url, 'no numeric exercise yet');
		await page.goto(url!);
		const exercise = page.locator('li.exercise', { has: page.locator('exercise-check input[inputmode="decimal"]') }).first();
		const check = JSON.parse((await exercise.locator('exercise-check').getAttribute('data-check'))!);
		const input = exercise.getByRole('textbox');
		const button = exercise.getByRole('button', { name: lang === 'en' ? 'Check' : '检查' });
		await input.fill('not a number');
		await button.click();
		await expect(exercise.locator('output')).toHaveAttribute('data-result', 'invalid');
		await input.fill(String(check.value + 10 * (check.tolerance + 1)));
		await input.press('Enter');
		await expect(exercise.locator('output')).toHaveAttribute('data-result', 'incorrect');
		const answer = exercise.locator('details.exercise-answer');
		await expect(answer.locator('div')).toBeHidden();
		await input.fill(String(check.value));
		await button.click();
		await expect(exercise.locator('output')).toHaveAttribute('data-result', 'correct');
		await expect(exercise.locator('output')).toHaveText(lang === 'en' ? 'Correct.' : '正确。');
		await expect(answer.locator('div')).toBeVisible();
	});
}

for (const width of [375, 1280]) {
	test(`at ${width} px: radio buttons have room to their labels, and Check starts the row below the answer in every exercise`, async ({ page }) => {
		await page.setViewportSize({ width, height: 800 });
		const urls = PAGES.filter((p) => p.startsWith('/en/') && /&#34;type&#34;:&#34;choice&#34;/.test(htmlOf(p)));
		test.skip(urls.length === 0, 'no multiple-choice exercise yet');
		let choices = 0;
		for (const url of [...new Set([urls[0]!, PAGES.find((p) => p.startsWith('/en/01'))!])]) {
			await page.goto(url);
			await expect(page.locator('exercise-check form:not([hidden])').first()).toBeAttached();
			const forms = await page.locator('exercise-check form').evaluateAll((all) =>
				all.map((form) => {
					const box = form.getBoundingClientRect();
					const check = form.querySelector('button[type="submit"]')!.getBoundingClientRect();
					const answerBottom = Math.max(...[...form.children].filter((c) => !c.matches('button, output')).map((c) => c.getBoundingClientRect().bottom));
					const gaps = [...form.querySelectorAll('.exercise-option')].map((o) => {
						const radio = o.querySelector('input')!.getBoundingClientRect();
						return o.querySelector('span')!.getBoundingClientRect().left - radio.right;
					});
					return { left: Math.round(check.left - box.left), below: check.top >= answerBottom - 1, gaps };
				}),
			);
			for (const f of forms) {
				expect(f.left, 'Check is not at the start of its row').toBeLessThanOrEqual(1);
				expect(f.below, 'Check sits beside the answer instead of below it').toBe(true);
				for (const gap of f.gaps) expect(gap, 'a radio button touches its label').toBeGreaterThanOrEqual(6);
				choices += f.gaps.length;
			}
		}
		expect(choices, 'no radio button was measured').toBeGreaterThan(0);
	});
}
