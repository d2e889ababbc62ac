import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkHome } from '../home/walk.js';

/**
 * What a bundle must never copy, recognised by identity rather than by path: every file
 * of the config home by its (device, inode) pair (a hard link to credentials.json in a
 * log folder is the same file), and any folder that is a b3iq home by its records
 * (node.json with a node id, or a credentials snapshot), whatever it is called.
 */
export const HOME_FILE_REASON = 'a file of the b3iq config home (the same file by device and inode, e.g. a hard link): never copied';
export const OTHER_HOME_REASON = 'a b3iq config home (by its records): its records are never copied';

/** (dev, ino) keys of every file under the home (a few levels deep, as the home is). */
export function homeFileIds(roots: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const r of new Set(roots))
    walkHome(r, 4, (_full, st) => {
      if (st.isFile()) ids.add(fileId(st));
    });
  return ids;
}

export function fileId(st: fs.Stats): string {
  return `${st.dev}:${st.ino}`;
}

function head(file: string, bytes: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A b3iq home by its records: a node identity, or a credentials snapshot of any version. */
export function isB3iqHome(dir: string): boolean {
  const node = head(path.join(dir, 'node.json'), 4096);
  if (node !== undefined && /"schemaVersion"\s*:\s*\d+/.test(node) && /"nodeId"\s*:\s*"node_[0-9a-f]+"/.test(node)) return true;
  const cred = head(path.join(dir, 'credentials.json'), 4096);
  return cred !== undefined && /^\s*\{\s*"schemaVersion"\s*:\s*\d+\s*,\s*"(?:generation|keys)"/.test(cred);
}
