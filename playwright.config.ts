import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium when installed (Playwright cannot download its own browser here), else Playwright's. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
// A port of its own, so a running `npm start` on 4321 does not get in the way.
const PORT = Number(process.env.PREVIEW_PORT ?? 4391);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	// One retry on CI: training widgets share two cores with the browser and the preview server, and a
	// starved run can miss a deadline. A test that needed the retry is reported as flaky in the summary line.
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	forbidOnly: true,
	reporter: [['list'], ['./tests/e2e/summary-reporter.ts']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'off',
		// No service worker unless a spec asks for one (tests/e2e/offline.spec.ts): it would precache the whole
		// book (~14 MB) in every test's fresh context, and answer requests that specs count or fail on purpose.
		serviceWorkers: 'block',
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
	// One server of the built site (dist/, or SITE_DIST) for the whole run, the one `npm start` uses, so the
	// tests see the headers and Content-Security-Policy a reader gets. `npm test` builds the site first.
	webServer: {
		command: 'node --import tsx scripts/serve.ts',
		env: { PORT: String(PORT), HOST: '127.0.0.1' },
		url: `http://localhost:${PORT}/en/`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe',
	},
});
