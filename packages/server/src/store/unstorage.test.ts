import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type Driver } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs';
import memoryDriver from 'unstorage/drivers/memory';
import { StoreConflictError, StoreKeyError, StoreUnavailableError } from '@porchlight/core';
import { storeContract, type RawAccess } from '@porchlight/core/store-contract';
import { unstorageStore } from './unstorage.js';

// The layout the adapter documents: Store key `a:b` is stored as `a:b!.json`, holding JSON
// text `{"version","expiresAt","value"|"bytes"}`. Raw access reads it without the adapter.
const stored = (key: string) => `${key}!.json`;
const fsPath = (dir: string, key: string) => join(dir, ...stored(key).split(':'));
const valueIn = (text: string | null | undefined): unknown => (text == null ? undefined : JSON.parse(text).value);

/** A driver that works, refuses connections, or stops answering, on demand. */
function controllable(inner: Driver) {
  let mode: 'up' | 'refusing' | 'hanging' = 'up';
  const held: (() => void)[] = [];
  const calls: { method: string; args: unknown[] }[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(inner).map(([method, member]) => {
      if (typeof member !== 'function') return [method, member];
      const call = (...args: unknown[]) => Promise.resolve().then(() => member.apply(inner, args));
      return [
        method,
        (...args: unknown[]) => {
          calls.push({ method, args });
          if (mode === 'refusing') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }));
          if (mode === 'hanging') return new Promise((resolve, reject) => held.push(() => void call(...args).then(resolve, reject)));
          return call(...args);
        },
      ];
    }),
  ) as unknown as Driver;
  return {
    driver: wrapped,
    calls,
    set(next: typeof mode) {
      mode = next;
    },
    /** Back up: the calls that were held go through now. */
    release() {
      mode = 'up';
      for (const resume of held.splice(0)) resume();
    },
  };
}

function memoryUnderTest(options: { timeout?: number; now?: () => number } = {}) {
  const inner = memoryDriver();
  const data = inner.getInstance!() as Map<string, string>;
  const control = controllable(inner);
  const storage = createStorage({ driver: control.driver });
  const raw: RawAccess = { get: async (key) => valueIn(data.get(stored(key))) };
  return { store: unstorageStore(storage, options), raw, data, control, storage };
}

