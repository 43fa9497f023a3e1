import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PauseSwitch } from '../../../src/widgets/shared/pause-switch.ts';
import { LINK_TEXT, TRAINING_TEXT, langOf } from '../../../src/widgets/shared/labels.ts';

test('pause and resume commands flip the switch; other commands pass through', () => {
  const pause = new PauseSwitch();
  assert.equal(pause.paused, false);
  assert.equal(pause.handle({ type: 'pause' }), true);
  assert.equal(pause.paused, true);
  assert.equal(pause.handle({ type: 'start' }), false);
  assert.equal(pause.paused, true);
  assert.equal(pause.handle({ type: 'resume' }), true);
  assert.equal(pause.paused, false);
});

test('a waiting loop wakes on resume and on a new run, not before', async () => {
  for (const wakeUp of [(p: PauseSwitch) => p.handle({ type: 'resume' }), (p: PauseSwitch) => p.restart()]) {
    const pause = new PauseSwitch();
    pause.handle({ type: 'pause' });
    let woke = false;
    const waiting = pause.resumed().then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(woke, false);
    wakeUp(pause);
    await waiting;
    assert.equal(woke, true);
    assert.equal(pause.paused, false);
  }
});

test('startsRun: pause and resume are handled there; a start wakes the loop of an older run', async () => {
  const pause = new PauseSwitch();
  assert.equal(pause.startsRun({ type: 'pause' }), false);
  assert.equal(pause.paused, true);
  const older = { current: true, isCurrent() { return this.current; } };
  const held = pause.holdWhilePaused(older, () => {});
  older.current = false; // a new run supersedes it
  assert.equal(pause.startsRun({ type: 'start' }), true);
  assert.equal(await held, false, 'the older loop learns that it must end');
  assert.equal(pause.paused, false);
  assert.equal(pause.startsRun({ type: 'resume' }), false);
});

test('holdWhilePaused: passes at once when not paused; when paused announces once and waits for the resume', async () => {
  const pause = new PauseSwitch();
  const run = { isCurrent: () => true };
  let announced = 0;
  assert.equal(await pause.holdWhilePaused(run, () => announced++), true);
  assert.equal(announced, 0);
  pause.handle({ type: 'pause' });
  let done = false;
  const held = pause.holdWhilePaused(run, () => announced++).then((goOn) => ((done = true), goOn));
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(done, false, 'still waiting while paused');
  assert.equal(announced, 1);
  pause.handle({ type: 'resume' });
  assert.equal(await held, true);
  assert.equal(announced, 1);
});

test('holdWhilePaused: a stale run is not held and not announced, even when paused', async () => {
  const pause = new PauseSwitch();
  pause.handle({ type: 'pause' });
  let announced = 0;
  assert.equal(await pause.holdWhilePaused({ isCurrent: () => false }, () => announced++), false);
  assert.equal(announced, 0);
});

test('shared labels exist in both languages with the same keys', () => {
  for (const table of [LINK_TEXT, TRAINING_TEXT]) {
    assert.deepEqual(Object.keys(table['zh-cn']), Object.keys(table.en));
    for (const v of [...Object.values(table.en), ...Object.values(table['zh-cn'])]) assert.ok(v.length > 0);
  }
  assert.equal(langOf('zh-CN'), 'zh-cn');
  assert.equal(langOf('en'), 'en');
  assert.equal(langOf(undefined), 'en');
});
