#!/usr/bin/env node
'use strict';
// Thin CommonJS entry (bin/package.json): here a CommonJS file starts about 20 % faster
// than an ES module. `--version` and the top-level help are answered without loading the
// CLI; everything else loads the CLI bundled in one file, dist/cli/main.bundle.cjs
// (docs/performance.md, Start-up).
const { fstatSync, readFileSync, writeSync } = require('node:fs');
const argv = process.argv.slice(2);
const only = argv.length === 1 ? argv[0] : undefined;

/** Straight to fd 1: creating process.stdout costs more than the write. */
function print(text) {
  try {
    writeSync(1, text);
  } catch {
    // a closed pipe (`b3iq --help | head -0`): nothing to say, as cat does
  }
}

/** isatty(1), without loading node:tty (and net, streams) for a pipe or a file. */
function stdoutIsTerminal() {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false; // fd 1 closed
  }
  return require('node:tty').isatty(1);
}

/**
 * The top-level help, rendered at build time from the command tree (dist/cli/help.txt,
 * equal to commander's by test). Only for a pipe or file: a terminal's width changes how
 * commander wraps, so a terminal gets commander itself.
 */
function prerenderedHelp() {
  if (!(argv.length === 0 || only === '--help' || only === '-h') || stdoutIsTerminal()) return false;
  let text;
  try {
    text = readFileSync(`${__dirname}/../dist/cli/help.txt`, 'utf8');
  } catch {
    return false; // not built by `npm run build` (plain tsc): commander renders it
  }
  print(text);
  return true;
}

/**
 * The user's own cache folder for V8's compiled code, or undefined: $XDG_CACHE_HOME (when
 * absolute) or ~/.cache, then b3iq/compile-cache, created 0700. Never a shared temp folder,
 * and never one another user owns or can write: a planted cache entry would be code run here.
 */
function cacheDir() {
  if (process.env.B3IQ_NO_COMPILE_CACHE === '1') return undefined;
  try {
    const { join, isAbsolute } = require('node:path');
    const xdg = process.env.XDG_CACHE_HOME;
    // os.homedir() is $HOME when set: only without it load node:os.
    const home = process.env.HOME || require('node:os').homedir();
    const dir = join(xdg && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'b3iq', 'compile-cache');
    const fs = require('node:fs');
    // One lstat when it is there already (every run but the first).
    let st = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (st === undefined) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      st = fs.lstatSync(dir);
    }
    const uid = process.getuid?.();
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o077) !== 0) return undefined;
    return dir;
  } catch {
    return undefined; // no home, a read-only disk: no cache, only slower
  }
}

/**
 * Runs a bundled file of the CLI (dist/cli/*.bundle.cjs, `npm run build`) and returns its
 * exports. `builtinsOnly`: the file requires nothing but Node's built-in modules (the build
 * checks it), so this file's own require serves it, without making one for its path. Node 22.1+ caches its compiled code itself (module.enableCompileCache); Node 20
 * has no such cache, so the file is compiled through vm.Script with V8's cached data, kept
 * in cacheDir() and rewritten when V8 rejects it (another Node, another build).
 */
function loadBundle(file, builtinsOnly = false) {
  if (nodeCachesCompiledCode()) {
    const mod = require('node:module');
    if (typeof mod.enableCompileCache === 'function') {
      const dir = cacheDir();
      if (dir) mod.enableCompileCache(dir);
      return require(file);
    }
  }
  const fs = require('node:fs');
  const { dirname, join } = require('node:path');
  const vm = require('node:vm');
  const source = fs.readFileSync(file, 'utf8');
  const dir = cacheDir();
  // One entry per installed copy (its path), replaced when the file or Node changes. The
  // file is named by the digest its build wrote into its first line: V8 checks only the
  // source's length, and every version installed by npm has the same file times.
  const build = BUILD_ID.exec(source);
  const prefix = `cli-${pathTag(file)}-`;
  const entry = dir && build && join(dir, `${prefix}${process.version}-${process.arch}-${build[1]}.v8`);
  let cachedData;
  if (entry) {
    try {
      cachedData = fs.readFileSync(entry, { flag: fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW });
    } catch {
      // not cached yet
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData });
  const m = { exports: {}, filename: file, id: file, loaded: false };
  // module.constructor is node:module's Module: its createRequire, without loading node:module.
  const req = builtinsOnly ? require : module.constructor.createRequire(file);
  script.runInThisContext()(m.exports, req, m, file, dirname(file));
  m.loaded = true;
  if (entry && (cachedData === undefined || script.cachedDataRejected)) {
    // At exit, so that the functions this run compiled are in the cache too.
    process.once('exit', () => writeCodeCache(dir, prefix, entry, script));
  }
  return m.exports;
}

