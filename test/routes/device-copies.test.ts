import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, Client, logInAs } from '../helpers/app.ts';

const NAVIGATION = { 'sec-fetch-mode': 'navigate' };
/** How the service worker fetches the pages it precaches. */
const WORKER_FETCH = { 'sec-fetch-mode': 'cors' };
const DEVICE_PAGES = ['/offline', '/offline/saved', '/search/offline'];

test('the copies the worker precaches are rendered for nobody and offer no logging in or out', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  for (const path of DEVICE_PAGES) {
    for (const headers of [WORKER_FETCH, {}]) {
      const response = await asha.get(path, headers);
      assert.equal(response.statusCode, 200, path);
      assert.match(String(response.headers.vary), /Sec-Fetch-Mode/, path);
      assert.doesNotMatch(response.body, /data-user=|asha|_csrf/, path);
      assert.doesNotMatch(response.body, /href="\/login|href="\/signup|action="\/logout"/, path);
    }
  }
  const offline = await asha.get('/offline', WORKER_FETCH);
  assert.match(offline.body, /<h1>You are offline<\/h1>/);
  assert.match(offline.body, /This page was not saved on this device/);
});

test('a person who opens them is online and gets them rendered for them', async (t) => {
  const { app } = await build(t);
  const asha = await logInAs(app, 'asha');
  for (const path of DEVICE_PAGES) {
    const response = await asha.get(path, NAVIGATION);
    assert.equal(response.statusCode, 200, path);
    assert.match(response.body, /data-user="asha"/, path);
    assert.match(response.body, /action="\/logout"/, path);
    assert.doesNotMatch(response.body, /href="\/login/, path);
  }
  const offline = await asha.get('/offline', NAVIGATION);
  assert.doesNotMatch(offline.body, /You are offline/);
  assert.match(offline.body, /<h1>Reading offline<\/h1>/);
  assert.match(offline.body, /You are online\./);
  const anonymous = await new Client(app).get('/offline', NAVIGATION);
  assert.match(anonymous.body, /href="\/login/);
});
