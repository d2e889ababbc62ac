/**
 * Paths under the other roots where a user's or customer's name shows as a folder: removable
 * media (`/media/dana/…`, `/run/media/dana/…`), logs, web roots, caches, backups and scratch
 * space (`/var/log/b3iq/globex/…`, `/var/www/acme-corp/…`, `/var/tmp/dana/…`, `/tmp/globex-export.csv`),
 * data and NFS mounts (`/data/acme/…`, `/nfs/acme/…`), `/usr/local/<name>`, Windows drives
 * (`D:\Customers\globex\…`) and UNC shares (`\\fileserver\globex\…`). Read folder by folder
 * as system-paths.ts reads `/etc` and `/srv`: a path of well-known names only is kept.
 */
import type { Rule } from './rules.js';
import { systemPath } from './system-paths.js';

const USER_PATH_RE =
  /(?<![\w.~/-])(?:\/(?:media|run\/media|var\/(?:log|www|cache|backups|tmp)|tmp|data|backups?|nfs|usr\/local)|[A-Z]:(?!\\{1,4}(?:Users|Windows|Program Files|ProgramData)\\)(?=\\{1,4}\w)|(?<=^|[\s"'=(])\\{2,4}(?=[\w.-]+\\{1,2}[\w$.-]))(?:(?:\/|\\{1,4})[^\s/\\"'<>|,;:*?)\]}`]+)+/g;

export const USER_PATH_RULE: Rule = {
  needs: { lits: ['/media/', '/var/', '/tmp/', '/data/', '/backup', '/nfs/', '/usr/local/', ':\\', '\\\\'] },
  gate: (l) =>
    l.includes('/media/') ||
    l.includes('/var/') ||
    l.includes('/tmp/') ||
    l.includes('/data/') ||
    l.includes('/backup') ||
    l.includes('/nfs/') ||
    l.includes('/usr/local/') ||
    l.includes(':\\') ||
    l.includes('\\\\'),
  re: USER_PATH_RE,
  handle: systemPath,
};
