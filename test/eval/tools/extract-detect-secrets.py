#!/usr/bin/env python3
"""Extract Yelp detect-secrets' plugin test cases into test/fixtures/peers/detect-secrets/.

Reads (never imports, never runs) a local git snapshot of detect-secrets:
    python3 test/eval/tools/extract-detect-secrets.py <detect-secrets-git-dir> [commit]

- tests/plugins/*_test.py: the literal rows of `@pytest.mark.parametrize` lists, evaluated by a
  small expression evaluator over the file's AST (string literals, f-strings, `.format`, `+`,
  `%`, slices, module-level constants). Rows it cannot evaluate are skipped and counted.
  `payload/line, should_flag` rows become tp (True) or fp (False); rows of a single `line`,
  `payload` or `file_content` are tps; keyword rows carry their own expected secret (the same
  line under several file extensions is kept once; a line that is a tp for any extension is a
  tp); high-entropy rows combine the class's (secret, non-secret) pairs with the quoting formats.
- test_data/: the lines the tests name as holding secrets (each_secret.py, config.ini lines
  2/10/21/22/32, config.yaml lines 3/5/13), the whole file as the text, one tp per line.
The secret inside a tp row is the detector's value: the password of a URL, the body of a PEM
block, the value of `key = value`, else the longest token of the line.
"""
import ast
import base64
import json
import os
import re
import subprocess
import sys
import textwrap


class Unevaluable(Exception):
    pass


def git(git_dir, *args):
    return subprocess.run(['git', '-C', git_dir, *args], check=True, capture_output=True).stdout.decode('utf-8')


def ev(node, env):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.JoinedStr):
        out = ''
        for v in node.values:
            if isinstance(v, ast.Constant):
                out += v.value
            else:
                val = ev(v.value, env)
                spec = ev(v.format_spec, env) if v.format_spec else ''
                out += format(val, spec)
        return out
    if isinstance(node, ast.BinOp):
        left, right = ev(node.left, env), ev(node.right, env)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Mod):
            return left % right
        if isinstance(node.op, ast.Mult):
            return left * right
        raise Unevaluable('binop')
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -ev(node.operand, env)
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        if re.match(r'^[A-Z][a-z]', node.id):
            return node.id  # a class (plugin) named in a table: its name is enough here
        if node.id in ('True', 'False', 'None'):
            return {'True': True, 'False': False, 'None': None}[node.id]
        raise Unevaluable('name ' + node.id)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [ev(e, env) for e in node.elts]
    if isinstance(node, ast.Subscript):
        return ev(node.value, env)[ev(node.slice, env)]
    if isinstance(node, ast.Slice):
        return slice(*(ev(x, env) if x else None for x in (node.lower, node.upper, node.step)))
    if isinstance(node, ast.Call):
        f = node.func
        args = [ev(a, env) for a in node.args]
        kwargs = {k.arg: ev(k.value, env) for k in node.keywords}
        if isinstance(f, ast.Attribute):
            if f.attr in ('format', 'encode', 'decode', 'upper', 'lower', 'strip', 'replace', 'join'):
                return getattr(ev(f.value, env), f.attr)(*args, **kwargs)
            if isinstance(f.value, ast.Name) and f.value.id == 'textwrap' and f.attr == 'dedent':
                return textwrap.dedent(*args)
            if isinstance(f.value, ast.Name) and f.value.id == 'base64' and f.attr in ('b64encode', 'b64decode'):
                return getattr(base64, f.attr)(*args)
        if isinstance(f, ast.Name) and f.id == 'str':
            return str(*args)
        raise Unevaluable('call')
    raise Unevaluable(type(node).__name__)


SKIP = object()


def try_ev(node, env):
    try:
        return ev(node, env)
    except Exception:
        return SKIP


def module_env(tree):
    env = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            value = stmt.value
            try:
                if isinstance(value, ast.List):
                    # Lists of cases: keep the rows that evaluate (one may use randint, say).
                    env[stmt.targets[0].id] = [v for v in (try_ev(e, env) for e in value.elts) if v is not SKIP]
                else:
                    env[stmt.targets[0].id] = ev(value, env)
            except Exception:
                pass
    return env


