import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const theme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto('http://localhost:4471/en/04-math/');
  await page.locator('cell-explorer').scrollIntoViewIfNeeded();
  await page.waitForSelector('cell-explorer .ce-equation .katex');
  await page.locator('cell-explorer .ce-equation[data-eq="eq-cell-state"] [data-term="i2"]').hover();
  await page.locator('cell-explorer .ce-results').screenshot({ path: `/tmp/hv-res-${theme}.png` });
  await page.locator('cell-explorer .ce-equation[data-eq="eq-cell-state"]').screenshot({ path: `/tmp/hv-eq-${theme}.png` });
  await page.locator('cell-explorer .ce-equation[data-eq="eq-hidden-state"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('cell-explorer .ce-equation[data-eq="eq-hidden-state"]').screenshot({ path: `/tmp/kb-eq-${theme}.png` });
}
await browser.close();
