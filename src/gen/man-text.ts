/**
 * The hand-written sections of man/b3iq.1. Plain text: the generator escapes it for roff.
 * A block is a paragraph (string), a tagged list ({ items }) or a literal example ({ code }).
 * Never a real credential here: write b3iq_local_… with the ellipsis.
 */
import { CREDENTIAL_KINDS, KINDS } from '../core/credential-kinds.js';

export type Block = string | { items: Array<[string, string]> } | { code: string[] };

export interface Section {
  title: string;
  blocks: Block[];
}

export const NAME_LINE = 'operator security toolkit for B3IQ inference nodes';

export const DESCRIPTION: Block[] = [
  'b3iq manages the credentials of a B3IQ inference node and keeps them off the places they leak from: local API keys (b3iq_local_…), support grants (b3iq_support_…), setup tokens (b3iq_setup_…) and the owner password, plus the hosted gateway key (b3iq_gateway_…) kept apart in the OS keychain. It also redacts logs and support bundles, checks public payloads against the public surface boundary, scans files and shell history for leaked tokens, and runs health checks before launch.',
  'Secrets are shown exactly once when issued and then kept only as sha256 hashes. No flag ever takes a secret value: secrets come from files, environment variables, standard input or a prompt that shows nothing as you type (not even a mask character), and any argument shaped like a b3iq credential is refused before anything runs.',
  'Every command takes --json (one JSON document on stdout; errors as {"error":{"code","message"}} on stderr). Human messages go to stderr, data to stdout. With --json, stderr carries one JSON document or nothing: warnings go inside it as a list ({"warnings":[…]} after a success, beside "error" after a failure).',
  'An error never repeats an argument that could be a secret: a mistyped option, command, scope or file name is named by its position ("unknown option in argument 2"); only public ids (lk_…), the tool\'s own words and paths that exist are shown.',
];

