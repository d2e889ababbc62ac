/**
 * Key names the keyed pass (which reads ASCII words) cannot see:
 * - a secret word disguised by invisible characters (`pass\u200bword`, a soft hyphen, a
 *   zero-width joiner), by look-alike letters of another script (Cyrillic `pаssword`), or
 *   written full-width (`ｐａｓｓｗｏｒｄ`, `password＝…`);
 * - the word for password, secret or token in other languages (`contraseña`, `пароль`,
 *   `密码`, `パスワード`, `비밀번호`, `hasło`, `şifre`, `salasana`, …).
 * The key is folded (NFKC, invisibles dropped, look-alikes mapped, accents stripped) and read
 * again; its value is then judged as the keyed pass judges a password's.
 */
import { classifyKey } from './key-names.js';
import type { Category } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { isSecretValue } from './values.js';
import { SECRET_CATS } from './dumps.js';

/** Cyrillic and Greek letters drawn like Latin ones. */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ѕ: 's',
  ј: 'j',
  к: 'k',
  м: 'm',
  т: 't',
  в: 'b',
  н: 'h',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ѕ: 'S',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
  Υ: 'Y',
  Ζ: 'Z',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  ß: 'ss',
};
const INVISIBLE_RE = /\u034f|[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** The words for password / secret / token in other languages, folded (lower case, no accents, no separators). */
const FOREIGN: Record<string, Category> = {
  contrasena: 'password',
  clave: 'password',
  passwort: 'password',
  kennwort: 'password',
  motdepasse: 'password',
  пароль: 'password',
  密码: 'password',
  密碼: 'password',
  パスワード: 'password',
  비밀번호: 'password',
  senha: 'password',
  wachtwoord: 'password',
  parola: 'password',
  haslo: 'password',
  losenord: 'password',
  salasana: 'password',
  sifre: 'password',
  heslo: 'password',
  jelszo: 'password',
  κωδικος: 'password',
  סיסמה: 'password',
  كلمةالمرور: 'password',
  पासवर्ड: 'password',
  matkhau: 'password',
  katasandi: 'password',
  adgangskode: 'password',
  passord: 'password',
  geslo: 'password',
  lozinka: 'password',
  parolă: 'password',
  parola_: 'password',
  sandi: 'password',
  токен: 'secret',
  ключapi: 'secret',
  секрет: 'secret',
  秘密: 'secret',
  密钥: 'secret',
  令牌: 'secret',
  トークン: 'secret',
};

/** A key folded to what it reads as. */
export function foldKey(key: string): string {
  const k = key.normalize('NFKC').replace(INVISIBLE_RE, '').normalize('NFD').replace(/\p{M}/gu, '');
  let out = '';
  for (const c of k) out += LOOK_ALIKES[c] ?? c;
  return out;
}

const bareKey = (key: string): string =>
  foldKey(key)
    .toLowerCase()
    .replace(/[\s_.-]+/g, '');
/** FOREIGN read through the same folding as a key found in a line. */
const FOREIGN_FOLDED = new Map(Object.entries(FOREIGN).map(([k, v]) => [bareKey(k), v]));

/** The category of a value under `key`, or null when the key names no secret once folded. */
function foldedCategory(key: string): Category | null {
  const folded = foldKey(key);
  const foreign = FOREIGN_FOLDED.get(bareKey(key));
  if (foreign !== undefined) return foreign;
  if (folded === key || !/^[\x20-\x7e]+$/.test(folded)) return null; // nothing was disguised
  const cat = classifyKey(folded);
  return cat !== null && SECRET_CATS.has(cat) ? cat : null;
}

/** Key characters: letters and marks of any script, digits, `_.-`, invisibles, and spaces inside a phrase. */
const KEY = `[\\p{L}\\p{M}\\p{N}_.\\u00ad\\u200b-\\u200f\\u2060-\\u2064\\ufeff-](?:[\\p{L}\\p{M}\\p{N}_.\\u00ad\\u200b-\\u200f\\u2060-\\u2064\\ufeff-]| (?=\\p{L})){1,40}`;
const SEP = `\\\\?["']?[ \\t\\u00a0]*(?:[:=\\uff1a\\uff1d]|=>|->)[ \\t\\u00a0]*`;
const UNICODE_KEY_RE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}_\\u200b-\\u200f])["']?(${KEY})${SEP}(?:(\\\\?["'])([^"'\\\\\\n]{1,512})\\2|([^\\s"',;]{1,512}))`,
  'gu',
);

const ASCII_FOREIGN = ['clave', 'parola', 'haslo', 'salasana', 'sifre', 'heslo', 'jelszo', 'passord', 'adgangskode', 'sandi', 'losenord', 'geslo', 'lozinka'];

export const UNICODE_KEY_RULE: Rule = {
  needs: { test: /[^\x00-\x7f]/, lits: ASCII_FOREIGN },
  gate: (l) => /[^\x00-\x7f]/.test(l) || ASCII_FOREIGN.some((w) => l.includes(w)),
  re: UNICODE_KEY_RE,
  handle: (eng: RuleHost, m: Match): HandlerResult => {
    const key = (m[1] as string).trim();
    const cat = foldedCategory(key);
    if (cat === null) return null;
    const v = (m[3] ?? m[4]) as string;
    if (!isSecretValue(cat, 'password', v)) return null;
    const start = m.index + m[0].lastIndexOf(v);
    return [eng.mark(cat), start + v.length, start];
  },
};
