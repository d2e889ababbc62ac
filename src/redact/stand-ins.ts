/**
 * Token-shaped stand-ins: values that have a secret's form but were written by a person as
 * an example (`AIzaSyabcdefghijklmnopqrstuvwxyz1234567`, `sk_…FakeFakeFake…`,
 * `glpat-my_test_token_here…`). Every check here is one a random machine-made secret fails
 * with a vanishing chance (an 8-character alphabet run, a body that is mostly one repeated
 * unit, two filler words), so none of them lets a generated token through. Passwords chosen
 * by people (`password = abcdefgh`) are not judged here: a weak password is still one.
 */

/**
 * Values the providers themselves publish as examples (AWS documentation, the Firebase
 * SDKs' test keys, jwt.io's sample signature): public by definition, copied into configs
 * and tests everywhere. A secret cannot leak by being one of these.
 */
const PUBLISHED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // firebase-android-sdk / firebase-ios-sdk test keys (gitleaks lists them as public)
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
]);

/** Words that say outright the value is not a real one (case as written: `Fake`, `fake`, `FAKE`). */
const STRONG_WORD_RE =
  /example|Example|EXAMPLE|dummy|Dummy|DUMMY|placeholder|Placeholder|PLACEHOLDER|notreal|NotReal|notareal|NOTREAL|changeme|CHANGEME|redacted|REDACTED|REPLACE|[Rr]eplace[_-]?[Ww]ith|PUT_YOUR|[Yy]our[_-]?(?:[Tt]oken|[Kk]ey|[Ss]ecret|[Pp]ass)|(?:Fake|fake|FAKE){2}|(?:^|[^A-Za-z])(?:fake|Fake|FAKE)(?:[^A-Za-z]|$)/;

/** Filler words of hand-made test tokens; two of them in one value do not happen by chance. */
const WEAK_WORDS = [
  'hello',
  'world',
  'test',
  'testin',
  'token',
  'tokens',
  'secret',
  'long',
  'longer',
  'exactly',
  'chars',
  'length',
  'random',
  'string',
  'checking',
  'failing',
  'pretty',
  'correct',
  'other',
  'thing',
  'here',
  'access',
  'slack',
  'app',
  'configuration',
  'bot',
  'else',
  'prefix',
  'need',
];
const WEAK_WORD_RE = new RegExp(`(?:${WEAK_WORDS.join('|')})`, 'gi');

function caseFold(c: string): string {
  return c.toLowerCase();
}

/** Next character in the run `a…z`, `0…9` (9 is followed by 0, as in `1234567890`). */
function ascends(prev: string, next: string): boolean {
  if (prev === '9') return next === '0';
  return next.charCodeAt(0) === prev.charCodeAt(0) + 1 && /[a-z0-9]/.test(prev) && /[a-z0-9]/.test(next);
}

/** The longest run of ascending letters or digits (`aAbBcC` counts as `abc`). */
function longestAscendingRun(value: string): number {
  let best = 0;
  let run = 0;
  let prev = '';
  for (const ch of value) {
    if (!/[A-Za-z0-9]/.test(ch)) {
      run = 0;
      prev = '';
      continue;
    }
    const c = caseFold(ch);
    if (c === prev) continue; // aA, bB: one step
    run = prev !== '' && ascends(prev, c) ? run + 1 : 1;
    prev = c;
    if (run > best) best = run;
  }
  return best;
}

/**
 * Share of the 4-character windows that repeat an earlier one: `abcd1234abcd1234…`,
 * `FakeFakeFake…`, `0000…TUVWXYZ` are mostly repeats; a random body of 16+ has almost none.
 */
function repeatedShare(alnum: string): number {
  const seen = new Set<string>();
  let repeats = 0;
  const n = alnum.length - 3;
  for (let i = 0; i < n; i++) {
    const w = alnum.slice(i, i + 4);
    if (seen.has(w)) repeats++;
    else seen.add(w);
  }
  return n <= 0 ? 0 : repeats / n;
}

/**
 * Share of the characters that stand in runs of three or more of one character
 * (`5555555dAAAAA7777777CcccCFaaaa…`): a random body of 16+ has almost none.
 */
function runShare(alnum: string): number {
  let inRuns = 0;
  let i = 0;
  while (i < alnum.length) {
    let j = i + 1;
    while (j < alnum.length && alnum[j] === alnum[i]) j++;
    if (j - i >= 3) inRuns += j - i;
    i = j;
  }
  return alnum.length === 0 ? 0 : inRuns / alnum.length;
}

