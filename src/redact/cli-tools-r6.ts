/**
 * More tools whose command lines carry a secret with no key name (read by cli-args.ts like
 * TOOLS): Windows administration (`schtasks /rp`, `psexec -p`, `wmic /password:`, `winrs -p:`,
 * `net.exe`/`net1 user NAME PASS`, `dsadd -pwd`, `netdom /passwordd:`, `reg add … /v
 * DefaultPassword /d PASS`) and package publishing (`poetry config http-basic.x user PASS`,
 * `twine -p`, `composer config http-basic.host user PASS`, `cargo login TOKEN`,
 * `nuget setapikey KEY`, `vsce/ovsx -p`, `snyk auth TOKEN`, `bundle config host user:PASS`).
 */
import type { ToolSpec, Word } from './cli-tools.js';

/**
 * `net use Z: \\\\srv\\share PASS /user:x` (the word after the share) and `net user [/add] NAME
 * PASS [/add]` (the second word after `user` that is not a `/switch`).
 */
function netPass(pos: Word[]): Word[] {
  const use = pos.findIndex((w) => w.text.toLowerCase() === 'use');
  if (use >= 0) {
    const share = pos.findIndex((w, i) => i > use && w.text.startsWith('\\\\'));
    const w = share < 0 ? undefined : pos.find((x, i) => i > share && !x.text.startsWith('/'));
    return w === undefined || w.text === '*' ? [] : [w];
  }
  const i = pos.findIndex((w) => w.text.toLowerCase() === 'user');
  if (i < 0) return [];
  const w = pos.slice(i + 1).filter((x) => !x.text.startsWith('/'))[1];
  return w === undefined || w.text === '*' || w.text.includes('=') ? [] : [w];
}

/** `config [--global] http-basic.X user PASS`, `config pypi-token.X TOKEN`, `github-oauth.X TOKEN`. */
function configCredential(pos: Word[]): Word[] {
  const i = pos.findIndex((w) => /^(?:http-basic|pypi-token|github-oauth|gitlab-token|gitlab-oauth|bearer|bitbucket-oauth)\./.test(w.text));
  if (i < 0) return [];
  const basic = pos[i]!.text.startsWith('http-basic.') || pos[i]!.text.startsWith('bitbucket-oauth.');
  const w = pos[i + (basic ? 2 : 1)];
  return w === undefined ? [] : [w];
}

/** The word after a subcommand (`cargo login TOKEN`, `nuget setapikey KEY`, `snyk auth TOKEN`). */
const afterSub =
  (...subs: string[]) =>
  (pos: Word[]): Word[] => {
    const i = pos.findIndex((w) => subs.includes(w.text.toLowerCase()));
    const w = i < 0 ? undefined : pos[i + 1];
    return w === undefined || w.text.startsWith('-') || w.text.startsWith('/') ? [] : [w];
  };

/** `reg add KEY /v DefaultPassword /t REG_SZ /d PASS`: the data of a value named for a secret. */
function regData(_pos: Word[], words: Word[]): Word[] {
  const v = words.findIndex((w) => w.text.toLowerCase() === '/v');
  const d = words.findIndex((w) => w.text.toLowerCase() === '/d');
  const name = v < 0 ? '' : (words[v + 1]?.text ?? '');
  const w = d < 0 ? undefined : words[d + 1];
  return w !== undefined && /pass|secret|token|key|cred|pwd/i.test(name) ? [w] : [];
}

/** `bundle config [set] [--global] HOST USER:PASS`: the part after the colon. */
function bundleCred(pos: Word[]): Word[] {
  const w = pos.find((x, i) => i > 0 && /^[^\s:/]+:[^\s]{3,}$/.test(x.text) && pos[i - 1]!.text.includes('.'));
  return w === undefined ? [] : [{ s: w.s, e: w.e, text: w.text.slice(w.text.indexOf(':') + 1), skipTo: ':' }];
}

/** The word after a `/switch` (Windows flags start with `/`, which the flag reader does not take for one). */
const afterSwitch =
  (...flags: string[]) =>
  (_pos: Word[], words: Word[]): Word[] => {
    const i = words.findIndex((w) => flags.includes(w.text.toLowerCase()));
    const w = i < 0 ? undefined : words[i + 1];
    return w === undefined || w.text.startsWith('/') || w.text === '*' ? [] : [w];
  };

const PSEXEC: ToolSpec = { next: ['-p'], cat: 'password' };
const NET: ToolSpec = { positional: netPass, cat: 'password' };

export const TOOLS_R6: Record<string, ToolSpec> = {
  schtasks: { positional: afterSwitch('/rp', '/p'), cat: 'password' },
  'schtasks.exe': { positional: afterSwitch('/rp', '/p'), cat: 'password' },
  psexec: PSEXEC,
  PsExec: PSEXEC,
  PsExec64: PSEXEC,
  'psexec.exe': PSEXEC,
  'PsExec.exe': PSEXEC,
  'PsExec64.exe': PSEXEC,
  wmic: { glued: ['/password:', '/PASSWORD:'], cat: 'password' },
  winrs: { glued: ['-p:', '/p:', '-password:', '/password:'], cat: 'password' },
  net: NET,
  NET: NET,
  'net.exe': NET,
  'NET.EXE': NET,
  net1: NET,
  'net1.exe': NET,
  dsadd: { next: ['-pwd'], cat: 'password' },
  dsmod: { next: ['-pwd'], cat: 'password' },
  netdom: { glued: ['/passwordd:', '/passwordo:', '/pd:', '/po:', '/PasswordD:', '/PasswordO:'], cat: 'password' },
  reg: { positional: regData, cat: 'password' },
  'reg.exe': { positional: regData, cat: 'password' },
  poetry: { positional: configCredential, cat: 'secret' },
  composer: { positional: configCredential, cat: 'secret' },
  twine: { next: ['-p', '--password'], cat: 'password' },
  cargo: { positional: afterSub('login'), next: ['--token'], cat: 'secret' },
  nuget: { positional: afterSub('setapikey'), next: ['-ApiKey', '-apikey', '-Password'], cat: 'secret' },
  'nuget.exe': { positional: afterSub('setapikey'), next: ['-ApiKey', '-apikey', '-Password'], cat: 'secret' },
  vsce: { next: ['-p', '--pat'], cat: 'secret' },
  ovsx: { next: ['-p', '--pat'], cat: 'secret' },
  snyk: { positional: afterSub('auth'), cat: 'secret' },
  codecov: { next: ['-t', '--token'], cat: 'secret' },
  bundle: { positional: bundleCred, cat: 'password' },
};

/** The literals these tool words hold (added to the rule's needs). */
export const NEEDS_R6 = [
  'schtasks',
  'psexec',
  'PsExec',
  'wmic',
  'winrs',
  'NET ',
  'net.exe',
  'NET.EXE',
  'net1',
  'dsadd',
  'dsmod',
  'netdom',
  'reg ',
  'reg.exe',
  'poetry',
  'composer',
  'twine',
  'cargo',
  'nuget',
  'vsce',
  'ovsx',
  'snyk',
  'bundle',
  'codecov',
];