export const AFTER_COMMANDS: Section[] = [
  {
    title: 'SECRET INPUT',
    blocks: [
      'A command that needs a secret reads it from the first of these that is present:',
      {
        items: [
          ['1.', 'its --NAME-file PATH flag (- means standard input);'],
          ['2.', 'the environment variable B3IQ_NAME_FILE (a path);'],
          ['3.', 'the environment variable B3IQ_NAME (the value);'],
          ['4.', 'standard input, when it is not a terminal;'],
          ['5.', 'a prompt on the terminal that shows nothing as you type (on /dev/tty when standard input already carried another secret).'],
        ],
      },
      'With none available (CI, no standard input) the command fails at once with exit status 2 and names these ways; it never waits for input.',
    ],
  },
  {
    title: 'ENVIRONMENT',
    blocks: [
      {
        items: [
          ['B3IQ_HOME', 'the config directory (overridden by --home).'],
          ['XDG_CONFIG_HOME', 'where the default config directory lives when B3IQ_HOME is not set ($XDG_CONFIG_HOME/b3iq, else ~/.config/b3iq).'],
          ...CREDENTIAL_KINDS.flatMap((k): Array<[string, string]> => {
            const s = KINDS[k].secret;
            return s ? [[`${s.envFile}, ${s.env}`, KINDS[k].envHelp ?? '']] : [];
          }),
          ['B3IQ_OWNER_PASSWORD_FILE, B3IQ_OWNER_PASSWORD', 'the owner password.'],
          [
            'B3IQ_KEYCHAIN',
            'auto (default: the OS keychain, else 0600 files, with one warning naming the reason and its fix when a secret is stored there), on (fail with exit status 3 when no keychain is usable) or off (never touch it). Any other value is exit status 2 for every command.',
          ],
          ['B3IQ_STDIN_TIMEOUT', 'seconds to wait for a secret on a pipe that stays open (default 120, 10 under CI).'],
          ['B3IQ_DEBUG', 'set to 1 to print stack traces (never secrets) with errors.'],
          ['NO_COLOR', 'disables colour, as --no-color does.'],
          [
            'HISTFILE, HOME, XDG_DATA_HOME',
            'where scan --history and doctor look for shell history: $HISTFILE, ~/.bash_history, ~/.zsh_history, ~/.zhistory, ~/.histfile, ~/.sh_history and the fish history.',
          ],
        ],
      },
      'The B3IQ_NAME variables carrying a value are convenient in CI secret stores but are visible to other processes of the same user; prefer the _FILE forms.',
    ],
  },
  {
    title: 'FILES',
    blocks: [
      'Everything lives in the config directory (default ~/.config/b3iq), 0700, every file 0600, whatever the umask. b3iq refuses a directory owned by another user or writable by group or others, and never follows a symlink when writing.',
      {
        items: [
          ['node.json', 'the node identity.'],
          [
            'credentials.json',
            'local keys, support grants and setup tokens: metadata and sha256 hashes, never tokens. Versioned (schemaVersion), written atomically under a lock.',
          ],
          ['owner.json', 'the owner password hash (argon2id) and session generation.'],
          [
            'enrollment.json',
            'the enrollment decision: the managed and network workflows the owner joined, and since when. Absent or invalid means enrolled in nothing.',
          ],
          [
            'audit.log',
            'the tamper-evident audit log: one JSON line per state change, hash-chained; past 8 MiB it continues in numbered segments (audit.log.000001, ...) the chain runs through; b3iq audit --verify checks it.',
          ],
          ['lock', 'the inter-process lock.'],
          ['keychain/', '0600 fallback files when no OS keychain is reachable and B3IQ_KEYCHAIN=auto.'],
        ],
      },
      'Completion scripts ship in the package under completions/ (b3iq.bash, _b3iq, b3iq.fish), this page under man/b3iq.1.',
    ],
  },
  {
    title: 'EXIT STATUS',
    blocks: [
      {
        items: [
          ['0', 'success.'],
          [
            '1',
            'the thing checked is negative: an invalid, unknown, revoked, expired or used token, a wrong password, a declined enroll join, findings from doctor, public check, scan or audit --verify.',
          ],
          [
            '2',
            'usage: an unknown flag or argument, a secret on the command line, a forbidden scope, input needed but none available, a credential of the wrong kind, --out onto an existing file or a symlink, input that is not valid JSON, a weak new owner password, a file or folder named for reading that cannot be read, an invalid B3IQ_KEYCHAIN, enroll join network without a hosted gateway key.',
          ],
          [
            '3',
            'store or environment: not initialised, corrupt or unreadable records, unsafe permissions (a record readable or writable by group or others), lock timeout, keychain required but unavailable.',
          ],
          ['130', 'interrupted.'],
        ],
      },
    ],
  },
  {
    title: 'SECURITY',
    blocks: [
      'Never put a secret on the command line: shell history, process listings, logs and copied snippets keep it. b3iq refuses such arguments (exit status 2, E_SECRET_IN_ARGV) without echoing them, and when the value is a live credential of this node says that it must be treated as exposed and how to rotate it.',
      'A new secret is shown once: --out FILE creates a new 0600 file (never overwriting, never through a symlink); --out - prints it on stdout deliberately; on a terminal it is printed once with a warning; to a stdout that is not a terminal (often a CI log) it is refused before anything is issued.',
      "Use request-config to give curl the bearer header through a pipe or a new 0600 file, so the token never reaches curl's argv; it refuses a terminal, or a file others can read, on stdout. A config written to a file (and any with --ttl) carries a short-lived child credential, not the key: the key's scopes or fewer, 15 minutes by default, never outliving the key and revoked with it. Revoke an exposed setup token with b3iq setup-token revoke: it can reset the owner password until it expires. Run b3iq scan --history and b3iq doctor regularly; before launch, b3iq doctor --production fails while development credentials are live and until the off-box secrets used during MVP work (node secrets, deployer keys, Cloudflare tokens, signing certificates, router secrets, protocol treasury keys) are confirmed rotated.",
      'No secret or token hash is ever written to logs, errors, the audit log or support bundles. Support grants always expire (72 hours at most), carry diagnostics scopes only and can be revoked at once with b3iq support revoke --all.',
    ],
  },
  {
    title: 'EXAMPLES',
    blocks: [
      'Issue a local key into a private file and use it without it ever reaching argv (the safe local key pattern); against the example server (node examples/server.js on 127.0.0.1:8080), whose /v1/models needs models:read, it runs as written:',
      {
        code: [
          'umask 077',
          'mkdir -p .secrets',
          'b3iq keys create --name ci --scope inference --scope models:read --expires 30d --out .secrets/b3iq-local-key',
          'export B3IQ_LOCAL_KEY_FILE=.secrets/b3iq-local-key',
          'curl -fsS -K <(b3iq request-config) http://127.0.0.1:8080/v1/models',
        ],
      },
      'The same with a five-minute child credential in the config instead of the key; and, for a script that must see b3iq fail, a file first:',
      {
        code: [
          'curl -K <(b3iq request-config --ttl 5m) http://127.0.0.1:8080/v1/models',
          'b3iq request-config --out .secrets/req.conf && curl -K .secrets/req.conf http://127.0.0.1:8080/v1/models',
        ],
      },
      'A support engineer calls the diagnostics endpoints with a grant, the same way:',
      { code: ['curl -K <(b3iq request-config --kind support --token-file grant.txt) http://127.0.0.1:8080/diagnostics/summary'] },
      'Check a key, rotate it with a grace period, revoke the old one:',
      {
        code: [
          'b3iq keys verify --key-file .secrets/b3iq-local-key --scope inference',
          'b3iq keys rotate lk_… --grace 15m --out .secrets/b3iq-local-key.new',
          'b3iq keys revoke lk_… --reason "left the team"',
        ],
      },
      'Give support four hours of diagnostics access, then end it:',
      { code: ['b3iq support grant --ttl 4h --note "ticket 1234" --out grant.txt', 'b3iq support revoke --all'] },
      'Find leaked tokens in a repository and in shell history, revoking any live one:',
      { code: ['b3iq scan . --history --revoke'] },
      'A CI gate before launch:',
      { code: ['b3iq doctor --production --confirm-rotated all --json', 'b3iq audit --verify'] },
      'Enroll the node into the network workflow from a script (after b3iq gateway login), check, and leave:',
      { code: ['b3iq enroll join network --yes --password-file .secrets/owner-password', 'b3iq enroll status --json', 'b3iq enroll leave --all'] },
      'Install shell completion:',
      { code: ['source <(b3iq completion bash)', 'b3iq completion fish | source'] },
    ],
  },
  {
    title: 'SEE ALSO',
    blocks: ['curl(1), umask(1p), secret-tool(1). The project documentation: docs/hygiene.md, docs/records.md, docs/redaction.md, docs/enrollment.md.'],
  },
];
