import type { SavedWhere } from '../../../keychain/keychain.js';

/** What the keys commands share: where a saved copy went (removing copies: cli/saved-copies.ts). */
export { removeSavedCopy, sweepStaleCopies } from '../../saved-copies.js';

/** The truth about where `--save keychain` put a key. */
export function describeSaved(where: SavedWhere, id: string): string {
  return where.backend === 'keytar' ? `the OS keychain (entry local-key:${id})` : `a 0600 file, ${where.file}, not an OS keychain (${where.reason})`;
}