/**
 * `AbCeFG123`, `abcd1234`: a value whose every letter and digit stands in an ascending run of
 * three or more (`AbC`, `eFG`, `123`; case aside, as longestAscendingRun counts), eight or more
 * of them: the keyboard's alphabet typed in pieces. A random body of 8+ characters is so with a
 * chance under one in a million (each step ascends about one time in 31).
 */
export function typedInRuns(value: string): boolean {
  let total = 0;
  let run = 0;
  let prev = '';
  for (const ch of value) {
    if (!/[A-Za-z0-9]/.test(ch)) {
      if (run > 0 && run < 3) return false;
      run = 0;
      prev = '';
      continue;
    }
    total++;
    const c = caseFold(ch);
    if (c === prev) continue; // aA, bB: one step, as in longestAscendingRun
    if (prev !== '' && ascends(prev, c)) run++;
    else {
      if (run > 0 && run < 3) return false;
      run = 1;
    }
    prev = c;
  }
  return total >= 8 && run >= 3;
}

function weakWordCount(value: string): number {
  const found = new Set<string>();
  // written as a word is written (`test`, `TEST`, `Test`): `boT`, `aPp` in a random body are chance
  // (two such 3-letter runs come in about 1 in 300 000 random AIza keys: fuzz suite)
  for (const m of value.matchAll(WEAK_WORD_RE)) if (/^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)$/.test(m[0])) found.add(m[0].toLowerCase());
  return found.size;
}

/**
 * Whether a token-shaped value was made by hand as an example: a published example value,
 * a word that says so, an alphabet or digit run of 8+ (or 8+ characters all in runs of 3+), a body mostly of one repeated unit or
 * of runs of one character,
 * or (in a value of at most 120 characters) two filler words.
 */
export function isHandMadeToken(value: string): boolean {
  if (PUBLISHED_EXAMPLES.has(value)) return true;
  if (value.length <= 200 && STRONG_WORD_RE.test(value)) return true;
  if (longestAscendingRun(value) >= 8 || typedInRuns(value)) return true;
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.length >= 12 && (repeatedShare(alnum) >= 0.5 || runShare(alnum) >= 0.5)) return true;
  return value.length <= 120 && weakWordCount(value) >= 2;
}

/**
 * An AWS access key id as AWS's documentation writes one: the id's 16 characters ending in the
 * word `EXAMPLE` (`AKIAIOSFODNN7EXAMPLE`, `AKIAI44QH8DHBEXAMPLE`). An issued id's last seven
 * characters are random over 32 symbols, so a real id ends so once in 3.4e10; and an access key
 * id names a key without granting it. The secret access key, AWS's 40-character example
 * included, is never judged by its words.
 */
export function isAwsDocumentationKeyId(value: string): boolean {
  return /^(?:AKIA|ASIA)[A-Z0-9]{9}EXAMPLE$/.test(value);
}

/** Metasyntactic words: a value that is only one of these is a placeholder. */
const METASYNTACTIC_RE = /^(?:foo|bar|baz|qux|quux|foobar|hoge|fuga)$/i;

