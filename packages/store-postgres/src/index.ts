/**
 * @porchlight/store-postgres — the Porchlight Store on PostgreSQL (node-postgres).
 *
 * ```ts
 * import { postgresStore, migrate } from '@porchlight/store-postgres';
 * await migrate(process.env.DATABASE_URL!);                      // once per deploy, or at start-up
 * const store = postgresStore({ pool: process.env.DATABASE_URL! });
 * ```
 *
 * See README.md for the table layout, sweeping, pool sizing and restarts.
 */
export { postgresStore, type PostgresStore, type PostgresStoreOptions } from './store.js';
export { migrate, type MigrateOptions } from './migrate.js';
export { DEFAULT_TABLE, SCHEMA_VERSION } from './sql.js';
