/**
 * Picks a Store from a URL: `redis://…` → @porchlight/store-redis, `postgres://…` →
 * @porchlight/store-postgres (schema migrated first), anything else → a folder for the fs driver
 * through unstorage (one process only).
 */
import type { Store } from '@porchlight/core';

export async function storeFromUrl(url: string, options: { prefix?: string; schema?: string } = {}): Promise<Store> {
  if (/^rediss?:\/\//.test(url)) {
    const { redisStore } = await import('@porchlight/store-redis');
    return redisStore({ redis: url, ...(options.prefix ? { prefix: options.prefix } : {}) });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { postgresStore, migrate } = await import('@porchlight/store-postgres');
    const store = postgresStore({ pool: url, ...(options.schema ? { schema: options.schema } : {}) });
    await migrate(store, options.schema ? { schema: options.schema } : {});
    return store;
  }
  const [{ createStorage }, { default: fsDriver }, { unstorageStore }] = await Promise.all([
    import('unstorage'),
    import('unstorage/drivers/fs'),
    import('@porchlight/server'),
  ]);
  return unstorageStore(createStorage({ driver: fsDriver({ base: url }) }));
}
