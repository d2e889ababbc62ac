import { readAuditTail, type AuditTail } from '../home/audit.js';
import { locked } from '../home/home.js';
import { homeFile } from '../home/paths.js';
import { recordsBehind } from './anchors.js';
import { corrupt } from './records.js';
import { loadFull, type Loaded } from './snapshot.js';
import { loadFullSliced, Slicer } from './sliced-load.js';

/**
 * Every store's first read: the snapshot and its journal (a version 3 snapshot whose
 * journal is missing is corrupt), checked against the audit log read BEFORE them (a
 * writer commits the records first, so records read after the log are never behind it
 * unless something removed or rolled them back). Records behind the log fail closed
 * (E_CORRUPT) rather than serve an older view; a doubt is settled once under the lock.
 */
export async function loadChecked(home: string, { streamed = false }: { streamed?: boolean } = {}): Promise<Loaded | undefined> {
  const file = homeFile(home, 'credentials');
  const once = (): { loaded: Loaded | undefined; behind: boolean } => {
    const tail = readAuditTail(homeFile(home, 'audit'));
    return judged(loadFull(file), tail);
  };
  const judged = (loaded: Loaded | undefined, tail: AuditTail) => ({ loaded, behind: loaded !== undefined && recordsBehind(generationOf(loaded), tail) });
  let r: { loaded: Loaded | undefined; behind: boolean };
  if (streamed) {
    // A live store's first read, streamed a line at a time (no whole-file buffer and string
    // next to the parsed records); a snapshot replaced meanwhile is read again by loadFull.
    const tail = readAuditTail(homeFile(home, 'audit'));
    r = judged((await loadFullSliced(file, new Slicer())) ?? loadFull(file), tail);
  } else r = once();
  if (r.behind) r = await locked(home, { clock: Date.now }, once);
  if (r.behind) throw corrupt(file, 'the records are behind the audit log: a journal was removed or the records were rolled back');
  return r.loaded;
}

export function generationOf(l: Loaded): number {
  return l.entries.length ? l.entries[l.entries.length - 1]!.seq : l.doc.generation;
}
