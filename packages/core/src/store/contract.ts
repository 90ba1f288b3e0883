/**
 * The Store contract: one suite of behaviour tests that every Store adapter must pass (memory,
 * fs and any other unstorage driver, Redis, PostgreSQL, or your own). It is runner-agnostic:
 * pass any object with a `test(name, fn)` method (node:test, vitest, mocha's `it` wrapped…).
 *
 * ```ts
 * import { test } from 'node:test';
 * import { storeContract } from '@porchlight/core/store-contract';
 * storeContract({ test }, {
 *   name: 'my-store',
 *   create: async () => ({ store: myStore(), raw: { get: (key) => readBehindTheStoresBack(key) } }),
 * });
 * ```
 *
 * Every test asks the adapter for a fresh store and writes only under its own random key
 * prefix, so adapters whose stores share one server (Redis, PostgreSQL) never see each other's
 * keys. When the adapter gives `raw` access, the suite also checks what really reached the
 * backing storage instead of trusting the adapter's own reads.
 *
 * Isomorphic: no Node APIs (it runs wherever the adapter runs).
 */
import { randomBase32 } from '../ids.js';
import { StoreConflictError, StoreKeyError, StoreUnavailableError, type ListPage, type Store } from './port.js';

/** Reads the backing storage behind the adapter's back. */
export interface RawAccess {
  /** The JSON value stored under this Store key, or undefined when nothing is stored there. */
  get(key: string): Promise<unknown>;
}

/** What an adapter hands the suite for one test. */
export interface StoreUnderTest {
  store: Store;
  raw?: RawAccess;
  /** Runs after the test (after `store.close()`): drop temporary folders, keys, schemas. */
  cleanup?(): Promise<void>;
}

export interface StoreAdapterUnderTest<S extends StoreUnderTest = StoreUnderTest> {
  /** Shown in every test name. */
  name: string;
  /** A fresh store for one test. */
  create(): Promise<S>;
  /**
   * Makes the backing storage of this store unreachable (stop the connection, remove the
   * folder…). Without it the "store goes away" test is skipped.
   */
  kill?(subject: S): Promise<void>;
}

/** Any test runner: node:test's `{ test }`, vitest's `{ test }`. */
export interface TestRegistrar {
  test(name: string, fn: () => Promise<void>): unknown;
}

/** Keys the store must refuse (the namespace is put in front where that keeps them invalid). */
const invalidKeys = (ns: string): string[] => [
  '',
  `${ns}::b`,
  `${ns}:`,
  `:${ns}`,
  '../x',
  `${ns}:..`,
  `${ns}:.`,
  '.',
  `${ns}:a/b`,
  `${ns}:a\\b`,
  `${ns}:a b`,
  `${ns}:a?b`,
  `${ns}:a\nb`,
  `${ns}:ä`,
  `${ns}:${'x'.repeat(600)}`,
  42 as unknown as string,
];

