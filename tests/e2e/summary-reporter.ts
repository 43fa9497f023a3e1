/**
 * Prints one machine-readable line at the end of the run, `e2e: N passed, N failed, N skipped, N flaky`,
 * which scripts/test-all.sh adds to the unit-test counts. A run that executed nothing shows 0 passed.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
	private passed = 0;
	private failed = 0;
	private skipped = 0;
	private flaky: string[] = [];

	onTestEnd(test: TestCase, result: TestResult): void {
		// Count each test once, by its final outcome (retries do not double-count).
		if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
		if (result.status === 'passed') {
			this.passed++;
			if (result.retry > 0) this.flaky.push(test.titlePath().filter(Boolean).join(' › '));
		}
		else if (result.status === 'skipped') this.skipped++;
		else this.failed++;
	}

	onEnd(result: FullResult): void {
		// A run that could not start (webServer failure, syntax error) still counts as a failure.
		if (result.status !== 'passed' && this.failed === 0) this.failed = 1;
		for (const title of this.flaky) console.log(`flaky (passed on retry): ${title}`);
		console.log(`e2e: ${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped, ${this.flaky.length} flaky`);
	}

	printsToStdio(): boolean {
		return false;
	}
}
