import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Visits every entry under a config home by lstat (a symlink is reported, never followed),
 * going into folders while depth < maxDepth; unreadable entries are skipped. Shared by the
 * permission survey and the bundle's home-file identities, which must see the same tree.
 */
export function walkHome(root: string, maxDepth: number, visit: (full: string, st: fs.Stats) => void): void {
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(full);
      } catch {
        continue;
      }
      visit(full, st);
      if (st.isDirectory() && depth < maxDepth) walk(full, depth + 1);
    }
  };
  walk(root, 0);
}