export function isMetasyntactic(value: string): boolean {
  return METASYNTACTIC_RE.test(value);
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * `YmFyCg==` (`bar` and a newline): base64 of a metasyntactic word or of two characters at
 * most, as a Kubernetes Secret's `data` holds a value. Judged as the decoded value is under any
 * key (isSecretValue: nothing of two characters is a secret, `foo` is a placeholder); anything
 * else decoded, text or bytes, stays secret.
 */
export function encodesPlaceholder(b64: string): boolean {
  if (b64.length < 4 || b64.length > 16 || !BASE64_RE.test(b64)) return false;
  const text = Buffer.from(b64, 'base64').toString('latin1').trim();
  return /^[\x21-\x7e]*$/.test(text) && (text.length <= 2 || isMetasyntactic(text));
}

const VOWEL_RE = /[aeiouy]/gi;
const CONSONANT_RUN_RE = /[^aeiouy\d]{5}/i;
const NAME_CHARS_RE = /^[A-Za-z0-9][A-Za-z0-9]*(?:[-_./:|][A-Za-z0-9]+)+$/;

/**
 * A name, not a secret (`secret/mysecret`, `DOC_Vector_5_32`, `SalesResults-1.2`,
 * `jetbrains.mps.v8_elimination`, Android's `0|com.tencent.mm|4097|null|10112`): words joined by separators, each word-like (letters with
 * vowels, no long consonant run, plain or Capitalised), numbers short. Generated keys are
 * random: their runs of letters are short, mixed in case and often vowel-less.
 */
export function readsAsName(value: string): boolean {
  // Separators required: Capitalised words run together (`MySecretManagerKey`) are also what a
  // random letters-only value can spell (`ZqeElepropertyIs`, found by the fuzz suite).
  if (value.length < 4 || value.length > 64 || !NAME_CHARS_RE.test(value)) return false;
  const pieces = value.split(/[-_./:|]|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/).filter((p) => p !== '');
  let letters = 0;
  let letterPieces = 0;
  let vowels = 0;
  for (const p of pieces) {
    if (/^\d+$/.test(p)) {
      if (p.length > 6) return false;
      continue;
    }
    if (!/^(?:[A-Z]?[a-z]+|[A-Z]+)$/.test(p)) return false;
    const v = (p.match(VOWEL_RE) ?? []).length;
    if (p.length >= 5 && (v / p.length < 0.25 || CONSONANT_RUN_RE.test(p))) return false;
    letters += p.length;
    letterPieces++;
    vowels += v;
  }
  const alnum = value.replace(/[^A-Za-z0-9]/g, '').length;
  return letterPieces > 0 && letters / letterPieces >= 4 && letters / alnum >= 0.6 && vowels / letters >= 0.25;
}

const PEM_FRAME_RE = /-----(?:BEGIN|END) [A-Z0-9 ]{1,64}-----/g;

/**
 * A one-line PEM block whose body holds no key material (`-----BEGIN PRIVATE KEY-----\n...\n
 * -----END PRIVATE KEY-----`, an empty body): a template. Any real body, even a cut-off one,
 * has a base64 run of 16+ characters.
 */
export function isPlaceholderPem(text: string): boolean {
  if (!text.includes('-----END ')) return false;
  const body = text.replace(PEM_FRAME_RE, ' ').replace(/\\+[nr]/g, ' ');
  return !/[A-Za-z0-9+/]{16,}/.test(body);
}

/** `ops_DUMMY…`, `sk_EXAMPLE…`: a prefixed blob that says it is a stand-in right after its prefix. */
export function isLabelledDummy(blob: string): boolean {
  return /^[a-z]{2,10}_(?:DUMMY|EXAMPLE|FAKE)/.test(blob);
}

const FILL_IN_RE = /(?:put|insert|enter|paste)[_-]?your|your[_-]?(?:api[_-]?)?(?:token|key|secret|password)[_-]?here/i;

/** `sha256~XXXX_PUT_YOUR_TOKEN_HERE_XXXX`: the value asks to be replaced by the real one. */
export function asksToBeFilledIn(value: string): boolean {
  return FILL_IN_RE.test(value);
}

/** jwt.io's sample tokens' signatures (HS256 over its published payloads, key `your-256-bit-secret`). */
const PUBLISHED_JWT_SIGNATURES = new Set(['SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30']);

/** Whether a base64url segment decodes to a JSON object. */
function isJsonObjectSegment(segment: string): boolean {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.…` (a `}` short), `eyJhbasdGciOi….…`: a header that
 * opens a JSON object (`eyJ` is base64 of `{"`) but does not decode to one was cut or typed
 * over by hand; a JWT's header is always a whole JSON object. Such a token is a made-up
 * sample when nothing else in it is random either: its payload decodes to JSON, and its
 * signature is absent or jwt.io's published one. A random payload or signature stays secret
 * material (a real token whose header a copy mangled).
 */
export function isMadeUpJwt(token: string): boolean {
  const [header = '', payload, signature] = token.split('.');
  // the cheap tests first: a real token's random signature ends it here, nothing decoded
  const sig = (signature ?? '').replace(/=+$/, '');
  if (!header.startsWith('eyJ') || (sig !== '' && !PUBLISHED_JWT_SIGNATURES.has(sig))) return false;
  if (isJsonObjectSegment(header)) return false;
  return payload === undefined || payload === '' || isJsonObjectSegment(payload);
}

/**
 * The body lengths GitLab's token kinds come in: 20 characters for most (up to 50 in newer
 * formats, as the peers' rules allow), 25 for incoming-mail, 40 for pipeline-trigger, 50 and
 * more for agent and 64 for OAuth application secrets. Routable tokens (`….<9>`) are not judged.
 */
const GITLAB_BODY_LENGTHS: Array<[string, number, number]> = [
  ['glimt-', 25, 25],
  ['glptt-', 40, 40],
  ['gloas-', 64, 64],
  ['glagent-', 50, 1024],
  ['glcbt-', 20, 50],
  ['GR1348941', 20, 50],
  ['gl', 20, 50],
];

/**
 * `glptt-Need5_T00-be-exactly-40-chars--ELse_failing`: a value of a GitLab token's prefix
 * whose body has a length no token of that kind has, and was made by hand (filler words, an
 * alphabet run: isHandMadeToken) is a test string, not a token. Both must hold: a random body
 * of the wrong length is still a token's material (cut short, mistyped), and a hand-made body
 * of the right length is what the peers' suites list as a token.
 */
export function gitlabMadeUp(token: string): boolean {
  if (token.includes('.')) return false;
  const dash = token.startsWith('GR1348941') ? 9 : token.indexOf('-') + 1;
  let body = token.slice(dash);
  if (token.startsWith('glrt-')) body = body.replace(/^t\d_/, '');
  if (token.startsWith('glcbt-')) body = body.replace(/^[0-9a-fA-F]{1,5}_(?=.{20})/, '');
  const range = GITLAB_BODY_LENGTHS.find(([p]) => token.startsWith(p));
  if (!range || (body.length >= range[1] && body.length <= range[2])) return false;
  return isHandMadeToken(body);
}

/**
 * Whether the body lines of a private key's PEM block hold no key material: fewer than 16
 * base64 characters in all (`anything`, `***`, `xxx`), or base64 that decodes to printable
 * text (`YWJjZGVm…` is `abcdef…`). A key's body is DER, binary from its first byte; spaces,
 * line prefixes and re-wrapping do not hide that, as the characters are judged together.
 */
export function holdsNoKeyMaterial(body: string): boolean {
  const b64 = body.replace(/[^A-Za-z0-9+/]/g, '');
  if (b64.length < 16) return true;
  const bytes = Buffer.from(b64.slice(0, b64.length - (b64.length % 4)), 'base64');
  for (const b of bytes) if ((b < 0x20 || b > 0x7e) && b !== 9 && b !== 10 && b !== 13) return false;
  return true;
}

/** `my-example-token`, `insert_key_here`, `your-api-key`: a placeholder's words. */
const PLACEHOLDER_WORDS_RE = /^(?:[\w.-]*(?:^|[_.-])(?:example|placeholder|fake|dummy)(?:[_.-][\w.-]*|$)|insert[_-][\w-]*|your[_-][\w-]*|[\w-]*[_-]here)$/i;
/**
 * The words placeholders are written with. A passphrase that happens to hold `example` or
 * `here` (`river-example-lamp-cloud`, `moon-tiger-here`) has other words too: it is a secret.
 */
const PLACEHOLDER_VOCAB = new Set(
  (
    'example sample placeholder fake dummy insert your my the a an some put enter paste here goes this is not real ' +
    'api key keys token tokens secret secrets password passwd pass pwd passphrase access auth client id app application ' +
    'value string text credential credentials user username login account service private public bearer oauth webhook ' +
    'url host db database aws gcp azure github slack stripe openai sentry jwt signing session cookie env prod dev test ' +
    'invalid wrong bad too short tooshort long'
  ).split(' '),
);

/** Whether every word of a value is a placeholder's word (numbers of up to 3 digits allowed). */
function placeholderWordsOnly(value: string): boolean {
  const words = value.split(/[_.\s-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/).filter((w) => w !== '');
  return words.every((w) => PLACEHOLDER_VOCAB.has(w.toLowerCase()) || /^\d{1,3}$/.test(w));
}

export function isPlaceholderWording(value: string): boolean {
  return PLACEHOLDER_WORDS_RE.test(value) && placeholderWordsOnly(value);
}

/** A run of 8+ letters and digits mixed. */
const MIXED_RUN_RE = /(?=[A-Za-z0-9]{8})(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,}/;

/**
 * A run a generator made: letters and digits mixed (8+), or letters whose case flips back and
 * forth (`oACUzyHHwDFUTrGHqBWD`: 5+ small-to-capital steps; `yourApiKeyHere` has 3).
 */
export function looksRandom(text: string): boolean {
  if (MIXED_RUN_RE.test(text) || (text.match(/[a-z](?=[A-Z])/g) ?? []).length >= 5) return true;
  // a letters-only run of 12+ that does not split into words (`WSxGSsklPugKWSTXoAPQ`)
  return (text.match(/[A-Za-z]{12,}/g) ?? []).some((run) => !splitsIntoWords(run) || (fewVowels(run) && (run.match(/[a-z](?=[A-Z])/g) ?? []).length >= 3));
}

/** Under a quarter vowels: words have about two fifths, random letters one fifth. */
function fewVowels(run: string): boolean {
  return (run.match(/[aeiou]/gi) ?? []).length * 4 < run.length;
}

/** `yourApiKeyHere`, `MyCompanyProdApiKey`, `YOURTOKEN`: camel-case words, each readable. */
function splitsIntoWords(run: string): boolean {
  return run
    .split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .every((w) => /^[A-Z]+$/.test(w) || (/^[A-Z]?[a-z]+$/.test(w) && /[aeiouy]/i.test(w) && !/[^aeiouy]{5}/i.test(w)));
}