def parametrize_rows(dec, env, stats):
    """(argnames, [row tuples]) of one @pytest.mark.parametrize decorator."""
    names = [n.strip() for n in ev(dec.args[0], env).split(',')]
    values = dec.args[1]
    rows = []
    if isinstance(values, ast.Call) and isinstance(values.func, ast.Name) and values.func.id == 'parse_test_cases':
        # keyword_test: parse_test_cases([(ext, CASES), …]) flattens to (ext, line, expected).
        for ext, cases in ev(values.args[0], env):
            for line, expected in cases:
                rows.append((ext, line, expected))
        return names, rows
    if not isinstance(values, (ast.List, ast.Tuple)):
        stats['skipped'] += 1
        return names, rows
    for elt in values.elts:
        try:
            v = ev(elt, env)
        except Exception:
            stats['skipped'] += 1
            continue
        rows.append(tuple(v) if len(names) > 1 else (v,))
    return names, rows


def secret_of(text, rule=''):
    m = re.search(r'-----BEGIN[A-Z ]*PRIVATE KEY-----\n([\s\S]*?)(?:\n-----END|$)', text)
    if m:
        return m.group(1).strip()
    if rule == 'ip_public':
        m = re.search(r'\d{1,3}(?:\.\d{1,3}){3}', text)
        if m:
            return m.group(0)
    m = re.search(r'://[^:/@\s]+:([^@\s/]+)@', text)
    if m:
        return m.group(1)
    m = re.fullmatch(r'\s*(\w+://\S+)\s*', text)
    if m:
        return m.group(1)
    # Overlapping matches (lookahead), so `a:b=VALUE` ends on VALUE.
    pairs = re.findall(r'''(?=(?<![\w.-])-{0,2}[A-Za-z_][\w.-]*["']?\s*(?:=>|:=|==|=|:)\s*@?["'`]?([^"'`\s,;=]+))''', text)
    if pairs and len(pairs[-1]) >= 6:
        return pairs[-1]
    tokens = [t.lstrip('=') for t in re.findall(r'''[^\s"'`,;()<>]+''', text)]
    return max(tokens, key=len) if tokens else text


def family_of(rule):
    r = rule.lower().replace('_', '-')
    if re.search(r'private-?key', r):
        return 'private-key'
    if re.search(r'^(generic|keyword|high-?entropy|base64|hex)', r):
        return 'generic'
    if 'jwt' in r:
        return 'jwt'
    if re.search(r'^(basic-?auth|url|uri)', r):
        return 'url-credential'
    return r.split('-')[0]


def plugin_cases(git_dir, commit, path, stats):
    src = git(git_dir, 'show', f'{commit}:{path}')
    tree = ast.parse(src)
    env = module_env(tree)
    rule = os.path.basename(path)[:-len('_test.py')]
    out = []

    def add(kind, text, secret=None):
        if not isinstance(text, str) or not text.strip():
            return
        case = {'source': 'detect-secrets', 'rule': rule, 'family': family_of(rule), 'kind': kind, 'text': text}
        if kind == 'tp':
            case['secret'] = secret or secret_of(text, rule)
        out.append(case)

    class_pairs = {}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            continue
        for dec in node.decorator_list:
            if not (isinstance(dec, ast.Call) and getattr(dec.func, 'attr', '') == 'parametrize'):
                continue
            names, rows = parametrize_rows(dec, env, stats)
            key = tuple(names)
            if isinstance(node, ast.ClassDef):
                class_pairs[key] = rows
                continue
            if key in (('payload', 'should_flag'), ('line', 'should_flag')):
                for text, flag in rows:
                    add('tp' if flag else 'fp', text)
            elif key in (('payload',), ('line',), ('file_content',)):
                for (text,) in rows:
                    add('tp', text)
            elif key == ('file_extension', 'line', 'expected_secret'):
                tp_lines = {line: exp for _, line, exp in rows if exp}
                seen = set()
                for _, line, exp in rows:
                    if line in seen or (not exp and line in tp_lines):
                        continue
                    seen.add(line)
                    add('tp' if exp else 'fp', line, exp)
            elif key == ('format', 'should_be_caught') and ('plugin', 'non_secret', 'secret') in class_pairs:
                for _plugin, non_secret, secret in class_pairs[('plugin', 'non_secret', 'secret')]:
                    for fmt, caught in rows:
                        text = fmt.format(non_secret=non_secret, secret=secret)
                        if caught:
                            add('tp', text, secret)
                        elif secret not in text:
                            add('fp', text)
            else:
                stats['other_tables'] += 1
    return out


