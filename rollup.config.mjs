// One build for every package: ESM (rollup-plugin-esbuild) and bundled type declarations
// (rollup-plugin-dts) for each entry, plus the elements' script-tag bundle (lit included,
// minified) that the demo page and dealers' sites load.
//   npm run build                       everything
//   rollup -c --environment ONLY:browser   just the script-tag bundle (what `npm start` needs)
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import dts from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const packages = {
  core: { index: 'src/index.ts', 'store-contract': 'src/store/contract.ts' },
  server: { index: 'src/index.ts', argon2: 'src/argon2.ts', 'hasher-node': 'src/passwords/argon2.ts', 'hasher-web': 'src/passwords/pbkdf2.ts' },
  emails: { index: 'src/index.ts' },
  client: { index: 'src/index.ts' },
  elements: { index: 'src/index.ts' },
  'store-redis': { index: 'src/index.ts' },
  'store-postgres': { index: 'src/index.ts' },
};

const pkgJson = (name) => JSON.parse(readFileSync(new URL(`./packages/${name}/package.json`, import.meta.url), 'utf8'));

/** Dependencies, Node built-ins and package-internal imports (#…) stay imports in the output. */
function externals(name) {
  const deps = Object.keys({ ...pkgJson(name).dependencies, ...pkgJson(name).peerDependencies });
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  return (id) => id.startsWith('#') || builtins.has(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));
}

/** TypeScript sources import each other with `.js`; point rollup at the `.ts` file. */
const tsResolve = () => ({
  name: 'ts-js-extension',
  async resolveId(source, importer, options) {
    if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
    return this.resolve(source.slice(0, -3) + '.ts', importer, { ...options, skipSelf: true });
  },
});

const library = (name) => ({
  input: Object.fromEntries(Object.entries(packages[name]).map(([out, src]) => [out, `packages/${name}/${src}`])),
  external: externals(name),
  plugins: [tsResolve(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
  output: { dir: `packages/${name}/dist`, format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
});

const types = (name) => ({
  input: Object.fromEntries(Object.entries(packages[name]).map(([out, src]) => [out, `packages/${name}/${src}`])),
  external: externals(name),
  plugins: [tsResolve(), dts({ tsconfig: 'tsconfig.json', compilerOptions: { customConditions: ['source'] } })],
  output: { dir: `packages/${name}/dist`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
});

const LOGIN_ENTRY = fileURLToPath(new URL('./packages/elements/src/porchlight.ts', import.meta.url));
const reachable = new Map();
/** Every module the entry imports, directly or not (computed once per build). */
function reachableFrom(entry, getModuleInfo) {
  if (!reachable.has(entry)) {
    const seen = new Set([entry]);
    const queue = [entry];
    while (queue.length) for (const next of getModuleInfo(queue.pop())?.importedIds ?? []) if (!seen.has(next)) seen.add(next), queue.push(next);
    reachable.set(entry, seen);
  }
  return reachable.get(entry);
}

/**
 * The script-tag bundles, lit included, minified: `porchlight.js` (portal, login, reset — what a
 * sign-in page needs), `porchlight-account.js` (the signed-in account's elements) and
 * `porchlight-admin.js` (the dealer's back office). What they share is split into chunks/, so a
 * page that loads two of them downloads lit once.
 */
const browserBundle = {
  input: {
    porchlight: 'packages/elements/src/porchlight.ts',
    'porchlight-account': 'packages/elements/src/porchlight-account.ts',
    'porchlight-admin': 'packages/elements/src/porchlight-admin.ts',
  },
  plugins: [
    tsResolve(),
    nodeResolve({ exportConditions: ['source', 'browser'], extensions: ['.ts', '.js'] }),
    esbuild({ target: 'es2021', minify: true, tsconfig: 'tsconfig.json', legalComments: 'none' }),
  ],
  output: {
    dir: 'packages/elements/dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Everything a sign-in page needs lives in porchlight.js itself (one request, compressed as
    // one file); the other bundles import what they share with it from there.
    manualChunks(id, { getModuleInfo }) {
      return reachableFrom(LOGIN_ENTRY, getModuleInfo).has(id) ? 'porchlight' : undefined;
    },
  },
};

const only = process.env.ONLY;
export default only === 'browser'
  ? [browserBundle]
  : [...Object.keys(packages).flatMap((name) => [library(name), types(name)]), browserBundle];
