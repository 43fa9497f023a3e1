/**
 * Worker side: pause and resume for a training loop that works in chunks (a service's handler awaiting
 * yieldToEvents between them, runtime/service.ts). The 'pause' and 'resume' commands flip the switch; the loop looks at `paused` between
 * chunks and, when set, awaits `resumed()`. A new run calls `restart()`, which also wakes a loop of an older
 * run waiting there, so that loop sees it is no longer current and ends.
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

	/** Resolves at the next `restart()` (a 'resume' or a new run). */
	async resumed(): Promise<void> {
		await new Promise<void>((resolve) => (this.#wake = resolve));
		this.#wake = null;
	}
}
