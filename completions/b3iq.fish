# fish completion for b3iq (b3iq-operator).
# Generated from the command tree by `npm run gen`; do not edit by hand.
# Install it as ~/.config/fish/completions/b3iq.fish, or load it with: b3iq completion fish | source

function __b3iq_subcommands
    switch "$argv[1]"
        case ''
            printf '%s\n' 'init' 'status' 'setup-token' 'setup' 'recover' 'owner' 'keys' 'support' 'redact' 'public' 'gateway' 'enroll' 'request-config' 'scan' 'doctor' 'audit' 'backup' 'restore' 'ui' 'completion'
        case 'setup-token'
            printf '%s\n' 'create' 'list' 'revoke'
        case 'owner'
            printf '%s\n' 'passwd' 'logout-all' 'sessions'
        case 'owner sessions'
            printf '%s\n' 'revoke'
        case 'keys'
            printf '%s\n' 'create' 'list' 'show' 'revoke' 'rotate' 'forget' 'verify'
        case 'support'
            printf '%s\n' 'grant' 'list' 'revoke' 'verify' 'bundle'
        case 'public'
            printf '%s\n' 'check'
        case 'gateway'
            printf '%s\n' 'login' 'status' 'logout'
        case 'enroll'
            printf '%s\n' 'status' 'join' 'leave'
    end
end

function __b3iq_takes_value
    switch "$argv[1]|$argv[2]"
        case '*|--home' 'setup-token create|--ttl' 'setup-token create|--url' 'setup-token create|--out' 'setup-token revoke|--reason' 'setup|--token-file' 'setup|--password-file' 'recover|--token-file' 'recover|--password-file' 'owner passwd|--current-password-file' 'owner passwd|--password-file' 'keys create|--name' 'keys create|--scope' 'keys create|--expires' 'keys create|--out' 'keys create|--save' 'keys revoke|--reason' 'keys rotate|--grace' 'keys rotate|--out' 'keys rotate|--name' 'keys verify|--scope' 'keys verify|--key-file' 'support grant|--ttl' 'support grant|--scope' 'support grant|--note' 'support grant|--out' 'support revoke|--reason' 'support verify|--scope' 'support verify|--token-file' 'support bundle|--out' 'support bundle|--logs' 'support bundle|--since' 'gateway login|--key-file' 'enroll join|--password-file' 'request-config|--kind' 'request-config|--key' 'request-config|--key-file' 'request-config|--token-file' 'request-config|--url' 'request-config|--out' 'request-config|--ttl' 'request-config|--scope' 'doctor|--confirm-rotated' 'backup|--out' 'ui|--port' 'ui|--listen' 'ui|--tls-cert' 'ui|--tls-key'
            return 0
    end
    return 1
end

# The subcommand path typed so far, e.g. "keys create".
function __b3iq_path
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path ''
    set -l skip 0
    for t in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        if string match -q -- '-*' $t
            if not string match -q -- '*=*' $t; and __b3iq_takes_value "$path" $t
                set skip 1
            end
            continue
        end
        if contains -- $t (__b3iq_subcommands "$path")
            set path (string trim -- "$path $t")
        end
    end
    echo $path
end

function __b3iq_at
    set -l p (__b3iq_path)
    test "$p" = "$argv[1]"
end

# This node's credential ids, id<TAB>label (read from the records, never a secret; no write).
function __b3iq_ids
    set -l tokens (commandline -opc)
    set -l home
    for i in (seq (count $tokens))
        if test "$tokens[$i]" = --home; and test $i -lt (count $tokens)
            set home --home $tokens[(math $i + 1)]
        else if string match -q -- '--home=*' $tokens[$i]
            set home --home (string replace -- '--home=' '' $tokens[$i])
        end
    end
    b3iq __complete-ids $argv[1] $home 2>/dev/null
end

