# bash completion for b3iq (b3iq-operator).
# Generated from the command tree by `npm run gen`; do not edit by hand.
# Load it with: source <(b3iq completion bash)
# or install it as ~/.local/share/bash-completion/completions/b3iq.

_b3iq_subcommands() {
  case "$1" in
    '') echo 'init status setup-token setup recover owner keys support redact public gateway enroll request-config scan doctor audit backup restore ui completion' ;;
    'setup-token') echo 'create list revoke' ;;
    'owner') echo 'passwd logout-all sessions' ;;
    'owner sessions') echo 'revoke' ;;
    'keys') echo 'create list show revoke rotate forget verify' ;;
    'support') echo 'grant list revoke verify bundle' ;;
    'public') echo 'check' ;;
    'gateway') echo 'login status logout' ;;
    'enroll') echo 'status join leave' ;;
  esac
}

_b3iq_options() {
  local globals='--home --json --no-color --quiet -q'
  case "$1" in
    '') echo '--version -V --home --json --no-color --quiet -q --help -h' ;;
    'init') echo '--help -h' "$globals" ;;
    'status') echo '--help -h' "$globals" ;;
    'setup-token') echo '--help -h' "$globals" ;;
    'setup-token create') echo '--ttl --url --out --help -h' "$globals" ;;
    'setup-token list') echo '--all --help -h' "$globals" ;;
    'setup-token revoke') echo '--all --reason --help -h' "$globals" ;;
    'setup') echo '--token-file --password-file --help -h' "$globals" ;;
    'recover') echo '--token-file --password-file --help -h' "$globals" ;;
    'owner') echo '--help -h' "$globals" ;;
    'owner passwd') echo '--current-password-file --password-file --help -h' "$globals" ;;
    'owner logout-all') echo '--help -h' "$globals" ;;
    'owner sessions') echo '--help -h' "$globals" ;;
    'owner sessions revoke') echo '--all --help -h' "$globals" ;;
    'keys') echo '--help -h' "$globals" ;;
    'keys create') echo '--name --scope --expires --out --save --dev --help -h' "$globals" ;;
    'keys list') echo '--all --help -h' "$globals" ;;
    'keys show') echo '--help -h' "$globals" ;;
    'keys revoke') echo '--reason --help -h' "$globals" ;;
    'keys rotate') echo '--grace --out --name --help -h' "$globals" ;;
    'keys forget') echo '--help -h' "$globals" ;;
    'keys verify') echo '--scope --key-file --help -h' "$globals" ;;
    'support') echo '--help -h' "$globals" ;;
    'support grant') echo '--ttl --scope --note --out --dev --help -h' "$globals" ;;
    'support list') echo '--all --help -h' "$globals" ;;
    'support revoke') echo '--all --reason --help -h' "$globals" ;;
    'support verify') echo '--scope --token-file --help -h' "$globals" ;;
    'support bundle') echo '--out --logs --since --dry-run --help -h' "$globals" ;;
    'redact') echo '--help -h' "$globals" ;;
    'public') echo '--help -h' "$globals" ;;
    'public check') echo '--help -h' "$globals" ;;
    'gateway') echo '--help -h' "$globals" ;;
    'gateway login') echo '--key-file --help -h' "$globals" ;;
    'gateway status') echo '--help -h' "$globals" ;;
    'gateway logout') echo '--help -h' "$globals" ;;
    'enroll') echo '--help -h' "$globals" ;;
    'enroll status') echo '--help -h' "$globals" ;;
    'enroll join') echo '--yes --password-file --help -h' "$globals" ;;
    'enroll leave') echo '--all --help -h' "$globals" ;;
    'request-config') echo '--kind --key --key-file --token-file --url --out --ttl --scope --help -h' "$globals" ;;
    'scan') echo '--history --revoke --include-vendored --help -h' "$globals" ;;
    'doctor') echo '--production --confirm-rotated --help -h' "$globals" ;;
    'audit') echo '--verify --help -h' "$globals" ;;
    'backup') echo '--out --help -h' "$globals" ;;
    'restore') echo '--dry-run --force --help -h' "$globals" ;;
    'ui') echo '--port --listen --tls-cert --tls-key --help -h' "$globals" ;;
    'completion') echo '--help -h' "$globals" ;;
  esac
}

