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
