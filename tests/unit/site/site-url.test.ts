import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SITE_URL, siteUrl } from '../../../src/site/site-url.ts';

test('siteUrl takes SITE_URL as an origin, and the local server’s address when it is unset or blank', () => {
	assert.equal(siteUrl('https://lstm.example.edu'), 'https://lstm.example.edu');
	assert.equal(siteUrl(' https://LSTM.example.edu/ '), 'https://lstm.example.edu');
	assert.equal(siteUrl('http://192.168.1.20:8080'), 'http://192.168.1.20:8080');
	assert.equal(siteUrl(undefined), DEFAULT_SITE_URL);
	assert.equal(siteUrl(''), DEFAULT_SITE_URL);
	assert.equal(new URL(DEFAULT_SITE_URL).port, '4321', 'the default is where npm start serves');
});

test('siteUrl refuses anything but an http(s) origin, quoting the value', () => {
	assert.throws(() => siteUrl('lstm.example.edu'), /SITE_URL="lstm.example.edu" is not a URL; write it like https:/);
	assert.throws(() => siteUrl('ftp://lstm.example.edu'), /should start with https:\/\//);
	assert.throws(() => siteUrl('https://user.github.io/cell-state/'), /origin only, like https:\/\/user.github.io/);
	assert.throws(() => siteUrl('https://lstm.example.edu/?x=1'), /origin only/);
	assert.throws(() => siteUrl('https://a:b@lstm.example.edu'), /origin only/);
});
