#!/usr/bin/env node
'use strict';
// Thin CommonJS entry (bin/package.json): here a CommonJS file starts about 20 % faster
// than an ES module. `--version` and the top-level help are answered without loading the
// CLI; everything else loads dist/cli/main.js (docs/performance.md, Start-up).
const { readFileSync, writeSync } = require('node:fs');
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

/**
 * The top-level help, rendered at build time from the command tree (dist/cli/help.txt,
 * equal to commander's by test). Only for a pipe or file: a terminal's width changes how
 * commander wraps, so a terminal gets commander itself.
 */
function prerenderedHelp() {
  if (!(argv.length === 0 || only === '--help' || only === '-h') || require('node:tty').isatty(1)) return false;
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
 * V8's compile cache where this Node has it (22.1+; not 20), in the user's own cache
 * folder (0700): never a shared temp folder, whose entries another local user could plant.
 */
function enableCompileCache() {
  const { enableCompileCache: enable } = require('node:module');
  if (typeof enable !== 'function' || process.env.B3IQ_NO_COMPILE_CACHE === '1') return;
  try {
    const { join } = require('node:path');
    const base = process.env.XDG_CACHE_HOME || join(require('node:os').homedir(), '.cache');
    const dir = join(base, 'b3iq', 'compile-cache');
    require('node:fs').mkdirSync(dir, { recursive: true, mode: 0o700 });
    enable(dir);
  } catch {
    // no cache: only slower
  }
}

if (only === '--version' || only === '-V') {
  print(`${JSON.parse(readFileSync(`${__dirname}/../package.json`, 'utf8')).version}\n`);
} else if (argv[0] === '__complete-ids') {
  // Shell completion asks for credential ids on every TAB: skip commander and the tree.
  import('../dist/cli/complete-ids.js').then(async ({ completeIdsMain }) => {
    process.exitCode = await completeIdsMain(argv.slice(1), process.env, (s) => process.stdout.write(s));
  });
} else if (!prerenderedHelp()) {
  enableCompileCache();
  import('../dist/cli/main.js').then(async ({ main }) => {
    process.exitCode = await main(argv);
  });
}
