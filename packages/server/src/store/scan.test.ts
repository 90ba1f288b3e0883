import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStorage } from 'unstorage';
import { PorchlightError } from '@porchlight/core';
import { scanFiltered } from './scan.js';
import { unstorageStore } from './unstorage.js';

async function numbers(count: number) {
  const store = unstorageStore(createStorage());
  for (let i = 0; i < count; i++) await store.put(`n:list:${String(i).padStart(4, '0')}`, { i });
  return store;
}

test('scanFiltered: a budget per request, resuming inside a store page; every match once, in order, to the end', async () => {
  const store = await numbers(53);
  const seen: number[] = [];
  const lengths: number[] = [];
  let cursor: string | undefined;
  let requests = 0;
  do {
    const page = await scanFiltered<{ i: number }, { i: number }, number>(store, 'n:list', {
      reverse: true,
      limit: 4,
      budget: 7,
      pageSize: 10,
      cursor,
      pick: (v) => (v.i % 3 === 0 ? v.i : undefined),
    });
    seen.push(...page.items);
    lengths.push(page.items.length);
    cursor = page.cursor ?? undefined;
    requests++;
  } while (cursor && requests < 100);
  const expected = Array.from({ length: 53 }, (_, i) => 52 - i).filter((i) => i % 3 === 0);
  assert.deepEqual(seen, expected);
  assert.ok(lengths.every((n) => n <= 4));
  assert.ok(requests >= Math.ceil(53 / 7), `${requests} requests: the budget holds`);
});

test('scanFiltered: `load` follows an index (missing records skipped); a foreign cursor is VALIDATION_FAILED', async () => {
  const store = await numbers(5);
  const page = await scanFiltered<{ i: number }, string, string>(store, 'n:list', {
    limit: 10,
    budget: 100,
    cursor: undefined,
    load: async (items) => items.map((it) => (it.value.i === 2 ? null : `#${it.value.i}`)),
    pick: (s) => s,
  });
  assert.deepEqual(page, { items: ['#0', '#1', '#3', '#4'], cursor: null });
  for (const cursor of ['x', '.200', 'abc', '%%%.1', 'AAAA.1']) {
    await assert.rejects(
      scanFiltered(store, 'n:list', { limit: 1, budget: 10, cursor, pick: (v) => v }),
      (e: unknown) => e instanceof PorchlightError && e.code === 'VALIDATION_FAILED' && e.fields?.cursor !== undefined,
      cursor,
    );
  }
});
