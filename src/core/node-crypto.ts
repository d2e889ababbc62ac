import { createRequire } from 'node:module';

const requireModule = createRequire(import.meta.url);
let loaded: typeof import('node:crypto') | undefined;

/**
 * node:crypto on first use. Loading it takes node:stream and some thirty internal modules
 * with it, about 3 ms of a `keys list --json` that never issues, verifies or writes
 * (docs/performance.md, Start-up); the modules on that read path ask for it here instead of
 * importing it. Everything else may import node:crypto as usual.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  loaded ??= requireModule('node:crypto') as typeof import('node:crypto');
  return loaded;
}