# Options that take a value (the next word, or after =).
_b3iq_takes_value() {
  case "$1|$2" in
    *'|--home') return 0 ;;
    'setup-token create|--ttl') return 0 ;;
    'setup-token create|--url') return 0 ;;
    'setup-token create|--out') return 0 ;;
    'setup-token revoke|--reason') return 0 ;;
    'setup|--token-file') return 0 ;;
    'setup|--password-file') return 0 ;;
    'recover|--token-file') return 0 ;;
    'recover|--password-file') return 0 ;;
    'owner passwd|--current-password-file') return 0 ;;
    'owner passwd|--password-file') return 0 ;;
    'keys create|--name') return 0 ;;
    'keys create|--scope') return 0 ;;
    'keys create|--expires') return 0 ;;
    'keys create|--out') return 0 ;;
    'keys create|--save') return 0 ;;
    'keys revoke|--reason') return 0 ;;
    'keys rotate|--grace') return 0 ;;
    'keys rotate|--out') return 0 ;;
    'keys rotate|--name') return 0 ;;
    'keys verify|--scope') return 0 ;;
    'keys verify|--key-file') return 0 ;;
    'support grant|--ttl') return 0 ;;
    'support grant|--scope') return 0 ;;
    'support grant|--note') return 0 ;;
    'support grant|--out') return 0 ;;
    'support revoke|--reason') return 0 ;;
    'support verify|--scope') return 0 ;;
    'support verify|--token-file') return 0 ;;
    'support bundle|--out') return 0 ;;
    'support bundle|--logs') return 0 ;;
    'support bundle|--since') return 0 ;;
    'gateway login|--key-file') return 0 ;;
    'enroll join|--password-file') return 0 ;;
    'request-config|--kind') return 0 ;;
    'request-config|--key') return 0 ;;
    'request-config|--key-file') return 0 ;;
    'request-config|--token-file') return 0 ;;
    'request-config|--url') return 0 ;;
    'request-config|--out') return 0 ;;
    'request-config|--ttl') return 0 ;;
    'request-config|--scope') return 0 ;;
    'doctor|--confirm-rotated') return 0 ;;
    'backup|--out') return 0 ;;
    'ui|--port') return 0 ;;
    'ui|--listen') return 0 ;;
    'ui|--tls-cert') return 0 ;;
    'ui|--tls-key') return 0 ;;
  esac
  return 1
}

_b3iq_value() {
  case "$1|$2" in
    *'|--home') _b3iq_files "$3" -d ;;
    'setup-token create|--ttl') COMPREPLY=() ;;
    'setup-token create|--url') COMPREPLY=() ;;
    'setup-token create|--out') _b3iq_files "$3" ;;
    'setup-token revoke|--reason') COMPREPLY=() ;;
    'setup|--token-file') _b3iq_files "$3" ;;
    'setup|--password-file') _b3iq_files "$3" ;;
    'recover|--token-file') _b3iq_files "$3" ;;
    'recover|--password-file') _b3iq_files "$3" ;;
    'owner passwd|--current-password-file') _b3iq_files "$3" ;;
    'owner passwd|--password-file') _b3iq_files "$3" ;;
    'keys create|--name') COMPREPLY=() ;;
    'keys create|--scope') COMPREPLY=($(compgen -W 'inference models:read usage:read' -- "$3")) ;;
    'keys create|--expires') COMPREPLY=() ;;
    'keys create|--out') _b3iq_files "$3" ;;
    'keys create|--save') COMPREPLY=($(compgen -W 'keychain' -- "$3")) ;;
    'keys revoke|--reason') COMPREPLY=() ;;
    'keys rotate|--grace') COMPREPLY=() ;;
    'keys rotate|--out') _b3iq_files "$3" ;;
    'keys rotate|--name') COMPREPLY=() ;;
    'keys verify|--scope') COMPREPLY=($(compgen -W 'inference models:read usage:read' -- "$3")) ;;
    'keys verify|--key-file') _b3iq_files "$3" ;;
    'support grant|--ttl') COMPREPLY=() ;;
    'support grant|--scope') COMPREPLY=() ;;
    'support grant|--note') COMPREPLY=() ;;
    'support grant|--out') _b3iq_files "$3" ;;
    'support revoke|--reason') COMPREPLY=() ;;
    'support verify|--scope') COMPREPLY=($(compgen -W 'diagnostics:read logs:read health:read' -- "$3")) ;;
    'support verify|--token-file') _b3iq_files "$3" ;;
    'support bundle|--out') _b3iq_files "$3" ;;
    'support bundle|--logs') _b3iq_files "$3" ;;
    'support bundle|--since') COMPREPLY=() ;;
    'gateway login|--key-file') _b3iq_files "$3" ;;
    'enroll join|--password-file') _b3iq_files "$3" ;;
    'request-config|--kind') COMPREPLY=($(compgen -W 'local support' -- "$3")) ;;
    'request-config|--key') COMPREPLY=() ;;
    'request-config|--key-file') _b3iq_files "$3" ;;
    'request-config|--token-file') _b3iq_files "$3" ;;
    'request-config|--url') COMPREPLY=() ;;
    'request-config|--out') _b3iq_files "$3" ;;
    'request-config|--ttl') COMPREPLY=() ;;
    'request-config|--scope') COMPREPLY=() ;;
    'doctor|--confirm-rotated') COMPREPLY=($(compgen -W 'node-secrets deployer-keys cloudflare-tokens signing-certificates router-secrets protocol-treasuries all' -- "$3")) ;;
    'backup|--out') _b3iq_files "$3" ;;
    'ui|--port') COMPREPLY=() ;;
    'ui|--listen') COMPREPLY=() ;;
    'ui|--tls-cert') _b3iq_files "$3" ;;
    'ui|--tls-key') _b3iq_files "$3" ;;
    *) COMPREPLY=() ;;
  esac
}

