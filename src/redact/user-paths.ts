/**
 * Paths under the other roots where a user's or customer's name shows as a folder: removable
 * media (`/media/dana/…`, `/run/media/dana/…`), logs, web roots, caches, backups and scratch
 * space (`/var/log/b3iq/globex/…`, `/var/www/acme-corp/…`, `/var/tmp/dana/…`, `/tmp/globex-export.csv`),
 * data and NFS mounts (`/data/acme/…`, `/nfs/acme/…`), `/usr/local/<name>`, Windows drives
 * (`D:\Customers\globex\…`) and UNC shares (`\\fileserver\globex\…`). Read folder by folder
 * as system-paths.ts reads `/etc` and `/srv`: a path of well-known names only is kept.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsAnyLit } from './needs-test.js';
import { commonName, systemPath } from './system-paths.js';

const USER_PATH_RE =
  /(?<![\w.~/-])(?:\/(?:media|run\/media|var\/(?:log|www|cache|backups|tmp)|tmp|data|backups?|nfs|usr\/local)|[A-Z]:(?!\\{1,4}(?:Users|Windows|Program Files|ProgramData)\\)(?=\\{1,4}\w)|(?<=^|[\s"'=(])\\{1,3}(?=\\[\w.-]+\\{1,2}[\w$.-]))(?:(?:\/|\\{1,4})[^\s/\\"'<>|,;:*?)\]}`]+)+/g;

/** A program's own log folders (`com.apple.iokit.IO80211Family`, `CoreCapture`, `DriverLogs`): reverse-DNS or CamelCase names. */
const PROGRAM_DIR_RE = /^(?:(?:com|org|net|io|de|uk)\.[\w.-]+|[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+|[A-Z0-9]{2,}[A-Za-z0-9]*)$/;

/** `b3iq-test-abcdef`: well-known words and a 6-character random suffix (node's mkdtemp), whatever its letters. */
const STEM_SUFFIX_RE = /^([\w.-]+)[-_.]([A-Za-z0-9]{6})$/;
function commonStemTemp(seg: string): boolean {
  const m = STEM_SUFFIX_RE.exec(seg);
  return m !== null && (m[1] as string).split(/[-_.]/).every((w) => commonName(w));
}

const BIN_DIRS = new Set(['bin', 'sbin', 'libexec']);
/** A web server's spool folders (`/var/cache/nginx/proxy_temp/1/00`). */
const SPOOL_RE = /^(?:[a-z]+_)?(?:temp|tmp|cache)$/;

/** A `mktemp`/`mkdtemp` name: a stem and a random suffix (`KSOutOfProcessFetcher.YH2CjY1tnx`, `b3iq-test-aB3dE9`, `tmpk2j8_x1q`). */
const MKTEMP_RE = /^(?:[\w-]*[-_.](?=[A-Za-z]*\d|[a-z\d]*[A-Z])[A-Za-z0-9]{6,12}|tmp(?=[a-z_]*\d)[a-z0-9_]{6,10})$/;

/**
 * Under `/var/log`, `/var/cache` and `/tmp` a folder is a program's more often than a person's: CamelCase,
 * reverse-DNS and `mktemp` names stay there.
 */
function userPath(eng: RuleHost, m: Match): HandlerResult {
  const keep: HandlerResult = [m[0], m.index + m[0].length];
  const segs = m[0].split('/').filter((x) => x !== '');
  if (m[0].startsWith('/tmp/') && segs.some((x) => MKTEMP_RE.test(x) || commonStemTemp(x))) return keep;
  // a program in a bin folder (`/usr/local/bin/rotate-logs`): its name is software's
  const last = segs.length - 1;
  if (last >= 2 && BIN_DIRS.has(segs[last - 1] as string) && segs.slice(0, last).every((x) => commonName(x))) return keep;
  if (
    (m[0].startsWith('/var/log/') || m[0].startsWith('/tmp/') || m[0].startsWith('/var/cache/')) &&
    segs.every((x, i) => commonName(x) || PROGRAM_DIR_RE.test(x) || SPOOL_RE.test(x) || (i > 2 && i === segs.length - 1 && x.includes('.')))
  )
    return keep;
  return systemPath(eng, m);
}

/** Folders a user's or customer's name is found under; a line without one is not read. */
const USER_PATH_LITS = [
  '/media/',
  '/var/log/',
  '/var/www/',
  '/var/cache/',
  '/var/backups/',
  '/var/tmp/',
  '/tmp/',
  '/data/',
  '/backup',
  '/nfs/',
  '/usr/local/',
  ':\\',
  '\\\\',
];

export const USER_PATH_RULE: Rule = {
  ...needsAnyLit(USER_PATH_LITS),
  re: USER_PATH_RE,
  handle: userPath,
};
