import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allProgress, markSolved, readProgress, resetProgress } from '../../../src/site/exercise-progress.ts';

function memory(): Storage {
	const map = new Map<string, string>();
	return {
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, v),
		removeItem: (k) => void map.delete(k),
		key: (i) => [...map.keys()][i] ?? null,
		get length() {
			return map.size;
		},
		clear: () => map.clear(),
	};
}

test('solved exercises are kept per chapter, once each, and reset per chapter', () => {
	const s = memory();
	markSolved(s, '04-math', 'ex-4-1', 7);
	markSolved(s, '04-math', 'ex-4-1', 7);
	markSolved(s, '02-core-concepts', 'ex-2-6', 6);
	assert.deepEqual(readProgress(s, '04-math'), { solved: ['ex-4-1'], total: 7 });
	assert.equal(allProgress(s).size, 2);
	resetProgress(s, '04-math');
	assert.equal(readProgress(s, '04-math'), null);
	assert.deepEqual(readProgress(s, '02-core-concepts'), { solved: ['ex-2-6'], total: 6 });
});

test('a storage that throws on every call is survived', () => {
	const broken = new Proxy({} as Storage, { get: () => { throw new Error('SecurityError'); } });
	assert.deepEqual(markSolved(broken, '04-math', 'ex-4-1', 7), { solved: ['ex-4-1'], total: 7 });
	assert.equal(readProgress(broken, '04-math'), null);
	assert.equal(allProgress(broken).size, 0);
	assert.doesNotThrow(() => resetProgress(broken, '04-math'));
});

test('damaged stored progress reads as none', () => {
	const s = memory();
	s.setItem('cell-state:progress:04-math', '{not json');
	assert.equal(readProgress(s, '04-math'), null);
	s.setItem('cell-state:progress:04-math', JSON.stringify({ solved: 'ex-4-1', total: 7 }));
	assert.equal(readProgress(s, '04-math'), null);
});