export function storeContract<S extends StoreUnderTest>(runner: TestRegistrar, adapter: StoreAdapterUnderTest<S>): void {
  /** Registers one test that runs `body` with a fresh store and a fresh key namespace. */
  function scenario(name: string, body: (c: Scenario<S>) => Promise<void>): void {
    runner.test(`${adapter.name}: ${name}`, async () => {
      const subject = await adapter.create();
      const c = new Scenario(subject, `contract:${randomBase32(12)}`);
      let passed = false;
      try {
        await body(c);
        passed = true;
      } finally {
        // After a failure or a kill, close may fail too: report the first problem, and finish.
        const closing = within(5000, 'store.close()', subject.store.close());
        if (passed && !c.killed) await closing;
        else await closing.catch(() => undefined);
        await subject.cleanup?.();
      }
    });
  }

  scenario('round-trips every kind of JSON value', async (c) => {
    const values: Record<string, unknown> = {
      emptyString: '',
      text: 'plain text',
      unicode: 'héllo wörld – 日本語 – 🏠🔔 – \u200d',
      controlCharacters: 'nul \u0000 tab \t newline \n bell \u0007 quote " backslash \\',
      looksLikeNumber: '123',
      looksLikeBoolean: 'true',
      looksLikeNull: 'null',
      looksLikeJson: '{"a":1}',
      spaced: '  padded  ',
      zero: 0,
      negative: -1.5,
      large: 1e21,
      maxSafe: Number.MAX_SAFE_INTEGER,
      minSafe: Number.MIN_SAFE_INTEGER,
      tiny: 5e-324,
      yes: true,
      no: false,
      nothing: null,
      emptyArray: [],
      emptyObject: {},
      mixedArray: [1, 'two', null, false, { three: [3] }, []],
      nested: { a: { b: { c: { d: [1, { e: 'deep' }] } } } },
      // Data whose keys are Object.prototype names must come back as plain data, not as prototypes.
      protoNames: JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":"x"}'),
    };
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    for (const [name, value] of Object.entries(values)) await c.store.put(c.key('v', name), value);
    for (const [name, value] of Object.entries(values)) {
      const got = await c.store.get(c.key('v', name));
      assert.deepEqual(got?.value, value, `value ${name}`);
      await c.expectRaw(c.key('v', name), value);
    }
    assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), before, 'Object.prototype is unchanged');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype pollution');
  });

  scenario('round-trips a value of about 1 MB', async (c) => {
    const value = {
      text: `${'0123456789abcdef'.repeat(40_000)}…é🏠`,
      rows: Array.from({ length: 6000 }, (_, i) => ({ i, name: `row ${i}`, tags: ['a', 'b'], ok: i % 2 === 0 })),
    };
    assert.ok(JSON.stringify(value).length > 900_000, 'the value is about 1 MB');
    const version = await c.store.put(c.key('big'), value);
    const got = await c.store.get(c.key('big'));
    assert.equal(got?.version, version);
    assert.deepEqual(got?.value, value);
    await c.expectRaw(c.key('big'), value);
  });

  scenario('stores a copy: changing a value after put or after get changes nothing stored', async (c) => {
    const value = { list: [1], inner: { n: 1 } };
    await c.store.put(c.key('copy'), value);
    value.list.push(2);
    value.inner.n = 2;
    const first = await c.store.get<typeof value>(c.key('copy'));
    assert.deepEqual(first?.value, { list: [1], inner: { n: 1 } });
    first!.value.list.push(3);
    assert.deepEqual((await c.store.get(c.key('copy')))?.value, { list: [1], inner: { n: 1 } });

    const bytes = Uint8Array.of(1, 2, 3);
    await c.store.putBytes(c.key('bytes'), bytes);
    bytes[0] = 9;
    const read = await c.store.getBytes(c.key('bytes'));
    assert.deepEqual(read, Uint8Array.of(1, 2, 3));
    read![1] = 9;
    assert.deepEqual(await c.store.getBytes(c.key('bytes')), Uint8Array.of(1, 2, 3));
  });

  scenario('gives a new version on every write and never reuses one after a delete', async (c) => {
    const key = c.key('versions');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const version = await c.store.put(key, { same: 'value' });
      assert.ok(typeof version === 'string' && version.length > 0, 'a version is a non-empty string');
      assert.equal((await c.store.get(key))?.version, version, 'get answers the version put returned');
      seen.push(version);
    }
    assert.ok(await c.store.delete(key), 'delete answers true');
    const again = await c.store.put(key, { same: 'value' }, { ifVersion: null });
    seen.push(again);
    assert.equal(new Set(seen).size, seen.length, `versions repeat: ${seen.join(', ')}`);
    const listed = await c.store.list(c.key());
    assert.equal(listed.items[0]?.version, again, 'list answers the same version');
  });

  scenario('put with ifVersion null inserts only when the key is absent', async (c) => {
    const key = c.key('insert');
    const version = await c.store.put(key, 'first', { ifVersion: null });
    await assert.rejects(() => c.store.put(key, 'second', { ifVersion: null }), StoreConflictError, 'a second insert');
    const got = await c.store.get(key);
    assert.deepEqual(got, { value: 'first', version });
    await c.expectRaw(key, 'first');
  });

  scenario('compare-and-set with a stale or unknown version throws StoreConflictError and writes nothing', async (c) => {
    const key = c.key('cas');
    const v1 = await c.store.put(key, 1);
    const v2 = await c.store.put(key, 2, { ifVersion: v1 });
    await assert.rejects(() => c.store.put(key, 3, { ifVersion: v1 }), StoreConflictError, 'a stale version');
    assert.deepEqual(await c.store.get(key), { value: 2, version: v2 });
    await c.expectRaw(key, 2);
    const v3 = await c.store.put(key, 3, { ifVersion: v2 });
    assert.ok(v3 !== v2, 'a successful compare-and-set gives a new version');
    assert.deepEqual(await c.store.get(key), { value: 3, version: v3 });

    const absent = c.key('cas-absent');
    await assert.rejects(() => c.store.put(absent, 1, { ifVersion: v3 }), StoreConflictError, 'a version on an absent key');
    assert.equal(await c.store.get(absent), null);
    await c.expectRaw(absent, undefined);
  });

  scenario('exactly one of 50 concurrent insert-if-absent calls wins', async (c) => {
    const key = c.key('race');
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => c.store.put(key, { winner: i }, { ifVersion: null })));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, version: r.value }] : []));
    assert.equal(won.length, 1, 'winners');
    for (const r of results) if (r.status === 'rejected') assert.isInstance(r.reason, StoreConflictError, 'a losing insert');
    const [winner] = won;
    assert.deepEqual(await c.store.get(key), { value: { winner: winner!.i }, version: winner!.version });
    await c.expectRaw(key, { winner: winner!.i });
  });

  scenario('20 concurrent read-modify-write loops with retries lose no update', async (c) => {
    const key = c.key('counter');
    await c.store.put(key, { n: 0 });
    const perWorker = 5;
    const worker = async () => {
      for (let done = 0, attempts = 0; done < perWorker; attempts++) {
        assert.ok(attempts < 2000, 'a worker gave up after 2000 attempts');
        const current = await c.store.get<{ n: number }>(key);
        try {
          await c.store.put(key, { n: current!.value.n + 1 }, { ifVersion: current!.version });
          done++;
        } catch (error) {
          assert.isInstance(error, StoreConflictError, 'a failed compare-and-set');
        }
      }
    };
    await allSettled(Array.from({ length: 20 }, worker));
    assert.deepEqual((await c.store.get(key))?.value, { n: 20 * perWorker });
    await c.expectRaw(key, { n: 20 * perWorker });
  });

  scenario('delete answers whether it deleted and honours ifVersion', async (c) => {
    const key = c.key('del');
    assert.equal(await c.store.delete(key), false, 'deleting an absent key');
    const stale = await c.store.put(key, 'old');
    const current = await c.store.put(key, 'kept');
    await assert.rejects(() => c.store.delete(key, { ifVersion: stale }), StoreConflictError, 'a delete with a stale version');
    assert.deepEqual(await c.store.get(key), { value: 'kept', version: current });
    await c.expectRaw(key, 'kept');
    assert.equal(await c.store.delete(key, { ifVersion: current }), true);
    assert.equal(await c.store.get(key), null);
    await c.expectRaw(key, undefined);
    await assert.rejects(() => c.store.delete(key, { ifVersion: current }), StoreConflictError, 'a delete with a version of an absent key');
    await c.store.put(key, 'again');
    assert.equal(await c.store.delete(key), true);
    await c.expectRaw(key, undefined);
  });

  scenario('getMany answers in the order asked, with null for absent keys', async (c) => {
    const va = await c.store.put(c.key('a'), 'A');
    const vb = await c.store.put(c.key('b'), 'B');
    assert.deepEqual(await c.store.getMany([c.key('b'), c.key('missing'), c.key('a'), c.key('b')]), [
      { value: 'B', version: vb },
      null,
      { value: 'A', version: va },
      { value: 'B', version: vb },
    ]);
    assert.deepEqual(await c.store.getMany([]), []);
  });

  scenario('list answers keys in code-unit order with values and versions, and in reverse', async (c) => {
    const names = ['b', 'a', 'B', 'A', '_', '-x', '.x', '~', '0', '9', 'a:b', 'a-', 'ab', 'a:b:c', 'Z:z'];
    const versions = new Map<string, string>();
    for (const name of names) versions.set(c.key('l', name), await c.store.put(c.key('l', name), { name }));
    const expected = [...versions.keys()].sort();
    const forward = await c.store.list<{ name: string }>(c.key('l'));
    assert.deepEqual(
      forward.items.map((i) => i.key),
      expected,
      'key order',
    );
    for (const item of forward.items) {
      assert.equal(item.version, versions.get(item.key), `version of ${item.key}`);
      assert.equal(c.key('l', item.value.name), item.key, `value of ${item.key}`);
    }
    assert.equal(forward.cursor, null);
    const backward = await c.store.list(c.key('l'), { reverse: true });
    assert.deepEqual(
      backward.items.map((i) => i.key),
      [...expected].reverse(),
      'reverse key order',
    );
    assert.equal(backward.cursor, null);
  });

  scenario('list pages with cursors, forwards and backwards, every key once', async (c) => {
    const ten = await c.putNumbered('p', [7, 2, 9, 0, 5, 1, 8, 3, 6, 4]);
    const nine = await c.putNumbered('q', [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const reverse of [false, true]) {
      const order = (keys: string[]) => (reverse ? [...keys].reverse() : keys);
      const pages = await c.pages(c.key('p'), { limit: 3, reverse });
      assert.deepEqual(pages.map((p) => p.length), [3, 3, 3, 1], `page sizes (reverse: ${reverse})`);
      assert.deepEqual(pages.flat(), order(ten), `keys (reverse: ${reverse})`);
      // The page that ends exactly on the last key already says there is nothing more.
      const exact = await c.pages(c.key('q'), { limit: 3, reverse });
      assert.deepEqual(exact.map((p) => p.length), [3, 3, 3], `page sizes, 9 keys (reverse: ${reverse})`);
      assert.deepEqual(exact.flat(), order(nine));
    }
    const one = await c.store.list(c.key('p'), { limit: 1 });
    assert.deepEqual(one.items.map((i) => i.key), [ten[0]]);
    assert.ok(one.cursor !== null, 'a cursor after the first of ten keys');
  });

  scenario('a cursor stays valid while keys are written between pages', async (c) => {
    const even = await c.putNumbered('w', [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    const key = (n: number) => c.key('w', `k${String(n).padStart(2, '0')}`);

    const first = await c.store.list(c.key('w'), { limit: 3 });
    assert.deepEqual(first.items.map((i) => i.key), even.slice(0, 3));
    await c.store.put(key(1), 'behind the cursor');
    await c.store.put(key(5), 'ahead of the cursor');
    await c.store.delete(key(6));
    await c.store.put(key(8), 'rewritten');
    const rest = await c.pages(c.key('w'), { limit: 3, cursor: first.cursor });
    assert.deepEqual(rest.flat(), [key(5), key(8), key(10), key(12), key(14), key(16), key(18)]);

    const top = await c.store.list(c.key('w'), { limit: 3, reverse: true });
    assert.deepEqual(top.items.map((i) => i.key), [key(18), key(16), key(14)]);
    await c.store.put(key(17), 'behind the cursor');
    await c.store.put(key(13), 'ahead of the cursor');
    const down = await c.pages(c.key('w'), { limit: 3, reverse: true, cursor: top.cursor });
    assert.deepEqual(down.flat(), [key(13), key(12), key(10), key(8), key(5), key(4), key(2), key(1), key(0)]);
  });

  scenario('list(prefix) lists whole segments below the prefix, never the prefix itself or a longer name', async (c) => {
    const stored = ['a', 'a:b', 'a:bc', 'a:bc:d', 'a:b:c', 'a:b:c:d', 'a:b-', 'a:b.x', 'a:a:b', 'b:a:b:c'];
    for (const name of stored) await c.store.put(c.key(name), name);
    const listed = await c.store.list(c.key('a:b'));
    assert.deepEqual(listed.items.map((i) => i.key), [c.key('a:b:c'), c.key('a:b:c:d')]);
    // A key and keys below it live side by side (on a file system: a file and a folder of the same name).
    assert.deepEqual(listed.items.map((i) => i.value), ['a:b:c', 'a:b:c:d']);
    assert.deepEqual((await c.store.get(c.key('a:b')))?.value, 'a:b');
    assert.deepEqual(
      (await c.store.list(c.key('a'))).items.map((i) => i.key),
      ['a:a:b', 'a:b', 'a:b-', 'a:b.x', 'a:b:c', 'a:b:c:d', 'a:bc', 'a:bc:d'].map((k) => c.key(k)),
    );
    assert.deepEqual(await c.store.list(c.key('nothing')), { items: [], cursor: null });
    assert.deepEqual(await c.store.list(c.key('a:b:c:d')), { items: [], cursor: null });
  });

  scenario('list answers 100 items by default and refuses a malformed cursor', async (c) => {
    await allSettled(Array.from({ length: 105 }, (_, i) => c.store.put(c.key('many', `k${String(i).padStart(3, '0')}`), i)));
    const page = await c.store.list<number>(c.key('many'));
    assert.equal(page.items.length, 100);
    assert.ok(page.cursor !== null, 'a cursor after 100 of 105 keys');
    const rest = await c.store.list<number>(c.key('many'), { cursor: page.cursor });
    assert.deepEqual(rest.items.map((i) => i.value), [100, 101, 102, 103, 104]);
    assert.equal(rest.cursor, null);
    for (const cursor of ['%%%', 'not a cursor', '____', '\u0000', 'x'.repeat(5000)]) {
      await assert.rejects(() => c.store.list(c.key('many'), { cursor }), StoreKeyError, `cursor ${JSON.stringify(cursor.slice(0, 20))}`);
    }
  });

  scenario('values written with a TTL read as absent once it has passed', async (c) => {
    const k = (name: string) => c.key('t', name);
    await c.store.put(k('gone'), 'gone', { ttl: 1 });
    const oldVersion = await c.store.put(k('cas'), 'cas', { ttl: 1 });
    await c.store.put(k('insert'), 'old', { ttl: 1 });
    await c.store.put(k('renewed'), 'first', { ttl: 1 });
    const renewed = await c.store.put(k('renewed'), 'second');
    const stay = await c.store.put(k('stay'), 'stay');
    await c.store.put(k('long'), 'long', { ttl: 60 });
    await c.store.putBytes(c.key('tb', 'bytes'), Uint8Array.of(1), { ttl: 1 });
    assert.deepEqual((await c.store.get(k('gone')))?.value, 'gone', 'alive before the TTL');
    assert.equal((await c.store.list(c.key('t'))).items.length, 6);

    await sleep(1200);
    assert.equal(await c.store.get(k('gone')), null, 'get after the TTL');
    assert.deepEqual(await c.store.getMany([k('gone'), k('stay')]), [null, { value: 'stay', version: stay }], 'getMany after the TTL');
    assert.deepEqual(
      (await c.store.list(c.key('t'))).items.map((i) => i.key),
      [k('long'), k('renewed'), k('stay')],
      'list after the TTL',
    );
    assert.deepEqual(await c.store.get(k('renewed')), { value: 'second', version: renewed }, 'a put without ttl clears the expiry');
    await assert.rejects(() => c.store.put(k('cas'), 'late', { ifVersion: oldVersion }), StoreConflictError, 'compare-and-set on an expired value');
    const inserted = await c.store.put(k('insert'), 'new', { ifVersion: null });
    assert.deepEqual(await c.store.get(k('insert')), { value: 'new', version: inserted }, 'insert over an expired value');
    await c.expectRaw(k('insert'), 'new');
    assert.equal(await c.store.delete(k('gone')), false, 'deleting an expired value deletes nothing');
    assert.equal(await c.store.getBytes(c.key('tb', 'bytes')), null, 'bytes after the TTL');
  });

  scenario('increment counts atomically under 50 concurrent calls', async (c) => {
    const key = c.key('hits');
    const counts = await allSettled(Array.from({ length: 50 }, () => c.store.increment(key, { ttl: 60 })));
    assert.deepEqual(
      [...counts].sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i + 1),
      'every count from 1 to 50 answered once',
    );
    assert.equal(await c.store.increment(key, { ttl: 60, by: 5 }), 55);
    assert.equal(await c.store.increment(c.key('other'), { ttl: 60, by: 3 }), 3, 'counters are separate');
  });

  scenario('increment counts in a fixed window that starts at the first increment', async (c) => {
    const key = c.key('window');
    assert.equal(await c.store.increment(key, { ttl: 1 }), 1);
    await sleep(600);
    assert.equal(await c.store.increment(key, { ttl: 1 }), 2, 'inside the window');
    await sleep(650);
    assert.equal(await c.store.increment(key, { ttl: 1 }), 1, 'a new window (a later increment does not extend the first)');
  });

  scenario('bytes round-trip exactly', async (c) => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const random = randomBytes(300_000);
    await c.store.putBytes(c.key('every'), every);
    await c.store.putBytes(c.key('empty'), new Uint8Array(0));
    await c.store.putBytes(c.key('random'), random);
    const read = await c.store.getBytes(c.key('every'));
    assert.ok(read instanceof Uint8Array, 'getBytes answers a Uint8Array');
    assert.deepEqual(read, every, 'bytes 0x00 to 0xff');
    assert.deepEqual(await c.store.getBytes(c.key('empty')), new Uint8Array(0), 'no bytes');
    assert.deepEqual(await c.store.getBytes(c.key('random')), random, '300 kB of random bytes');
    await c.store.putBytes(c.key('every'), Uint8Array.of(0xff, 0x00));
    assert.deepEqual(await c.store.getBytes(c.key('every')), Uint8Array.of(0xff, 0x00), 'overwritten');
    assert.equal(await c.store.getBytes(c.key('missing')), null);
  });

  scenario('refuses invalid keys in every method with StoreKeyError and writes nothing', async (c) => {
    const ok = c.key('ok');
    for (const bad of invalidKeys(c.ns)) {
      const calls: Record<string, () => Promise<unknown>> = {
        get: () => c.store.get(bad),
        getMany: () => c.store.getMany([ok, bad]),
        put: () => c.store.put(bad, 1),
        'put if absent': () => c.store.put(bad, 1, { ifVersion: null }),
        delete: () => c.store.delete(bad),
        list: () => c.store.list(bad),
        increment: () => c.store.increment(bad, { ttl: 60 }),
        getBytes: () => c.store.getBytes(bad),
        putBytes: () => c.store.putBytes(bad, Uint8Array.of(1)),
      };
      for (const [method, call] of Object.entries(calls)) {
        await assert.rejects(call, StoreKeyError, `${method}(${JSON.stringify(bad).slice(0, 40)})`);
      }
    }
    assert.deepEqual(await c.store.list(c.ns), { items: [], cursor: null }, 'nothing was written');
  });

  scenario('`__proto__` and other Object.prototype names are ordinary key segments', async (c) => {
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    const names = ['__proto__', '__proto__:x', 'constructor', 'constructor:prototype', 'hasOwnProperty', 'toString'];
    for (const name of names) await c.store.put(c.key('o', name), { name });
    for (const name of names) assert.deepEqual((await c.store.get(c.key('o', name)))?.value, { name }, name);
    assert.deepEqual(
      (await c.store.list(c.key('o'))).items.map((i) => i.key),
      names.map((n) => c.key('o', n)).sort(),
    );
    assert.deepEqual((await c.store.list(c.key('o', '__proto__'))).items.map((i) => i.key), [c.key('o', '__proto__:x')]);
    assert.equal(await c.store.increment(c.key('n', '__proto__'), { ttl: 60 }), 1);
    await c.store.putBytes(c.key('b', '__proto__'), Uint8Array.of(7));
    assert.deepEqual(await c.store.getBytes(c.key('b', '__proto__')), Uint8Array.of(7));
    assert.equal(await c.store.delete(c.key('o', '__proto__')), true);
    assert.equal(await c.store.get(c.key('o', '__proto__')), null);
    assert.deepEqual((await c.store.get(c.key('o', '__proto__:x')))?.value, { name: '__proto__:x' }, 'the key below is still there');
    assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), before, 'Object.prototype is unchanged');
  });

  const { kill } = adapter;
  if (kill) {
    scenario('once the backing store is gone, every operation fails with StoreUnavailableError within 5 s', async (c) => {
      const key = c.key('alive');
      await c.store.put(key, 'alive');
      await c.store.putBytes(c.key('bytes'), Uint8Array.of(1));
      await kill.call(adapter, c.subject);
      c.killed = true;
      const calls: Record<string, () => Promise<unknown>> = {
        get: () => c.store.get(key),
        getMany: () => c.store.getMany([key, c.key('other')]),
        put: () => c.store.put(key, 'x'),
        'put if absent': () => c.store.put(c.key('new'), 'x', { ifVersion: null }),
        delete: () => c.store.delete(key),
        list: () => c.store.list(c.ns),
        increment: () => c.store.increment(c.key('hits'), { ttl: 60 }),
        getBytes: () => c.store.getBytes(c.key('bytes')),
        putBytes: () => c.store.putBytes(c.key('bytes'), Uint8Array.of(2)),
      };
      await allSettled(
        Object.entries(calls).map(([method, call]) => assert.rejects(() => within(5000, method, call()), StoreUnavailableError, method)),
      );
    });
  }
}