complete -c b3iq -f
complete -c b3iq -l home -x -a '(__fish_complete_directories)' -d 'config directory (default: $B3IQ_HOME, else ~/.config/b3iq)'
complete -c b3iq -l json -d 'print one JSON document on stdout; errors as JSON on stderr'
complete -c b3iq -l no-color -d 'disable colour (also NO_COLOR)'
complete -c b3iq -s q -l quiet -d 'print only data and errors'
complete -c b3iq -n '__b3iq_at \'\'' -a 'init' -d 'create the config directory and node identity (idempotent)'
complete -c b3iq -n '__b3iq_at \'\'' -a 'status' -d 'config dir, counts of live/revoked/expired credentials, keychain backend, warnings'
complete -c b3iq -n '__b3iq_at \'\'' -a 'setup-token' -d 'one-time setup tokens for b3iq setup and b3iq recover (b3iq_setup_…)'
complete -c b3iq -n '__b3iq_at \'\'' -a 'setup' -d 'set the owner password with a one-time setup token (token or setup URL on stdin, e.g. b3iq setup < token-file)'
complete -c b3iq -n '__b3iq_at \'\'' -a 'recover' -d 'reset the owner password with a one-time setup token and sign out every owner session'
complete -c b3iq -n '__b3iq_at \'\'' -a 'owner' -d 'the owner password and owner sessions'
complete -c b3iq -n '__b3iq_at \'\'' -a 'keys' -d 'issue, list, rotate, revoke and verify local API keys (b3iq_local_…)'
complete -c b3iq -n '__b3iq_at \'\'' -a 'support' -d 'temporary support grants (b3iq_support_…) and redacted diagnostics bundles'
complete -c b3iq -n '__b3iq_at \'\'' -a 'redact' -d 'stream files (or stdin) to stdout with secrets and private data redacted; counts by category on stderr'
complete -c b3iq -n '__b3iq_at \'\'' -a 'public' -d 'the public surface boundary'
complete -c b3iq -n '__b3iq_at \'\'' -a 'gateway' -d 'the hosted gateway key (b3iq_gateway_…), kept in the OS keychain apart from local keys'
complete -c b3iq -n '__b3iq_at \'\'' -a 'enroll' -d 'the operator\'s decision to enroll this node into the managed or network workflow (off by default)'
complete -c b3iq -n '__b3iq_at \'\'' -a 'request-config' -d 'write a curl config (curl -K) carrying the bearer header of a local key or (--kind support) a support grant, so it never reaches argv; in a file or with --ttl, a short-lived child credential instead'
complete -c b3iq -n '__b3iq_at \'\'' -a 'scan' -d 'find checksum-valid b3iq tokens in files, folders and shell history (never prints them); exit 1 when any is found'
complete -c b3iq -n '__b3iq_at \'\'' -a 'doctor' -d 'check permissions, records, keychain, long-lived and expired credentials, live support grants, tokens in shell history; exit 1 on any failed check'
complete -c b3iq -n '__b3iq_at \'\'' -a 'audit' -d 'show the tamper-evident audit log (no secrets); --verify checks its hash chain, exit 1 at the first broken line'
complete -c b3iq -n '__b3iq_at \'\'' -a 'backup' -d 'write a consistent copy of the whole home (records, journal, owner, audit log, node identity) to a new 0600 file; keychain secrets are not included'
complete -c b3iq -n '__b3iq_at \'\'' -a 'restore' -d 'check a backup (hashes, invariants, anchors) and restore it into an empty home, or with --force over one (moved aside); --dry-run changes nothing'
complete -c b3iq -n '__b3iq_at \'\'' -a 'ui' -d 'serve the local operator UI (setup from a setup URL, sign-in, keys, grants, setup tokens, sessions, audit, health) on 127.0.0.1'
complete -c b3iq -n '__b3iq_at \'\'' -a 'completion' -d 'print the shell completion script (also shipped in completions/)'
complete -c b3iq -n '__b3iq_at \'\'' -s V -l version -d 'print the version'
complete -c b3iq -n '__b3iq_at \'\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'init\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'status\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'setup-token\'' -a 'create' -d 'issue a one-time setup token for b3iq setup / b3iq recover (shown once)'
complete -c b3iq -n '__b3iq_at \'setup-token\'' -a 'list' -d 'list live setup tokens (never tokens or hashes)'
complete -c b3iq -n '__b3iq_at \'setup-token\'' -a 'revoke' -d 'revoke setup tokens by id, or every live one with --all (an exposed setup token can reset the owner password)'
complete -c b3iq -n '__b3iq_at \'setup-token\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'setup-token create\'' -l ttl -x -d 'how long it stays usable: 90s, 15m, 4h (at most 24h)'
complete -c b3iq -n '__b3iq_at \'setup-token create\'' -l url -x -d 'print a setup URL, BASE/setup#token=…, carrying the token in its fragment (BASE defaults to b3iq ui\'s address, http://127.0.0.1:7317)'
complete -c b3iq -n '__b3iq_at \'setup-token create\'' -l out -r -F -d 'write it to a new 0600 file, or - for stdout'
complete -c b3iq -n '__b3iq_at \'setup-token create\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'setup-token list\'' -l all -d 'include used, revoked and expired setup tokens'
complete -c b3iq -n '__b3iq_at \'setup-token list\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'setup-token revoke\'' -l all -d 'revoke every live setup token'
complete -c b3iq -n '__b3iq_at \'setup-token revoke\'' -l reason -x -d 'why, kept in the record and the audit log'
complete -c b3iq -n '__b3iq_at \'setup-token revoke\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'setup-token revoke\'' -a '(__b3iq_ids setup-live)'
complete -c b3iq -n '__b3iq_at \'setup\'' -l token-file -r -F -d 'read the setup token or setup URL from a file (- for stdin)'
complete -c b3iq -n '__b3iq_at \'setup\'' -l password-file -r -F -d 'read the new owner password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE] or a prompt on the terminal'
complete -c b3iq -n '__b3iq_at \'setup\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'recover\'' -l token-file -r -F -d 'read the setup token or setup URL from a file (- for stdin)'
complete -c b3iq -n '__b3iq_at \'recover\'' -l password-file -r -F -d 'read the new owner password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE] or a prompt on the terminal'
complete -c b3iq -n '__b3iq_at \'recover\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'owner\'' -a 'passwd' -d 'change the owner password (the current one is required) and sign out every owner session'
complete -c b3iq -n '__b3iq_at \'owner\'' -a 'logout-all' -d 'sign out every owner session (the runtime refuses sessions from before this)'
complete -c b3iq -n '__b3iq_at \'owner\'' -a 'sessions' -d 'list owner sessions (id, client, created, last seen, expires; never the secret)'
complete -c b3iq -n '__b3iq_at \'owner\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'owner passwd\'' -l current-password-file -r -F -d 'read the current password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE], stdin or a prompt'
complete -c b3iq -n '__b3iq_at \'owner passwd\'' -l password-file -r -F -d 'read the new password from a file (- for stdin); else stdin or a prompt (asked twice)'
complete -c b3iq -n '__b3iq_at \'owner passwd\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'owner logout-all\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'owner sessions\'' -a 'revoke' -d 'sign out owner sessions by id, or every one with --all (= owner logout-all)'
complete -c b3iq -n '__b3iq_at \'owner sessions\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'owner sessions revoke\'' -l all -d 'sign out every owner session (the same as owner logout-all)'
complete -c b3iq -n '__b3iq_at \'owner sessions revoke\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'owner sessions revoke\'' -a '(__b3iq_ids owner-session-live)'
complete -c b3iq -n '__b3iq_at \'keys\'' -a 'create' -d 'issue a local API key (shown once, stored only as a hash)'
complete -c b3iq -n '__b3iq_at \'keys\'' -a 'list' -d 'list live local keys (never secrets or hashes)'
complete -c b3iq -n '__b3iq_at \'keys\'' -a 'show' -d 'show one local key\'s metadata'
complete -c b3iq -n '__b3iq_at \'keys\'' -a 'revoke' -d 'revoke local keys (revoking a revoked key is not an error)'
complete -c b3iq -n '__b3iq_at \'keys\'' -a 'rotate' -d 'issue a successor with the same scopes (and name, unless --name); revoke the old key after the grace period'
complete -c b3iq -n '__b3iq_at \'keys\'' -a 'forget' -d 'remove the copy of a key saved with --save keychain (OS keychain or 0600 file), without revoking the key'
complete -c b3iq -n '__b3iq_at \'keys\'' -a 'verify' -d 'check a local key (from --key-file, B3IQ_LOCAL_KEY[_FILE], stdin or a prompt): exit 0 valid, 1 invalid'
complete -c b3iq -n '__b3iq_at \'keys\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'keys create\'' -l name -x -d 'what the key is for, e.g. ci-runner'
complete -c b3iq -n '__b3iq_at \'keys create\'' -l scope -x -a 'inference models:read usage:read' -d 'a scope to grant (repeatable)'
complete -c b3iq -n '__b3iq_at \'keys create\'' -l expires -x -d 'expiry: 90s, 15m, 4h, 30d or never'
complete -c b3iq -n '__b3iq_at \'keys create\'' -l out -r -F -d 'write the key to a new 0600 file, or - for stdout'
complete -c b3iq -n '__b3iq_at \'keys create\'' -l save -x -a 'keychain' -d 'keep the key in the OS keychain instead of printing it'
complete -c b3iq -n '__b3iq_at \'keys create\'' -l dev -d 'mark as a development credential (doctor --production fails while it is live)'
complete -c b3iq -n '__b3iq_at \'keys create\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'keys list\'' -l all -d 'include revoked and expired keys'
complete -c b3iq -n '__b3iq_at \'keys list\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'keys show\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'keys show\'' -a '(__b3iq_ids local-all)'
complete -c b3iq -n '__b3iq_at \'keys revoke\'' -l reason -x -d 'why, kept in the record and the audit log'
complete -c b3iq -n '__b3iq_at \'keys revoke\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'keys revoke\'' -a '(__b3iq_ids local-live)'
complete -c b3iq -n '__b3iq_at \'keys rotate\'' -l grace -x -d 'keep the old key valid this long (e.g. 15m)'
complete -c b3iq -n '__b3iq_at \'keys rotate\'' -l out -r -F -d 'write the new key to a new 0600 file, or - for stdout'
complete -c b3iq -n '__b3iq_at \'keys rotate\'' -l name -x -d 'name the new key (default: the old key\'s name)'
complete -c b3iq -n '__b3iq_at \'keys rotate\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'keys rotate\'' -a '(__b3iq_ids local-rotatable)'
complete -c b3iq -n '__b3iq_at \'keys forget\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'keys forget\'' -a '(__b3iq_ids local-saved)'
complete -c b3iq -n '__b3iq_at \'keys verify\'' -l scope -x -a 'inference models:read usage:read' -d 'also require this scope'
complete -c b3iq -n '__b3iq_at \'keys verify\'' -l key-file -r -F -d 'read the key from a file (- for stdin)'
complete -c b3iq -n '__b3iq_at \'keys verify\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'support\'' -a 'grant' -d 'issue a temporary support grant (b3iq_support_…): diagnostics scopes only, expires within 72h, shown once'
complete -c b3iq -n '__b3iq_at \'support\'' -a 'list' -d 'list live support grants (never tokens or hashes)'
complete -c b3iq -n '__b3iq_at \'support\'' -a 'revoke' -d 'revoke support grants by id, or every live one with --all (revoking a revoked grant is not an error)'
complete -c b3iq -n '__b3iq_at \'support\'' -a 'verify' -d 'check a support token (from --token-file, B3IQ_SUPPORT_TOKEN[_FILE], stdin or a prompt): exit 0 valid, 1 invalid'
complete -c b3iq -n '__b3iq_at \'support\'' -a 'bundle' -d 'write a redacted diagnostics bundle (.tar.gz, 0600) with a manifest of what is inside and how much was redacted'
complete -c b3iq -n '__b3iq_at \'support\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'support grant\'' -l ttl -x -d 'lifetime, at most 72h (e.g. 30m, 4h, 3d)'
complete -c b3iq -n '__b3iq_at \'support grant\'' -l scope -x -d 'diagnostics:read (default), logs:read or health:read (repeatable)'
complete -c b3iq -n '__b3iq_at \'support grant\'' -l note -x -d 'what the grant is for, e.g. a ticket number (kept in the record)'
complete -c b3iq -n '__b3iq_at \'support grant\'' -l out -r -F -d 'write the token to a new 0600 file, or - for stdout'
complete -c b3iq -n '__b3iq_at \'support grant\'' -l dev -d 'mark as a development credential (doctor --production fails while it is live)'
complete -c b3iq -n '__b3iq_at \'support grant\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'support list\'' -l all -d 'include revoked and expired grants'
complete -c b3iq -n '__b3iq_at \'support list\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'support revoke\'' -l all -d 'revoke every live support grant'
complete -c b3iq -n '__b3iq_at \'support revoke\'' -l reason -x -d 'why, kept in the record and the audit log'
complete -c b3iq -n '__b3iq_at \'support revoke\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'support revoke\'' -a '(__b3iq_ids support-live)'
complete -c b3iq -n '__b3iq_at \'support verify\'' -l scope -x -a 'diagnostics:read logs:read health:read' -d 'also require this scope'
complete -c b3iq -n '__b3iq_at \'support verify\'' -l token-file -r -F -d 'read the token from a file (- for stdin)'
complete -c b3iq -n '__b3iq_at \'support verify\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'support bundle\'' -l out -r -F -d 'the bundle to create (never overwritten; default b3iq-support-<UTC time>.tar.gz here)'
complete -c b3iq -n '__b3iq_at \'support bundle\'' -l logs -r -F -d 'a log file or folder to include, redacted (repeatable)'
complete -c b3iq -n '__b3iq_at \'support bundle\'' -l since -x -d 'only log lines stamped within this long ago (e.g. 2h, 3d)'
complete -c b3iq -n '__b3iq_at \'support bundle\'' -l dry-run -d 'print the manifest and what would be included; write nothing'
complete -c b3iq -n '__b3iq_at \'support bundle\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'redact\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'redact\'' -F
complete -c b3iq -n '__b3iq_at \'public\'' -a 'check' -d 'check a public payload (node, model, receipt, settlement, route-readiness) against the public surface boundary: exit 0 clean, 1 violations, 2 not JSON'
complete -c b3iq -n '__b3iq_at \'public\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'public check\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'public check\'' -F
complete -c b3iq -n '__b3iq_at \'gateway\'' -a 'login' -d 'keep the hosted gateway key (b3iq_gateway_…) in the OS keychain, apart from local keys'
complete -c b3iq -n '__b3iq_at \'gateway\'' -a 'status' -d 'whether a hosted gateway key is kept, and where (never the key): exit 0 present, 1 absent'
complete -c b3iq -n '__b3iq_at \'gateway\'' -a 'logout' -d 'remove the hosted gateway key from wherever it is kept (keychain and file fallback)'
complete -c b3iq -n '__b3iq_at \'gateway\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'gateway login\'' -l key-file -r -F -d 'read the key from a file (- for stdin); else B3IQ_GATEWAY_KEY[_FILE], stdin or a prompt'
complete -c b3iq -n '__b3iq_at \'gateway login\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'gateway status\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'gateway logout\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'enroll\'' -a 'status' -d 'which workflows this node is enrolled in, and since when'
complete -c b3iq -n '__b3iq_at \'enroll\'' -a 'join' -d 'join the managed or network workflow: shows what it will see of this node, asks to confirm, needs the owner password'
complete -c b3iq -n '__b3iq_at \'enroll\'' -a 'leave' -d 'leave a workflow (or --all) at once; no password needed'
complete -c b3iq -n '__b3iq_at \'enroll\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'enroll status\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'enroll join\'' -l yes -d 'confirm without asking (scripts); the owner password is still required'
complete -c b3iq -n '__b3iq_at \'enroll join\'' -l password-file -r -F -d 'read the owner password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE], stdin or a prompt'
complete -c b3iq -n '__b3iq_at \'enroll join\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'enroll join\'' -a 'managed network'
complete -c b3iq -n '__b3iq_at \'enroll leave\'' -l all -d 'leave every workflow'
complete -c b3iq -n '__b3iq_at \'enroll leave\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'enroll leave\'' -a 'managed network'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l kind -x -a 'local support' -d 'which credential: a local key, or a support grant (for /diagnostics/*)'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l key -x -d 'use the local key saved in the keychain under this id (lk_…)'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l key-file -r -F -d 'read the local key from this file (- for stdin); default: B3IQ_LOCAL_KEY_FILE, B3IQ_LOCAL_KEY, stdin'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l token-file -r -F -d 'with --kind support: read the support token from this file (- for stdin); default: B3IQ_SUPPORT_TOKEN_FILE, B3IQ_SUPPORT_TOKEN, stdin'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l url -x -d 'add url = URL to the config (http or https, no embedded credentials)'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l out -r -F -d 'write to a new 0600 file (a short-lived child credential by default), or - for stdout'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l ttl -x -d 'carry a short-lived child credential expiring after this (default 15m when writing a file; never after its parent)'
complete -c b3iq -n '__b3iq_at \'request-config\'' -l scope -x -d 'narrow the child credential to this scope of the parent\'s (repeatable)'
complete -c b3iq -n '__b3iq_at \'request-config\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'scan\'' -l history -d 'also scan shell history ($HISTFILE, bash, zsh and fish history under $HOME)'
complete -c b3iq -n '__b3iq_at \'scan\'' -l revoke -d 'revoke every live credential of this node that is found'
complete -c b3iq -n '__b3iq_at \'scan\'' -l include-vendored -d 'also walk node_modules, .git, .hg and .svn folders (skipped and counted by default)'
complete -c b3iq -n '__b3iq_at \'scan\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'scan\'' -F
complete -c b3iq -n '__b3iq_at \'doctor\'' -l production -d 'add the pre-launch checklist: live development credentials fail, off-box secrets must be confirmed rotated'
complete -c b3iq -n '__b3iq_at \'doctor\'' -l confirm-rotated -x -a 'node-secrets deployer-keys cloudflare-tokens signing-certificates router-secrets protocol-treasuries all' -d 'with --production: confirm these were rotated off-box (comma list, repeatable, or all)'
complete -c b3iq -n '__b3iq_at \'doctor\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'audit\'' -l verify -d 'walk the hash chain; exit 1 naming the first altered, removed or reordered line'
complete -c b3iq -n '__b3iq_at \'audit\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'backup\'' -l out -r -F -d 'the backup to create: a new 0600 file, never overwritten'
complete -c b3iq -n '__b3iq_at \'backup\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'restore\'' -l dry-run -d 'check the backup (hashes, records, invariants, anchors) and change nothing'
complete -c b3iq -n '__b3iq_at \'restore\'' -l force -d 'replace a home that is not empty (it is moved aside to <home>.before-restore-<time>, not deleted)'
complete -c b3iq -n '__b3iq_at \'restore\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'restore\'' -F
complete -c b3iq -n '__b3iq_at \'ui\'' -l port -x -d 'TCP port (0: any free port)'
complete -c b3iq -n '__b3iq_at \'ui\'' -l listen -x -d 'address to listen on; anything but loopback needs --tls-cert and --tls-key'
complete -c b3iq -n '__b3iq_at \'ui\'' -l tls-cert -r -F -d 'serve HTTPS with this PEM certificate (chain)'
complete -c b3iq -n '__b3iq_at \'ui\'' -l tls-key -r -F -d 'the PEM private key of --tls-cert (a file path, never the key itself)'
complete -c b3iq -n '__b3iq_at \'ui\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'completion\'' -s h -l help -d 'show help'
complete -c b3iq -n '__b3iq_at \'completion\'' -a 'bash zsh fish'
