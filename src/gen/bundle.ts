import { readFileSync } from 'node:fs';
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
/** Bundled: what every command loads. The other dependencies load from node_modules when a command needs them. */
const INLINE = new Set(['commander', 'kleur', 'env-paths']);

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

const keepImportMeta: Plugin = {
  name: 'keep-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(DIST + path.sep)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return { contents: source.includes('import.meta') ? rewriteImportMeta(source, args.path, path.dirname(OUT)) : source, loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [path.join(DIST, 'cli', 'main.js')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  supported: { 'dynamic-import': false },
  // Smaller to parse; names kept (errors and classes are named in output and tests).
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'none',
  plugins: [keepImportMeta],
  logLevel: 'silent',
});
const problems = [...result.errors, ...result.warnings];
if (problems.length > 0) {
  for (const p of problems) process.stderr.write(`bundle: ${p.text}${p.location ? ` (${p.location.file}:${p.location.line})` : ''}\n`);
  process.exit(1);
}
const out = readFileSync(OUT, 'utf8');
if (out.includes('import(')) {
  process.stderr.write('bundle: a dynamic import() is left in the bundle (vm.Script cannot run it)\n');
  process.exit(1);
}
