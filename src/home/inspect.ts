import * as fs from 'node:fs';
import { walkHome } from './walk.js';

/** Read-only permission survey of the config home, for status and doctor. */
export interface PermissionFinding {
  path: string;
  problem: string;
  fix: string;
}

export function surveyPermissions(home: string): PermissionFinding[] {
  const out: PermissionFinding[] = [];
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  walkHome(home, 3, (full, st) => {
    if (st.isSymbolicLink()) {
      out.push({ path: full, problem: 'is a symlink', fix: `rm ${full}` });
      return;
    }
    if (uid >= 0 && st.uid !== uid) out.push({ path: full, problem: `is owned by uid ${st.uid}`, fix: `chown ${uid} ${full}` });
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      if (mode !== 0o700) out.push({ path: full, problem: `has mode ${mode.toString(8)}, not 700`, fix: `chmod 700 ${full}` });
    } else if (mode !== 0o600) {
      out.push({ path: full, problem: `has mode ${mode.toString(8)}, not 600`, fix: `chmod 600 ${full}` });
    }
  });
  return out;
}

export function ensureNoUnsafeFiles(home: string): string[] {
  return surveyPermissions(home).map((f) => `${f.path} ${f.problem}; fix: ${f.fix}`);
}

/** The home folder itself (symlink, owner, mode) and then everything in it: doctor's survey. */
export function surveyHome(home: string): PermissionFinding[] {
  const out: PermissionFinding[] = [];
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  let st: fs.Stats;
  try {
    st = fs.lstatSync(home);
  } catch {
    return out;
  }
  if (st.isSymbolicLink()) return [{ path: home, problem: 'is a symlink', fix: `point --home or B3IQ_HOME at a real directory` }];
  if (uid >= 0 && st.uid !== uid) out.push({ path: home, problem: `is owned by uid ${st.uid}`, fix: `chown ${uid} ${home}` });
  const mode = st.mode & 0o777;
  if (mode !== 0o700) out.push({ path: home, problem: `has mode ${mode.toString(8)}, not 700`, fix: `chmod 700 ${home}` });
  return [...out, ...surveyPermissions(home)];
}