_b3iq_argument() {
  case "$1" in
    'setup-token revoke') _b3iq_ids setup-live "$2" ;;
    'owner sessions revoke') _b3iq_ids owner-session-live "$2" ;;
    'keys show') _b3iq_ids local-all "$2" ;;
    'keys revoke') _b3iq_ids local-live "$2" ;;
    'keys rotate') _b3iq_ids local-rotatable "$2" ;;
    'keys forget') _b3iq_ids local-saved "$2" ;;
    'support revoke') _b3iq_ids support-live "$2" ;;
    'redact') _b3iq_files "$2" ;;
    'public check') _b3iq_files "$2" ;;
    'enroll join') COMPREPLY=($(compgen -W 'managed network' -- "$2")) ;;
    'enroll leave') COMPREPLY=($(compgen -W 'managed network' -- "$2")) ;;
    'scan') _b3iq_files "$2" ;;
    'restore') _b3iq_files "$2" ;;
    'completion') COMPREPLY=($(compgen -W 'bash zsh fish' -- "$2")) ;;
    *) COMPREPLY=() ;;
  esac
}

# This node's credential ids (read from the records, never a secret; no write).
_b3iq_ids() {
  local IFS=$'\n'
  COMPREPLY=($(compgen -W "$(b3iq __complete-ids "$1" ${_b3iq_home:+"--home=$_b3iq_home"} 2>/dev/null | cut -f1)" -- "$2"))
}

_b3iq_files() {
  local IFS=$'\n'
  COMPREPLY=($(compgen ${2:--f} -- "$1"))
  compopt -o filenames 2>/dev/null
}

_b3iq() {
  local line="${COMP_LINE:0:COMP_POINT}" cur path="" i w sub _b3iq_home=""
  local -a words
  read -ra words <<<"$line"
  [[ "$line" =~ [[:space:]]$ ]] && words+=("")
  cur="${words[${#words[@]}-1]}"
  COMPREPLY=()
  for ((i = 1; i < ${#words[@]} - 1; i++)); do
    w="${words[i]}"
    case "$w" in
      --) break ;;
      --home) _b3iq_home="${words[i+1]}"; ((i++)) ;;
      --home=*) _b3iq_home="${w#--home=}" ;;
      -*=*) ;;
      -*) if _b3iq_takes_value "$path" "$w"; then ((i++)); fi ;;
      *) for sub in $(_b3iq_subcommands "$path"); do
           if [[ "$w" == "$sub" ]]; then path="${path:+$path }$w"; break; fi
         done ;;
    esac
  done
  local prev=""
  ((${#words[@]} > 1)) && prev="${words[${#words[@]}-2]}"
  if [[ "$cur" == --*=* ]] && _b3iq_takes_value "$path" "${cur%%=*}"; then
    _b3iq_value "$path" "${cur%%=*}" "${cur#*=}"
    cur="${cur#*=}"
  elif [[ "$prev" == -* && "$prev" != *=* ]] && _b3iq_takes_value "$path" "$prev"; then
    _b3iq_value "$path" "$prev" "$cur"
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_b3iq_options "$path")" -- "$cur"))
  else
    local subs
    subs="$(_b3iq_subcommands "$path")"
    if [[ -n "$subs" ]]; then
      COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    else
      _b3iq_argument "$path" "$cur"
    fi
  fi
  # Characters in COMP_WORDBREAKS (: and =) split the word bash replaces: drop that part.
  local breaks="${COMP_WORDBREAKS//[^:=]/}"
  if [[ -n "$breaks" && "$cur" == *["$breaks"]* ]]; then
    local pre="${cur%"${cur##*["$breaks"]}"}"
    for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]="${COMPREPLY[i]#"$pre"}"; done
  fi
  return 0
}

complete -F _b3iq b3iq
