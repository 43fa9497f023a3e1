/**
 * Worker side: pause and resume for a training loop that works in chunks (a service's handler awaiting
 * yieldToEvents between them, runtime/service.ts). The 'pause' and 'resume' commands flip the switch; the loop looks at `paused` between
 * chunks and, when set, awaits `resumed()`. A new run calls `restart()`, which also wakes a loop of an older
 * run waiting there, so that loop sees it is no longer current and ends.
 *
 * A service uses it in two places (the gate ablation's and the memory race's):
 *   if (!pause.startsRun(command)) return;                              // at the top of handle
 *   if (!(await pause.holdWhilePaused(run, () => run.emit(…)))) return;  // between chunks
 */
export class PauseSwitch {
	#paused = false;
	#wake: (() => void) | null = null;

	/** True between a 'pause' command and the next 'resume' (or new run). */
	get paused(): boolean {
		return this.#paused;
	}

	/** Applies a 'pause' or 'resume' command; returns false for any other command. */
	handle(command: { type: string }): boolean {
		if (command.type === 'pause') {
			this.#paused = true;
			return true;
		}
		if (command.type === 'resume') {
			this.restart();
			return true;
		}
		return false;
	}

	/** Unpauses and wakes a waiting loop (on 'resume', and when a new run starts). */
	restart(): void {
		this.#paused = false;
		this.#wake?.();
	}

	/**
	 * The first line of a service's handler: applies 'pause' and 'resume' (false: nothing more to do), and for
	 * any other command wakes the loop of an older run, which then sees it is stale and ends (true: start).
	 */
	startsRun(command: { type: string }): boolean {
		if (this.handle(command)) return false;
		this.restart();
		return true;
	}

	/**
	 * Between two chunks of a loop: while paused and `run` is still current, calls `announce` (the service's
	 * 'paused' event) and waits for the resume. Resolves to whether the loop should go on: false once a newer
	 * run has taken over.
	 */
	async holdWhilePaused(run: { isCurrent(): boolean }, announce: () => void): Promise<boolean> {
		while (this.#paused && run.isCurrent()) {
			announce();
			await this.resumed();
		}
		return run.isCurrent();
	}

	/** Resolves at the next `restart()` (a 'resume' or a new run). */
	async resumed(): Promise<void> {
		await new Promise<void>((resolve) => (this.#wake = resolve));
		this.#wake = null;
	}
}