/** One test's store, namespace and helpers. */
class Scenario<S extends StoreUnderTest> {
  killed = false;
  constructor(
    readonly subject: S,
    /** Every key of the test starts with this. */
    readonly ns: string,
  ) {}

  get store(): Store {
    return this.subject.store;
  }

  /** A key inside this test's namespace: `key('a', 'b:c')` is `<ns>:a:b:c`. */
  key(...parts: string[]): string {
    return [this.ns, ...parts].join(':');
  }

  /** Checks what the backing storage holds, when the adapter gives raw access. */
  async expectRaw(key: string, expected: unknown): Promise<void> {
    if (!this.subject.raw) return;
    assert.deepEqual(await this.subject.raw.get(key), expected, `raw value of ${key}`);
  }

  /** Writes `<ns>:<group>:kNN` for each number (in the order given); answers the keys sorted. */
  async putNumbered(group: string, numbers: number[]): Promise<string[]> {
    const keys = numbers.map((n) => this.key(group, `k${String(n).padStart(2, '0')}`));
    for (const key of keys) await this.store.put(key, key);
    return keys.sort();
  }

  /** Follows cursors to the end; answers the keys of each page. */
  async pages(prefix: string, options: { limit: number; reverse?: boolean; cursor?: string | null }): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor = options.cursor ?? null;
    do {
      const page: ListPage<unknown> = await this.store.list(prefix, { ...options, cursor });
      assert.ok(page.items.length <= options.limit, 'a page holds at most `limit` items');
      pages.push(page.items.map((i) => i.key));
      assert.ok(pages.length <= 100, 'the cursors never end');
      cursor = page.cursor;
    } while (cursor !== null);
    return pages;
  }
}

