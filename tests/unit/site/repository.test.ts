/** The repository link is one setting: CELL_STATE_REPOSITORY, or the documented default. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_REPOSITORY_URL, repositoryUrl, sourceUrl } from '../../../src/site/repository.ts';

test('without CELL_STATE_REPOSITORY the default repository is used', () => {
	assert.equal(repositoryUrl({}), DEFAULT_REPOSITORY_URL);
	assert.equal(repositoryUrl({ CELL_STATE_REPOSITORY: '  ' }), DEFAULT_REPOSITORY_URL);
});

test('CELL_STATE_REPOSITORY overrides it, without a trailing slash', () => {
	assert.equal(repositoryUrl({ CELL_STATE_REPOSITORY: 'https://git.example.org/me/fork/' }), 'https://git.example.org/me/fork');
});

test('a value that is not an http(s) address fails with the variable named', () => {
	assert.throws(() => repositoryUrl({ CELL_STATE_REPOSITORY: 'git@github.com:me/fork.git' }), /CELL_STATE_REPOSITORY must be an http\(s\) address.*got "git@github\.com:me\/fork\.git"/);
});

test('sourceUrl links files as blobs and folders as trees of the main branch', () => {
	const base = 'https://github.com/me/fork';
	assert.equal(sourceUrl('src/engine/lstm-step.ts', base), `${base}/blob/main/src/engine/lstm-step.ts`);
	assert.equal(sourceUrl('/bench/', base), `${base}/tree/main/bench`);
	assert.equal(sourceUrl('', base), `${base}/tree/main/`);
});
