/**
 * Passphrases under key-named settings: a value with spaces (`correct horse battery staple`)
 * where the keyed pass had to guess the value's end at the first blank, because the setting
 * does not start its line (`set KEY=…`, systemd's `Environment="KEY=…"`, a prose name
 * `Encryption key = …`, `KEY<TAB>…`). A setting's value runs to the end of its line: the words
 * after the marker, up to the line's end (or its closing quote), are the rest of the value.
 * And Dockerfile's legacy `ENV NAME value with spaces`, which has no separator at all.
 */
import { classifyKey } from './key-names.js';
import type { Rule } from './rules.js';
import { isSecretValue, refineCategory } from './values.js';

/** A setting's statement up to its marked value, then the words after it to the line's end. */
const SETTING_TAIL_RE = new RegExp(
  '^([ \\t]*(?:-[ \\t]+|export[ \\t]+|set[ \\t]+|setx[ \\t]+|ENV[ \\t]+|Environment=["\']?|declare[ \\t]+-x[ \\t]+)?["\']?' +
    // the name: one word ending in a key word, or up to three words before `key`/`passphrase` (`Encryption key`)
    '(?:[A-Za-z][\\w.-]*[ \\t]){0,3}[\\w.-]*(?:KEY|[Kk]ey|PASSPHRASE|[Pp]assphrase|SECRET|[Ss]ecret|PASSWORD|[Pp]assword)["\']?' +
    '[ \\t]*[=:\\t][ \\t]*["\']?\\[REDACTED:[a-z0-9-]+\\])' +
    // the words after it (not a comment, another marker, a `k=v` pair or a `key:`), to the end of the line or a closing quote there
    '((?:[ \\t]+[^\\s"\'`#[=](?:[^\\s"\'`=]{0,62}[^\\s"\'`=:])?){1,16})(?=["\']?[ \\t]*$)',
  'g',
);

export const PASSPHRASE_TAIL_RULE: Rule = {
  needs: { lits: ['[REDACTED:'] },
  gate: (l) => l.includes('[REDACTED:'),
  re: SETTING_TAIL_RE,
  handle: (_eng, m) => [m[1] as string, m.index + m[0].length],
};

/** Dockerfile's `ENV NAME value…` (no `=`): the whole rest of the line is the value. */
const DOCKER_ENV_RE = /^([ \t]*ENV[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]+)(?![^\s=]*=)(\S(?:.*\S)?)[ \t]*$/g;

export const DOCKER_ENV_RULE: Rule = {
  needs: { lits: ['ENV'] },
  gate: (l) => l.includes('ENV'),
  re: DOCKER_ENV_RE,
  handle: (eng, m) => {
    const name = m[2] as string;
    const value = m[3] as string;
    const cat = classifyKey(name);
    if (cat === null || value.startsWith('[REDACTED:') || !isSecretValue(cat, name, value)) return null;
    return [(m[1] as string) + eng.mark(refineCategory(cat, value)), m.index + m[0].length];
  },
};
