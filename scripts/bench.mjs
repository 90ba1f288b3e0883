#!/usr/bin/env node
// `npm run bench -- <name>` runs bench/<name>.ts; with no name, every bench. Each prints one JSON line last.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const all = readdirSync(new URL('../bench', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of names.length ? names : all) {
  if (!all.includes(name)) {
    console.error(`No bench named "${name}". Benches: ${all.join(', ')}`);
    process.exit(2);
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', `bench/${name}.ts`], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
