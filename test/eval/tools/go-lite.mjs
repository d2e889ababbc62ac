// A tolerant reader for the small subset of Go used in gitleaks' rule files: it tokenizes
// (with Go's automatic semicolons), parses statements and expressions, and lets the caller
// evaluate them. Anything outside the subset throws `Unevaluable`, and the caller skips it.

export class Unevaluable extends Error {}

const PUNCT = [
  ':::=',
  '::=',
  '...',
  ':=',
  '+=',
  '==',
  '!=',
  '&&',
  '||',
  '<-',
  '<=',
  '>=',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  '.',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '!',
  '<',
  '>',
  ':',
  '^',
  '#',
  '?',
  '~',
  '@',
  '$',
];

function unescapeGo(body) {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
        return e;
    }
  });
}

export function tokenize(src) {
  const toks = [];
  let i = 0;
  const needsSemi = () => {
    const t = toks[toks.length - 1];
    if (!t) return false;
    return t.t === 'id' || t.t === 'str' || t.t === 'num' || [')', ']', '}'].includes(t.v);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      if (needsSemi()) toks.push({ t: 'p', v: ';' });
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? src.length : e + 2;
      continue;
    }
    if (c === '`') {
      const e = src.indexOf('`', i + 1);
      toks.push({ t: 'str', v: src.slice(i + 1, e).replace(/\r/g, '') });
      i = e + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      const v = unescapeGo(src.slice(i + 1, j));
      toks.push(c === '"' ? { t: 'str', v } : { t: 'num', v: v.codePointAt(0) });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (id) {
      toks.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const num = /^[0-9][0-9a-fA-FxX_.]*/.exec(src.slice(i, i + 40));
    if (num) {
      toks.push({ t: 'num', v: Number(num[0].replace(/_/g, '')) });
      i += num[0].length;
      continue;
    }
    const p = PUNCT.find((q) => src.startsWith(q, i));
    if (!p) throw new Error(`bad char ${c} at ${i}`);
    toks.push({ t: 'p', v: p });
    i += p.length;
  }
  return toks;
}

/** Parser over a token array; expressions become small AST nodes. */
export class Parser {
  constructor(toks, pos = 0) {
    this.toks = toks;
    this.pos = pos;
  }
  peek(o = 0) {
    return this.toks[this.pos + o];
  }
  is(v) {
    const t = this.peek();
    return t && t.t === 'p' && t.v === v;
  }
  isId(v) {
    const t = this.peek();
    return t && t.t === 'id' && (v === undefined || t.v === v);
  }
  next() {
    return this.toks[this.pos++];
  }
  expect(v) {
    if (!this.is(v)) throw new Unevaluable(`expected ${v} got ${JSON.stringify(this.peek())}`);
    return this.next();
  }

  /** Skip a balanced region starting at an opening bracket. */
  skipBalanced() {
    let depth = 0;
    do {
      const t = this.next();
      if (!t) return;
      if (t.t === 'p' && '([{'.includes(t.v)) depth++;
      if (t.t === 'p' && ')]}'.includes(t.v)) depth--;
    } while (depth > 0);
  }

  /** Skip to the end of the current statement (a `;` at depth 0, or a closing `}`). */
  skipStatement() {
    while (this.peek() && !this.is(';') && !this.is('}')) {
      if (this.is('(') || this.is('[') || this.is('{')) this.skipBalanced();
      else this.next();
    }
    if (this.is(';')) this.next();
  }

  parseExpr() {
    let left = this.parseUnary();
    while (this.is('+') || this.is('==') || this.is('!=') || this.is('&&') || this.is('||') || this.is('-') || this.is('*')) {
      const op = this.next().v;
      left = { k: 'bin', op, left, right: this.parseUnary() };
    }
    return left;
  }

  parseUnary() {
    if (this.is('&') || this.is('!') || this.is('-')) {
      const op = this.next().v;
      return { k: 'un', op, x: this.parseUnary() };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  parseType() {
    // []string, map[string]string, map[string][]string, config.Rule, []byte
    if (this.is('[')) {
      this.next();
      this.expect(']');
      return { k: 'slice', of: this.parseType() };
    }
    if (this.isId('map')) {
      this.next();
      this.expect('[');
      const key = this.parseType();
      this.expect(']');
      return { k: 'map', key, of: this.parseType() };
    }
    if (this.is('*')) {
      this.next();
      return this.parseType();
    }
    let name = this.next().v;
    while (this.is('.')) {
      this.next();
      name += '.' + this.next().v;
    }
    return { k: 'named', name };
  }

  parsePrimary() {
    const t = this.peek();
    if (!t) throw new Unevaluable('eof');
    if (t.t === 'str') {
      this.next();
      return { k: 'str', v: t.v };
    }
    if (t.t === 'num') {
      this.next();
      return { k: 'num', v: t.v };
    }
    if (t.t === 'p' && t.v === '(') {
      this.next();
      const e = this.parseExpr();
      this.expect(')');
      return e;
    }
    if ((t.t === 'p' && t.v === '[') || (t.t === 'id' && t.v === 'map')) {
      const type = this.parseType();
      if (this.is('{')) return this.parseComposite(type);
      if (this.is('(')) {
        this.next();
        const x = this.parseExpr();
        this.expect(')');
        return { k: 'conv', type, x };
      }
      throw new Unevaluable('type without literal');
    }
    if (t.t === 'p' && t.v === '{') return this.parseComposite(null);
    if (t.t === 'id' && t.v === 'func') throw new Unevaluable('func literal');
    if (t.t === 'id') {
      this.next();
      return { k: 'id', v: t.v };
    }
    throw new Unevaluable(`unexpected ${JSON.stringify(t)}`);
  }

  parsePostfix(x) {
    for (;;) {
      if (this.is('.')) {
        this.next();
        x = { k: 'sel', x, name: this.next().v };
        continue;
      }
      if (this.is('(')) {
        this.next();
        const args = [];
        let spread = false;
        while (!this.is(')')) {
          args.push(this.parseExpr());
          if (this.is('...')) {
            this.next();
            spread = true;
          }
          if (this.is(',')) this.next();
          if (this.is(';')) this.next();
        }
        this.expect(')');
        x = { k: 'call', fn: x, args, spread };
        continue;
      }
      if (this.is('[')) {
        this.next();
        const idx = this.parseExpr();
        this.expect(']');
        x = { k: 'index', x, idx };
        continue;
      }
      if (this.is('{') && x.k === 'sel' && /^[A-Z]/.test(x.name)) {
        // config.Rule{…}
        x = this.parseComposite({ k: 'named', name: `${x.x.v}.${x.name}` });
        continue;
      }
      return x;
    }
  }

  parseComposite(type) {
    this.expect('{');
    const elems = [];
    while (!this.is('}')) {
      if (this.is(';') || this.is(',')) {
        this.next();
        continue;
      }
      const start = this.pos;
      try {
        const first = this.parseExpr();
        if (this.is(':')) {
          this.next();
          elems.push({ key: first, value: this.parseExpr() });
        } else elems.push({ value: first });
      } catch (e) {
        if (!(e instanceof Unevaluable)) throw e;
        // Skip this element only: to the next comma or the closing brace at depth 0.
        this.pos = start;
        while (this.peek() && !this.is(',') && !this.is('}')) {
          if (this.is('(') || this.is('[') || this.is('{')) this.skipBalanced();
          else this.next();
        }
        elems.push({ bad: e.message });
      }
    }
    this.expect('}');
    return { k: 'comp', type, elems };
  }
}
