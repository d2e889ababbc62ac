/**
 * Code that names where a secret is kept, written where a value would stand:
 * `api_key = os.environ["API_KEY"]`, `password = args.password`, `secret = self.secret_key`,
 * `password = cfg["db"]["password"]`, `password: !Ref DbPassword`, `password = $env:DB_PASSWORD`,
 * `password=None`. The value is elsewhere; these name it. Each form needs a sign of code a
 * person does not type into a password: a receiver that only code has (`self.`, `args.`,
 * `os.environ`), a subscript by a quoted name or a symbol (`["API_KEY"]`, `[:token]`), or a
 * tag or drive of a config language (`!Ref`, `$env:`); and the name it ends in names a
 * secret. A dotted pair of words alone (`Summer.Password1`) is a person's password, and so is
 * `this.is.password`: more than one step of plain words is no code.
 */

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
/** A subscript by a quoted name (letters, digits, `_ . / : -`) or a Ruby symbol; an index. */
const SUBSCRIPT = `\\[(?:"[A-Za-z_][\\w./:-]*"|'[A-Za-z_][\\w./:-]*'|:${NAME}|\\d{1,3})\\]`;
/** A call's arguments: quoted names or plain words, no nesting. */
const CALL = `\\((?:\\s*(?:"[\\w./:-]*"|'[\\w./:-]*'|${NAME})\\s*,?)*\\)`;
const ACCESSOR = `(?:\\.${NAME}|${SUBSCRIPT}|${CALL})`;

/**
 * Receivers only code has: the object itself, parsed arguments and options, a request and its
 * context, configuration and settings objects, a language's environment (`os.environ`, `ENV`,
 * `process.env`, a bundler's `import`-rooted env, `Rails.application`, `System`), a secret store's client.
 */
const RECEIVERS =
  'self|this|cls|args|argv|opts|options|params|parameters|request|req|ctx|context|cfg|conf|config|configuration|props|properties|' +
  'settings|secrets|creds|credentials|env|environ|os|process|ENV|import|Rails|System|app|application|values|Values|vault|keyring';

/** `self.secret_key`, `os.environ["API_KEY"]`, `ENV['DB_PASSWORD']`, `@config[:token]`, `vault.read('secret/db')['password']`. */
const RECEIVER_PATH_RE = new RegExp(`^@?(?:${RECEIVERS})${ACCESSOR}+$`);
/** `cfg["db"]["password"]`, `st.secrets["OPENAI_API_KEY"]`: any name path that ends in a quoted-name subscript. */
const SUBSCRIPT_PATH_RE = new RegExp(`^@?${NAME}(?:\\.${NAME})*(?:${SUBSCRIPT})+$`);
/**
 * `!Ref DbPassword`, `!GetAtt Db.Password`, `!ImportValue X`, `!secret openai_key` (CloudFormation
 * and Home Assistant tags), `$env:DB_PASSWORD` (PowerShell's environment drive).
 */
const TAG_RE = new RegExp(`^(?:!(?:Ref|GetAtt|ImportValue|secret|env_var)\\s+${NAME}(?:\\.${NAME})*|\\$env:${NAME})$`);
/** A language's null written as the value: `password=None` in a Python repr. */
const NULL_RE = /^(?:None|NULL|Nil|nullptr)$/;

/** The name a reference ends in names a secret: `DbPassword`, `VITE_API_KEY`, `secret_key_base`, `token`. */
const SECRET_NAME_RE = /pass|pwd|secret|token|key|credential|auth|pin/i;
/** A name written as code is: snake case, camel case or capitals (`secret_key_base`, `dbPassword`, `API_KEY`). */
const CODE_NAME_RE = /_|[a-z][A-Z]|^[A-Z][A-Z0-9]+$/;

export function isCodeReference(value: string): boolean {
  if (value.length > 200) return false;
  if (NULL_RE.test(value)) return true;
  const tag = TAG_RE.test(value);
  if (!tag && !RECEIVER_PATH_RE.test(value) && !SUBSCRIPT_PATH_RE.test(value)) return false;
  const names = value.match(NAME_G_RE) ?? [];
  const last = names[names.length - 1] ?? '';
  if (!SECRET_NAME_RE.test(last)) return false;
  if (tag || /[[(]/.test(value)) return true;
  // dotted names alone: `args.password`, `credentials.secret_key_base`; a person's dotted
  // words (`this.is.password`) have more than one step and no name written as code
  return names.length === 2 || CODE_NAME_RE.test(last);
}
const NAME_G_RE = new RegExp(NAME, 'g');
