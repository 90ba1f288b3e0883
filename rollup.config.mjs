// One build for every package: ESM (rollup-plugin-esbuild) and bundled type declarations
// (rollup-plugin-dts) for each entry, plus the elements' script-tag bundle (lit included,
// minified) that the demo page and dealers' sites load.
//   npm run build                       everything
//   rollup -c --environment ONLY:browser   just the script-tag bundle (what `npm start` needs)
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import dts from 'rollup-plugin-dts';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minifyHTMLLiterals } from 'minify-literals';

const packages = {
  core: { index: 'src/index.ts', 'store-contract': 'src/store/contract.ts' },
  server: { index: 'src/index.ts', argon2: 'src/argon2.ts', 'hasher-node': 'src/passwords/argon2.ts', 'hasher-web': 'src/passwords/pbkdf2.ts', 'run-autopay': 'src/bin/run-autopay.ts' },
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
const ERROR_MESSAGES = fileURLToPath(new URL('./packages/core/src/error-messages.ts', import.meta.url));
const CORE_ERRORS = fileURLToPath(new URL('./packages/core/src/errors.ts', import.meta.url));

/**
 * The script-tag bundles do without core's default error messages: the client shows the message
 * the server sent, or its own for an answer that carries none (packages/client/src/errors.ts), and
 * nothing in the browser throws a PorchlightError without a message. The table (error-messages.ts)
 * is built empty for them; the server and the packages' own builds keep it. A bundle that would
 * use `ErrorCodes` (whose messages it would lack) fails the build.
 */
const withoutDefaultMessages = () => ({
  name: 'without-default-messages',
  load: (id) => (id === ERROR_MESSAGES ? 'export const ERROR_MESSAGES = {};' : null),
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && chunk.modules[CORE_ERRORS]?.renderedExports.includes('ErrorCodes'))
        this.error(`${chunk.fileName} uses ErrorCodes, whose messages the script-tag bundles leave out: use the message of the error instead`);
    }
  },
});

/**
 * esbuild minifies the code but not what lit's `css` and `html` tagged templates hold:
 * minify-literals (html-minifier-next and Lightning CSS, made for lit's templates) does, in the
 * elements' sources after esbuild.
 */
const ELEMENTS_SRC = fileURLToPath(new URL('./packages/elements/src/', import.meta.url));
const minifyTemplates = () => ({
  name: 'minify-templates',
  async transform(code, id) {
    if (!id.startsWith(ELEMENTS_SRC) || !/\b(css|html)`/.test(code)) return null;
    const result = await minifyHTMLLiterals(code, { fileName: id });
    return result ? { code: result.code, map: result.map } : null;
  },
});

const browserPlugins = () => [
  tsResolve(),
  withoutDefaultMessages(),
  nodeResolve({ exportConditions: ['source', 'browser'], extensions: ['.ts', '.js'] }),
  // Minified once, as whole chunks (minifying each module first would drop their /* @__PURE__ */
  // annotations before rollup tree-shakes with them).
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
  minifyTemplates(),
  minify({ target: 'es2021', legalComments: 'none' }),
];

/**
 * The sign-in chunk: the modules a sign-in page runs, i.e. those that keep code when rollup bundles
 * the sign-in entry on its own (recomputed at every build), apart from what they import with
 * `import()` (e.g. the login's views beyond its form): that loads when first wanted, in chunks of
 * its own. Tree-shaking follows the bindings the sign-in code uses, so a barrel it imports from
 * (`@porchlight/client`, `@porchlight/core`, both side-effect free) brings only what those bindings
 * need, not every feature module it re-exports. (Following `importedIds` put all of them, valibot
 * and core's schemas included, into this chunk.)
 * Fails the build if the sign-in page would load anything at start besides `porchlight.js` and this
 * chunk: that happens when a module here, in the full build, uses code that lives in another chunk
 * (which imports lit from this one: a cycle between chunks, and the page may not boot).
 */
function signInChunk() {
  const ids = new Set();
  return {
    name: 'sign-in-chunk',
    manualChunks: (id) => (ids.has(id) ? 'porchlight' : undefined),
    async buildStart() {
      const build = await rollup({ input: LOGIN_ENTRY, plugins: browserPlugins(), onwarn: () => {} });
      try {
        const { output } = await build.generate({ format: 'es' });
        const chunks = new Map(output.filter((c) => c.type === 'chunk').map((c) => [c.fileName, c]));
        // The entry and what it imports statically: what the page loads at start.
        const loads = new Set([[...chunks.values()].find((c) => c.isEntry).fileName]);
        for (const file of loads) for (const next of chunks.get(file).imports) loads.add(next);
        ids.clear();
        for (const file of loads) {
          for (const [id, { renderedLength }] of Object.entries(chunks.get(file).modules)) if (renderedLength > 0) ids.add(id);
        }
      } finally {
        await build.close();
      }
      if (ids.size === 0) this.error('bundling the sign-in entry on its own kept no module');
    },
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === LOGIN_ENTRY);
      if (!entry) return this.error('no sign-in entry chunk');
      const loads = new Set([entry.fileName]);
      for (const file of loads) for (const next of bundle[file].imports) loads.add(next);
      const chunks = [...loads].filter((file) => file !== entry.fileName);
      if (chunks.length !== 1 || !bundle[chunks[0]].moduleIds.every((id) => ids.has(id)))
        this.error(`the sign-in page would load ${[...loads].join(', ')} at start; expected porchlight.js and one chunk of the sign-in modules`);
    },
  };
}
const signIn = signInChunk();

/**
 * The script-tag bundles, lit included, minified: `porchlight.js` (portal, login, reset — what a
 * sign-in page needs), `porchlight-account.js` (the signed-in account's elements),
 * `porchlight-onboarding.js` (registration, access request, the set-password link) and
 * `porchlight-admin.js` (the dealer's back office). What they share is split into chunks/, so a
 * page that loads two of them downloads lit once.
 */
const browserBundle = {
  input: {
    porchlight: 'packages/elements/src/porchlight.ts',
    'porchlight-account': 'packages/elements/src/porchlight-account.ts',
    'porchlight-onboarding': 'packages/elements/src/porchlight-onboarding.ts',
    'porchlight-admin': 'packages/elements/src/porchlight-admin.ts',
  },
  plugins: [...browserPlugins(), signIn],
  output: {
    dir: 'packages/elements/dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Everything a sign-in page runs (see signInChunk) goes into one chunk, compressed as one
    // file, and nothing else does; the other bundles import what they share with it from there.
    manualChunks: signIn.manualChunks,
    // Only the modules named: by default rollup also moves every static dependency of a manual
    // chunk's modules into it, barrels' re-exports included (how valibot ended up in there).
    onlyExplicitManualChunks: true,
  },
};

const only = process.env.ONLY;
export default only === 'browser'
  ? [browserBundle]
  : [...Object.keys(packages).flatMap((name) => [library(name), types(name)]), browserBundle];