TEST_DATA_LINES = {
    'test_data/config.ini': [2, 10, 21, 22, 32],
    'test_data/config.yaml': [3, 5, 13],
}
EACH_SECRET_KEYS = ['base64_secret', 'hex_secret', 'basic_auth', 'aws_access_key', 'aws_secret_access_key']


def test_data_cases(git_dir, commit):
    out = []
    for path, numbers in TEST_DATA_LINES.items():
        text = git(git_dir, 'show', f'{commit}:{path}')
        lines = text.split('\n')
        for n in numbers:
            line = lines[n - 1].strip()
            value = re.sub(r'^(?:-\s+|[\w.-]+\s*[=:]\s*(?:!!binary\s+)?)', '', line).strip().strip('\'"')
            if value:
                out.append({'source': 'detect-secrets', 'rule': 'test_data', 'family': 'generic', 'kind': 'tp',
                            'case': f'{path}:{n}', 'text': text, 'secret': value})
    text = git(git_dir, 'show', f'{commit}:test_data/each_secret.py')
    for line in text.split('\n'):
        m = re.match(r"(\w+) = '(.*)'$", line)
        if m and m.group(1) in EACH_SECRET_KEYS:
            out.append({'source': 'detect-secrets', 'rule': 'test_data', 'family': family_of(m.group(1)), 'kind': 'tp',
                        'case': f'test_data/each_secret.py:{m.group(1)}', 'text': text, 'secret': secret_of(line)})
    return out


def main():
    if len(sys.argv) < 2:
        print('usage: extract-detect-secrets.py <detect-secrets-git-dir> [commit]', file=sys.stderr)
        sys.exit(2)
    git_dir = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else git(git_dir, 'rev-parse', 'HEAD').strip()
    stats = {'skipped': 0, 'other_tables': 0}
    cases = []
    for path in git(git_dir, 'ls-tree', '--name-only', commit, 'tests/plugins/').split('\n'):
        if path.endswith('_test.py') and not path.endswith('base_test.py'):
            cases.extend(plugin_cases(git_dir, commit, path, stats))
    cases.extend(test_data_cases(git_dir, commit))
    seen, unique = set(), []
    for c in cases:
        k = (c['kind'], c['rule'], c['text'], c.get('secret'))
        if k not in seen:
            seen.add(k)
            unique.append(c)
    out_dir = os.path.join('test', 'fixtures', 'peers', 'detect-secrets')
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, 'cases.json'), 'w') as f:
        f.write('[' + ',\n'.join(json.dumps(c, ensure_ascii=False) for c in unique) + ']\n')
    with open(os.path.join(out_dir, 'LICENSE'), 'w') as f:
        f.write(git(git_dir, 'show', f'{commit}:LICENSE'))
    with open(os.path.join(out_dir, 'NOTICE'), 'w') as f:
        f.write('\n'.join([
            'Test data extracted from detect-secrets: https://github.com/Yelp/detect-secrets',
            f'Upstream commit: {commit}',
            'Licence: Apache-2.0 (full text in LICENSE beside this file). Copyright Yelp, Inc. and the detect-secrets authors.',
            '',
            'What was taken:',
            '- tests/plugins/*_test.py: the rows of the pytest parametrize tables (payloads and whether they are secrets).',
            '- test_data/each_secret.py, config.ini, config.yaml: the files, with the lines the tests name as secrets.',
            '',
            'Modification notice (Apache-2.0, section 4): the strings were taken out of the Python test code',
            'and written as JSON records; the secret substring of each true positive was located by this',
            'project\'s extractor. No upstream program code is included.',
            'Regenerate with the extractor named in ../README.md.',
            '',
        ]))
    tp = sum(1 for c in unique if c['kind'] == 'tp')
    print(f'detect-secrets {commit[:12]}: {tp} tp, {len(unique) - tp} fp; skipped {stats}', file=sys.stderr)


if __name__ == '__main__':
    main()