// ---------------------------------------------------------------------------------------------
// A small assert (core is isomorphic: no node:assert).

class ContractError extends Error {
  override readonly name = 'StoreContractError';
}

const show = (value: unknown): string => {
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** Structural equality of JSON values and Uint8Arrays. */
function equalValues(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && equalValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

interface Assert {
  ok(condition: unknown, what: string): asserts condition;
  equal(actual: unknown, expected: unknown, what?: string): void;
  deepEqual(actual: unknown, expected: unknown, what?: string): void;
  isInstance(error: unknown, type: ErrorType, what: string): void;
  rejects(call: () => Promise<unknown>, type: ErrorType, what: string): Promise<void>;
}
type ErrorType = new (...args: never[]) => Error;

const assert: Assert = {
  ok(condition, what) {
    if (!condition) throw new ContractError(what);
  },
  equal(actual, expected, what = 'value') {
    if (!Object.is(actual, expected)) throw new ContractError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  },
  deepEqual(actual, expected, what = 'value') {
    if (!equalValues(actual, expected)) throw new ContractError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  },
  isInstance(error, type, what) {
    if (!(error instanceof type)) throw new ContractError(`${what}: expected ${type.name}, got ${describeError(error)}`, { cause: error });
  },
  /** `call` must answer a promise that rejects with `type` (a synchronous throw does not count). */
  async rejects(call, type, what) {
    let promise: Promise<unknown>;
    try {
      promise = call();
    } catch (error) {
      throw new ContractError(`${what}: threw synchronously (${describeError(error)}) instead of answering a rejected promise`, { cause: error });
    }
    try {
      await promise;
    } catch (error) {
      assert.isInstance(error, type, what);
      return;
    }
    throw new ContractError(`${what}: expected ${type.name}, but it succeeded`);
  },
};

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : show(error));

// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Like Promise.all, but waits for every promise before failing, so nothing still writes after the test. */
async function allSettled<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** `promise`, or a ContractError once `ms` have passed without an answer. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ContractError(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}