async function fsUnderTest() {
  const dir = await mkdtemp(join(tmpdir(), 'porchlight-store-'));
  const store = unstorageStore(createStorage({ driver: fsDriver({ base: dir }) }));
  const raw: RawAccess = { get: async (key) => valueIn(await readFile(fsPath(dir, key), 'utf8').catch(() => null)) };
  return { store, raw, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

storeContract(
  { test },
  {
    name: 'unstorage memory',
    create: async () => memoryUnderTest({ timeout: 1000 }),
    // The driver stops answering: the adapter's timeout has to turn that into StoreUnavailableError.
    kill: async (s) => s.control.set('hanging'),
  },
);

storeContract(
  { test },
  {
    name: 'unstorage fs',
    create: fsUnderTest,
    // The folder becomes a file: every file operation fails (ENOTDIR).
    kill: async (s) => {
      await rm(s.dir, { recursive: true, force: true });
      await writeFile(s.dir, 'not a folder any more');
    },
  },
);

describe('unstorageStore on the fs driver', () => {
  test('a key and keys below it are a file and a folder side by side', async () => {
    const { store, dir, cleanup } = await fsUnderTest();
    try {
      // `x:a.json` and `x:a.json:c` would collide with a suffix made of key characters.
      const keys = ['x:a', 'x:a:b', 'x:a:b:c', 'x:a.json', 'x:a.json:c'];
      for (const key of keys) await store.put(key, key);
      for (const key of keys) assert.equal((await store.get(key))?.value, key);
      assert.deepEqual((await store.list('x')).items.map((i) => i.key), [...keys].sort());
      assert.deepEqual((await readdir(join(dir, 'x'))).sort(), ['a', 'a!.json', 'a.json', 'a.json!.json']);
      assert.deepEqual((await readdir(join(dir, 'x', 'a'))).sort(), ['b', 'b!.json']);
    } finally {
      await cleanup();
    }
  });

  test('values, versions, bytes and counters survive a new store over the same folder', async () => {
    const { store, dir, cleanup } = await fsUnderTest();
    try {
      const version = await store.put('acct:lakeside:1', { name: 'Lakeside' });
      await store.putBytes('doc:1', Uint8Array.of(0, 255, 1));
      await store.increment('rl:login:x', { ttl: 60 });
      await store.close();

      const again = unstorageStore(createStorage({ driver: fsDriver({ base: dir }) }));
      assert.deepEqual(await again.get('acct:lakeside:1'), { value: { name: 'Lakeside' }, version });
      assert.deepEqual(await again.getBytes('doc:1'), Uint8Array.of(0, 255, 1));
      assert.equal(await again.increment('rl:login:x', { ttl: 60 }), 2);
      assert.deepEqual((await again.list('acct:lakeside')).items.map((i) => i.key), ['acct:lakeside:1']);
      await again.put('acct:lakeside:1', { name: 'Lakeside Alarm' }, { ifVersion: version });
      await again.close();
    } finally {
      await cleanup();
    }
  });

  test('files that are not the store’s are not listed; a damaged one is reported, not taken for absent', async () => {
    const { store, dir, cleanup } = await fsUnderTest();
    try {
      await store.put('x:kept', 1);
      await writeFile(join(dir, 'x', '.DS_Store'), 'junk');
      await writeFile(join(dir, 'x', 'notes.txt'), 'junk');
      assert.deepEqual((await store.list('x')).items.map((i) => i.key), ['x:kept']);
      await writeFile(fsPath(dir, 'x:damaged'), '{"half": ');
      await assert.rejects(store.get('x:damaged'), (e: unknown) => e instanceof StoreUnavailableError && /x:damaged!\.json/.test(e.message));
      await assert.rejects(store.put('x:damaged', 1, { ifVersion: null }), StoreUnavailableError, 'never overwritten as if absent');
    } finally {
      await cleanup();
    }
  });
});

describe('unstorageStore', () => {
  test('stores under its prefix, and two prefixes on one storage never meet', async () => {
    const { storage } = memoryUnderTest();
    const a = unstorageStore(storage, { prefix: 'tenant-a' });
    const b = unstorageStore(storage, { prefix: 'tenant-b' });
    await a.put('k:1', 'a');
    await b.put('k:1', 'b');
    assert.equal((await a.get('k:1'))?.value, 'a');
    assert.deepEqual((await b.list('k')).items.map((i) => i.value), ['b']);
    assert.deepEqual((await storage.getKeys()).sort(), ['tenant-a:k:1!.json', 'tenant-b:k:1!.json']);
    assert.throws(() => unstorageStore(storage, { prefix: 'a::b' }), StoreKeyError);
  });

  test('a driver that refuses connections gives StoreUnavailableError, and the store recovers', async () => {
    const { store, control } = memoryUnderTest();
    await store.put('k', 1);
    control.set('refusing');
    const error = await store.get('k').catch((e: unknown) => e);
    assert.ok(error instanceof StoreUnavailableError);
    assert.match((error.cause as Error).message, /ECONNREFUSED/);
    await assert.rejects(store.list('k'), StoreUnavailableError);
    control.set('up');
    assert.equal((await store.get('k'))?.value, 1);
  });

  test('a driver that stops answering gives StoreUnavailableError after `timeout`; a timed-out wait never writes later', async () => {
    const { store, control } = memoryUnderTest({ timeout: 100 });
    const first = await store.put('k', 'first');
    control.set('hanging');
    const started = Date.now();
    await assert.rejects(store.put('k', 'second'), StoreUnavailableError); // reached the driver: may still land
    await assert.rejects(store.put('k', 'third', { ifVersion: first }), StoreUnavailableError); // still waiting its turn
    assert.ok(Date.now() - started < 1000);
    control.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await store.get('k'))?.value, 'second', 'the abandoned compare-and-set did not run');
  });

  test('passes TTLs to the driver (redis honours them) and removes expired values when it meets them', async () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const { store, data, control } = memoryUnderTest({ now: () => clock.now });
    await store.put('sess:1', 's', { ttl: 90.5 });
    const write = control.calls.find((c) => c.method === 'setItemRaw');
    assert.deepEqual(write?.args[2], { ttl: 91 });
    clock.now += 91_000;
    assert.ok(data.has(stored('sess:1')));
    assert.equal(await store.get('sess:1'), null);
    assert.ok(!data.has(stored('sess:1')), 'removed once read after its expiry');
  });

  test('refuses options that are not data', async () => {
    const { store } = memoryUnderTest();
    await assert.rejects(store.put('k', 1, { ttl: 0 }), RangeError);
    await assert.rejects(store.put('k', 1, { ttl: Number.NaN }), RangeError);
    await assert.rejects(store.put('k', undefined), TypeError);
    await assert.rejects(store.increment('k', { ttl: -1 }), RangeError);
    await assert.rejects(store.increment('k', { ttl: 1, by: Number.POSITIVE_INFINITY }), RangeError);
    await assert.rejects(store.putBytes('k', [1, 2] as unknown as Uint8Array), TypeError);
    assert.equal(await store.get('k'), null);
  });

  test('a conflict names its key', async () => {
    const { store } = memoryUnderTest();
    await store.put('uname:a', 1, { ifVersion: null });
    await assert.rejects(store.put('uname:a', 2, { ifVersion: null }), (e: unknown) => e instanceof StoreConflictError && e.key === 'uname:a');
  });
});