/**
 * Node 22.1 and later: module.enableCompileCache. Asked only there: on Node 20, loading
 * node:module (with the ES module loader and source maps) costs a listing about 0.4 ms.
 */
function nodeCachesCompiledCode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 1);
}

/** The build's digest, the bundle's first line (src/gen/bundle.ts); without it, no cache. */
const BUILD_ID = /^\/\*b3iq-build:([0-9a-f]{16})\*\//;

/** A short tag of a path (FNV-1a): two installed copies keep two cache entries. */
function pathTag(p) {
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Replaces the cached code (atomically, 0600) and drops this copy's older entries; any failure only costs speed. */
function writeCodeCache(dir, prefix, entry, script) {
  const fs = require('node:fs');
  const { join, basename } = require('node:path');
  try {
    for (const name of fs.readdirSync(dir)) if (name.startsWith(prefix) && name !== basename(entry)) fs.rmSync(join(dir, name), { force: true });
    const tmp = `${entry}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, entry);
  } catch {
    // read-only, full, or raced by another b3iq: next time
  }
}

/** The CLI's main(): the bundle when built, else the ES modules (a plain `tsc` build). */
function loadMain() {
  const file = require('node:path').join(__dirname, '..', 'dist', 'cli', 'main.bundle.cjs');
  if (require('node:fs').existsSync(file)) return Promise.resolve(loadBundle(file));
  return import('../dist/cli/main.js');
}

/**
 * Ctrl-C (SIGINT) ends a run with the contract's exit code 130 and an E_INTERRUPTED error,
 * rather than death by the signal, which a spawning program sees as no exit code at all. A
 * command that handles the signal itself goes first (ui closes its server; support bundle
 * removes its partial archive, then raises the signal again, which lands here).
 */
let onInterrupt;
function exitOnInterrupt() {
  if (onInterrupt) return; // once: the fast list falls back to runMain()
  onInterrupt = () => {
    if (process.listenerCount('SIGINT') > 1) return;
    const line = argv.includes('--json') ? '{"error":{"code":"E_INTERRUPTED","message":"Interrupted."}}\n' : 'error [E_INTERRUPTED] Interrupted.\n';
    try {
      writeSync(2, line);
    } catch {
      // stderr closed: the exit code still says it
    }
    process.exit(130);
  };
  process.on('SIGINT', onInterrupt);
}

function runMain() {
  exitOnInterrupt();
  loadMain().then(async ({ main }) => {
    process.exitCode = await main(argv);
  });
}

/** Exactly `keys list --json`, with `--all` or not, in any order after `keys list`. */
function isFastList() {
  if (argv[0] !== 'keys' || argv[1] !== 'list' || argv.length < 3 || argv.length > 4) return false;
  const rest = argv.slice(2).sort().join(' ');
  return rest === '--json' || rest === '--all --json';
}

/**
 * `keys list --json`, the listing scripts run over and over: the store's read path alone
 * (dist/cli/list.bundle.cjs, src/cli/fast-list.ts), without the command tree. Whatever it
 * does not print (an error, a refusal) it leaves to the whole CLI, which runs the command
 * again and reports it in its own words.
 */
function runFastList() {
  exitOnInterrupt();
  let fast;
  try {
    fast = loadBundle(require('node:path').join(__dirname, '..', 'dist', 'cli', 'list.bundle.cjs'), true);
  } catch {
    return runMain(); // not built by `npm run build`
  }
  fast.fastKeysList(argv, process.env, process.cwd()).then((code) => {
    if (code === undefined) runMain();
    // Printed (with writeSync: nothing is pending): exit now, without Node tearing down a
    // heap that holds every record (the 'exit' handlers, the code cache's, still run).
    else process.exit(code);
  });
}

if (only === '--version' || only === '-V') {
  print(`${JSON.parse(readFileSync(`${__dirname}/../package.json`, 'utf8')).version}\n`);
} else if (argv[0] === '__complete-ids') {
  // Shell completion asks for credential ids on every TAB: skip commander and the tree.
  import('../dist/cli/complete-ids.js').then(async ({ completeIdsMain }) => {
    process.exitCode = await completeIdsMain(argv.slice(1), process.env, (s) => process.stdout.write(s));
  });
} else if (isFastList()) {
  runFastList();
} else if (!prerenderedHelp()) {
  runMain();
}
