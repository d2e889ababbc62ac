import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Part of `npm run build`: dist/cli/main.bundle.cjs, the CLI as one CommonJS file, which
 * bin/b3iq.js loads instead of the ~50 ES modules a command would import one by one
 * (resolving, reading and linking them was most of `keys list`'s start-up: see
 * docs/performance.md, Start-up). The library (dist/index.js) stays ES modules.
 *
 * Every module keeps the behaviour it has unbundled: its `import.meta.url` becomes its own
 * file's URL (files it reads relative to itself, helpers it spawns), a synchronous
 * `createRequire(import.meta.url)(id)` of a sibling becomes a bundled require, and `import()`
 * becomes a lazy require (bin/b3iq.js may run the file through vm.Script, which has no
 * dynamic import). The heavy dependencies that only some commands need stay outside.
 */
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.dirname(DIST);
const OUT = path.join(DIST, 'cli', 'main.bundle.cjs');
const LIST_OUT = path.join(DIST, 'cli', 'list.bundle.cjs');
/** Bundled: what every command loads. The other dependencies load from node_modules when a command needs them. */
const INLINE = new Set(['commander', 'kleur', 'env-paths', '@noble/hashes']);
/** Of @noble/hashes only sha256 is bundled (every read checks the audit log's last entry with it); argon2 and the rest stay out. */
const NOBLE_INLINE = new Set(['@noble/hashes/sha2.js', '@noble/hashes/utils.js']);

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]
  .filter((name) => !INLINE.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/** Rewrites one compiled module's `import.meta` uses so they mean the same inside the bundle. */
export function rewriteImportMeta(source: string, file: string, outDir: string): string {
  let s = source;
  // `const req = createRequire(import.meta.url);` then `req('./x.js')`: a require esbuild can follow.
  for (const m of s.matchAll(/const (\w+) = createRequire\(import\.meta\.url\);\n/g)) {
    const name = m[1]!;
    const calls = new RegExp(`\\b${name}\\((?=['"])`, 'g');
    if (!calls.test(s)) continue; // used otherwise (e.g. .resolve): keep it, with the file's own URL below
    s = s.replace(m[0], '').replace(calls, 'require(');
  }
  s = s.replace(/createRequire\(import\.meta\.url\)\((?=['"])/g, 'require(');
  const rel = JSON.stringify(path.relative(outDir, file).split(path.sep).join('/'));
  s = s.replaceAll('import.meta.url', `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${rel})).href`);
  if (s.includes('import.meta')) throw new Error(`${file}: an import.meta use the bundle does not know how to keep`);
  return s;
}

/**
 * `import * as fs from 'node:fs'` as a plain require: the same object to read from, without
 * the copy of every export esbuild makes for a namespace import (~75 of them, a few ms).
 */
export function plainBuiltins(source: string): string {
  return source.replace(/^import \* as (\w+) from '(node:[\w/]+)';$/gm, "const $1 = require('$2');");
}

const keepImportMeta: Plugin = {
  name: 'keep-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(DIST + path.sep)) return undefined;
      const source = plainBuiltins(readFileSync(args.path, 'utf8'));
      return { contents: source.includes('import.meta') ? rewriteImportMeta(source, args.path, path.dirname(OUT)) : source, loader: 'js' };
    });
  },
};

/**
 * commander requires node:child_process at load time, only to spawn executable subcommands,
 * which b3iq has none of: a lazy stand-in spares every command that load (child_process,
 * dgram and their internals: about 8 % of `keys list`'s start-up).
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "exports.spawn = (...args) => require('node:child_process').spawn(...args);",
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

/**
 * node:crypto on first use inside the CLI's bundles: loading it brings node:stream and some
 * 35 internal modules (about 3 ms), which a `keys list` that never issues, verifies or
 * writes a secret does not need (docs/performance.md, Start-up). The bundled modules
 * import it as usual; here each function they import from it becomes one that requires it
 * on its first call. The library (dist/index.js) imports it directly, so the verify hot
 * path is unchanged.
 */
const lazyNodeCrypto: Plugin = {
  name: 'lazy-node-crypto',
  setup(b) {
    b.onResolve({ filter: /^node:crypto$/ }, (args) =>
      args.importer.startsWith(DIST + path.sep) ? { path: 'node-crypto', namespace: 'lazy-crypto' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-crypto' }, async () => {
      // The names the compiled modules import: each must be a plain function of node:crypto.
      const crypto = (await import('node:crypto')) as unknown as Record<string, unknown>;
      const used = new Set<string>();
      for (const file of readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
        const source = readFileSync(path.join(DIST, file), 'utf8');
        if (/^import (?!\{)[^;]*'node:crypto';$/m.test(source)) throw new Error(`import node:crypto's functions by name (${file})`);
        for (const m of source.matchAll(/^import \{([^}]*)\} from 'node:crypto';$/gm)) {
          for (const part of m[1]!.split(',')) {
            const name = part.trim().split(/\s+as\s+/)[0]!;
            if (typeof crypto[name] !== 'function' || /^[A-Z]/.test(name)) throw new Error(`node:crypto's ${name} is not a plain function (${file})`);
            used.add(name);
          }
        }
      }
      return {
        contents: `let c;\nconst load = () => (c ??= require('node:crypto'));\n${[...used].map((n) => `export function ${n}(...a) { return load().${n}(...a); }`).join('\n')}\n`,
        loader: 'js',
        resolveDir: ROOT,
      };
    });
  },
};

const nobleSha256Only: Plugin = {
  name: 'noble-sha256-only',
  setup(b) {
    b.onResolve({ filter: /^@noble\/hashes(\/|$)/ }, (args) => (NOBLE_INLINE.has(args.path) ? undefined : { path: args.path, external: true }));
  },
};

/**
 * The bundle's first line names its build: a digest of its own text (with this placeholder
 * in it). bin/b3iq.js keys V8's code cache by it, so a cached entry is only ever run with
 * the very file it was made from: V8 itself checks only the source's length, and an npm
 * install gives every version's files the same time (docs/performance.md, Start-up).
 */
export const BUILD_ID_PLACEHOLDER = `/*b3iq-build:${'0'.repeat(16)}*/`;

/** Replaces the placeholder with the digest of the text around it (same length: the source map stays right). */
export function stampBuildId(text: string): string {
  if (!text.startsWith(BUILD_ID_PLACEHOLDER)) throw new Error('bundle: the build-id banner is not the first line');
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return `/*b3iq-build:${id}*/${text.slice(BUILD_ID_PLACEHOLDER.length)}`;
}

/**
 * One entry point bundled into one CommonJS file, checked for what vm.Script could not run.
 * `builtinsOnly`: the file may require nothing but Node's built-in modules (bin/b3iq.js then
 * runs it with its own require).
 */
async function bundle(
  entry: string,
  outfile: string,
  { keepNames = true, builtinsOnly = false }: { keepNames?: boolean; builtinsOnly?: boolean } = {},
): Promise<void> {
  const result = await build({
    entryPoints: [path.join(DIST, 'cli', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    supported: { 'dynamic-import': false },
    // Smaller to parse; names kept (errors and classes are named in output and tests).
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames,
    sourcemap: 'linked',
    legalComments: 'none',
    banner: { js: BUILD_ID_PLACEHOLDER },
    plugins: [keepImportMeta, lazyChildProcess, lazyNodeCrypto, nobleSha256Only],
    logLevel: 'silent',
  });
  const problems = [...result.errors, ...result.warnings];
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`bundle: ${p.text}${p.location ? ` (${p.location.file}:${p.location.line})` : ''}\n`);
    process.exit(1);
  }
  const text = readFileSync(outfile, 'utf8');
  if (text.includes('import(')) {
    process.stderr.write(`bundle: a dynamic import() is left in ${path.basename(outfile)} (vm.Script cannot run it)\n`);
    process.exit(1);
  }
  if (builtinsOnly && /\brequire\((?!"node:[\w/]+"\))/.test(text)) {
    process.stderr.write(`bundle: ${path.basename(outfile)} requires something other than a built-in module\n`);
    process.exit(1);
  }
  writeFileSync(outfile, stampBuildId(text));
}

await bundle('main.js', OUT);
// `keys list --json` alone (src/cli/fast-list.ts): the store's read path, no command tree.
// It prints a listing or nothing (the whole CLI reports any error), so no name is ever
// shown: without keepNames it skips ~220 defineProperty calls at load (1 % of its instructions).
await bundle('fast-list.js', LIST_OUT, { keepNames: false, builtinsOnly: true });
