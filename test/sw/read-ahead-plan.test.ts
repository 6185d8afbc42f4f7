import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionFacts, planReadAhead, reasonNotToReadAhead } from '../../sw/worker/read-ahead-plan.ts';

const ORIGIN = 'https://charcha.test';
const at = (path: string) => `${ORIGIN}${path}`;
const fast = { saveData: false, effectiveType: '4g' };

test('planReadAhead fetches, in the list order, what is not saved or saved at another revision', () => {
  const list = [
    { url: '/discuss/1', revision: 4 },
    { url: '/discuss/2', revision: 7 },
    { url: '/discuss/3', revision: 1 },
    { url: '/discuss/4', revision: 0 },
  ];
  const saved = new Map([
    [at('/discuss/1'), { revision: 4, user: null }],
    [at('/discuss/2'), { revision: 6, user: null }],
    [at('/discuss/4'), { revision: null, user: null }],
  ]);
  assert.deepEqual(planReadAhead(list, saved, ORIGIN, null), [
    at('/discuss/2'),
    at('/discuss/3'),
    at('/discuss/4'),
  ]);
});

test('planReadAhead fetches again a copy rendered for someone else, unless the viewer is unknown', () => {
  const list = [
    { url: '/discuss/1', revision: 4 },
    { url: '/discuss/2', revision: 4 },
  ];
  const saved = new Map([
    [at('/discuss/1'), { revision: 4, user: null }],
    [at('/discuss/2'), { revision: 4, user: 'asha' }],
  ]);
  assert.deepEqual(planReadAhead(list, saved, ORIGIN, 'asha'), [at('/discuss/1')]);
  assert.deepEqual(planReadAhead(list, saved, ORIGIN, null), [at('/discuss/2')]);
  assert.deepEqual(planReadAhead(list, saved, ORIGIN, undefined), [], 'a periodic sync goes by revisions');
});

test('planReadAhead asks for each discussion once, however often the list names it', () => {
  const list = [
    { url: '/discuss/1', revision: 1 },
    { url: '/discuss/1', revision: 1 },
  ];
  assert.deepEqual(planReadAhead(list, new Map(), ORIGIN, null), [at('/discuss/1')]);
});

test('reasonNotToReadAhead: the switch, then Save-Data, then a 2g connection; unknown facts never stop it', () => {
  assert.equal(reasonNotToReadAhead(fast, true), null);
  assert.equal(reasonNotToReadAhead(null, true), null);
  assert.equal(reasonNotToReadAhead({ saveData: false, effectiveType: null }, true), null);
  assert.equal(reasonNotToReadAhead({ saveData: false, effectiveType: '3g' }, true), null);
  assert.equal(reasonNotToReadAhead(fast, false), 'switched-off');
  assert.equal(reasonNotToReadAhead({ saveData: true, effectiveType: '2g' }, false), 'switched-off');
  assert.equal(reasonNotToReadAhead({ saveData: true, effectiveType: '4g' }, true), 'save-data');
  assert.equal(reasonNotToReadAhead({ saveData: false, effectiveType: '2g' }, true), 'slow-connection');
  assert.equal(reasonNotToReadAhead({ saveData: false, effectiveType: 'slow-2g' }, true), 'slow-connection');
});

test('connectionFacts reads what a worker navigator says, and nothing where it says nothing', () => {
  assert.deepEqual(connectionFacts({ connection: { saveData: true, effectiveType: '3g' } }), {
    saveData: true,
    effectiveType: '3g',
  });
  assert.deepEqual(connectionFacts({ connection: {} }), { saveData: false, effectiveType: null });
  assert.equal(connectionFacts({}), null);
});
