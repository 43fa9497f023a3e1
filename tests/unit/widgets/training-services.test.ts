/**
 * The services of the two training widgets (memory-race.service.ts, gate-ablation.service.ts), driven in
 * Node the way the compute worker drives them: pause stops the progress and keeps the step count, resume
 * goes on from it, and a newer run ends an older one even while that one is paused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import raceService from '../../../src/widgets/memory-race/memory-race.service.ts';
import ablationService from '../../../src/widgets/gate-ablation/gate-ablation.service.ts';
import type { Run, Service } from '../../../src/widgets/runtime/service.ts';
import type { RaceEvent } from '../../../src/widgets/memory-race/protocol.ts';
import type { AblationEvent } from '../../../src/widgets/gate-ablation/protocol.ts';
import { configsFor } from '../../../src/widgets/gate-ablation/run.ts';
import { stateFromSearch } from '../../../src/widgets/gate-ablation/state.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run as the compute worker hands it to a service: its events, and whether it is still the newest. */
function harness<E>(): { run: Run<E>; events: E[]; supersede: () => void } {
  const events: E[] = [];
  let current = true;
  return { run: { emit: (e) => events.push(e), isCurrent: () => current }, events, supersede: () => (current = false) };
}

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(5);
  }
}

/**
 * Starts a run, pauses it, checks that nothing more arrives, resumes it and checks that the steps go on
 * from where they stopped; returns the steps seen before the pause and after the resume.
 */
async function pauseAndResume<C, E>(service: Service<C, E>, start: C, stepsOf: (events: E[]) => number[]): Promise<{ before: number[]; after: number[] }> {
  const { run, events, supersede } = harness<E>();
  const done = service.handle(start, run);
  await until(() => stepsOf(events).length >= 3, 'progress');
  await service.handle({ type: 'pause' } as C, run);
  await until(() => events.some((e) => (e as { type: string }).type === 'paused'), 'the paused event');
  const before = stepsOf(events);
  await tick(150);
  assert.deepEqual(stepsOf(events), before, 'no progress while paused');
  await service.handle({ type: 'resume' } as C, run);
  await until(() => stepsOf(events).length > before.length, 'progress after resume');
  supersede();
  await done;
  return { before, after: stepsOf(events).slice(before.length) };
}

test('memory race: pause keeps the step count and resume goes on from it', async () => {
  const lstmSteps = (events: RaceEvent[]) => events.flatMap((e) => (e.type === 'progress' ? e.points.lstm.map((p) => p.step) : []));
  const { before, after } = await pauseAndResume(raceService, { type: 'start', settings: { N: 3, seed: 1, init: 'chrono' } }, lstmSteps);
  assert.equal(after[0], before.at(-1)! + 1, 'the first step after resume follows the last one before the pause');
  assert.deepEqual(after, after.map((_, k) => after[0] + k), 'one point per step, none lost or repeated');
});

test('gate ablation: pause keeps the step count and resume goes on from it', async () => {
  const configs = configsFor(stateFromSearch('?ablate.v=0,1&ablate.n=3'));
  const steps = (events: AblationEvent[]) => events.flatMap((e) => (e.type === 'progress' ? [e.step] : []));
  const { before, after } = await pauseAndResume(ablationService, { type: 'start', configs }, steps);
  assert.ok(after[0] > before.at(-1)!, `resumed at step ${after[0]}, after ${before.at(-1)}`);
  assert.ok(after.every((s, k) => k === 0 || s >= after[k - 1]), 'steps never go back');
});

test('memory race: a newer run ends an older one that is paused', async () => {
  const older = harness<RaceEvent>();
  const ended = raceService.handle({ type: 'start', settings: { N: 3, seed: 1, init: 'chrono' } }, older.run);
  await until(() => older.events.some((e) => e.type === 'progress'), 'progress');
  await raceService.handle({ type: 'pause' }, older.run);
  await until(() => older.events.some((e) => e.type === 'paused'), 'the paused event');
  older.supersede();
  const newer = harness<RaceEvent>();
  const next = raceService.handle({ type: 'start', settings: { N: 3, seed: 2, init: 'default' } }, newer.run);
  await ended; // the paused loop woke up, saw it is stale and returned
  const olderCount = older.events.length;
  await until(() => newer.events.some((e) => e.type === 'progress'), 'progress of the newer run');
  assert.equal(older.events.length, olderCount, 'the older run says nothing more');
  newer.supersede();
  await next;
});
