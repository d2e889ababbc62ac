/**
 * Text wrapped so that no pattern sees it: a whole value in base64/base64url (also twice,
 * also gzip-compressed first: `H4sI…`), base32, percent-encoding, a `data:` URL, or a list
 * of character codes or single characters. Each layer is taken off once per string; the
 * walk judges what comes out as a string of its own, so layers inside layers are read too
 * (up to the walk's nesting bound). Decoding is bounded: a compressed value may not grow
 * past MAX_INFLATED, and only text comes out (bytes that are not printable UTF-8 are a
 * hash, a signature or an image, and are left to the blob rules).
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export interface Layer {
  text: string;
  how: string;
}

/** A compressed value may inflate to this much; a zip bomb stops here. */
const MAX_INFLATED = 1024 * 1024;
/** Longer values are not unwrapped (a public payload is small; a blob this size is a blob). */
const MAX_WRAPPED = 4 * 1024 * 1024;

const BASE64_WHOLE_RE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
const BASE32_WHOLE_RE = /^[A-Z2-7]{24,}={0,6}$/;
const PERCENT_RE = /%[0-9A-Fa-f]{2}/;
const SEPARATED_HEX_RE = /^[0-9A-Fa-f]{2}(?:[ :-][0-9A-Fa-f]{2}){7,}$/;
/** Base64 broken into lines (MIME, PEM-like bodies, `base64` without -w0). */
const WRAPPED_RE = /^\s*[A-Za-z0-9+/]{16,}\s*\n\s*[A-Za-z0-9+/=\s]+$/;
const DATA_URL_RE = /^\s*data:([^,]{0,200}),/i;
/** Text with nothing but printable characters, tabs and line breaks. */
const TEXT_RE = /^[^\x00-\x08\x0e-\x1f\x7f\ufffd]+$/;

/** UTF-8 text, or null (a decoding error shows as U+FFFD, which TEXT_RE refuses: no exception per value). */
function asText(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const t = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return TEXT_RE.test(t) ? t : null;
}

/**
 * Per check: how many values may still be tried as raw deflate or brotli (no magic bytes,
 * so every failed try is a thrown error; ids of 16+ letters decode as base64 too).
 */
export class LayerBudget {
  headerless = 256;
}

/** Raw deflate and brotli have no magic bytes: they are tried on small values that are not text only. */
const MAX_HEADERLESS = 64 * 1024;

/** gzip (1f 8b) or zlib (78 01/5e/9c/da) bytes, or small raw-deflate or brotli bytes, inflated within the bound. */
function inflated(bytes: Uint8Array, budget: LayerBudget): Uint8Array | null {
  const opts = { maxOutputLength: MAX_INFLATED };
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes, opts);
    if (bytes[0] === 0x78 && (bytes[1] === 0x01 || bytes[1] === 0x5e || bytes[1] === 0x9c || bytes[1] === 0xda)) return inflateSync(bytes, opts);
  } catch {
    return null; // not compressed after all, or past the bound
  }
  if (bytes.length > MAX_HEADERLESS || budget.headerless <= 0) return null;
  budget.headerless--;
  for (const inflate of [inflateRawSync, brotliDecompressSync]) {
    try {
      return inflate(bytes, opts);
    } catch {
      /* not this one */
    }
  }
  return null;
}

/** UTF-16LE text (every second byte zero, as Windows and PowerShell's -EncodedCommand write it). */
function asUtf16Text(bytes: Uint8Array): string | null {
  if (bytes.length < 16 || bytes.length % 2 !== 0) return null;
  for (let i = 1; i < bytes.length; i += 2) if (bytes[i] !== 0) return null;
  const t = Buffer.from(bytes).toString('utf16le');
  return TEXT_RE.test(t) ? t : null;
}

function fromBytes(bytes: Uint8Array, how: string, budget: LayerBudget): Layer | null {
  const text = asText(bytes) ?? asUtf16Text(bytes);
  if (text !== null) return { text, how };
  const inner = inflated(bytes, budget);
  if (inner) {
    const inflatedText = asText(inner);
    return inflatedText === null ? null : { text: inflatedText, how: `compressed ${how}` };
  }
  return null;
}

function base32Bytes(s: string): Uint8Array {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of s.replace(/=+$/, '')) {
    acc = ((acc << 5) | A.indexOf(c)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function percentDecoded(s: string): string | null {
  try {
    const t = decodeURIComponent(s.replace(/\+/g, ' '));
    return t !== s ? t : null;
  } catch {
    return null;
  }
}

/** The text one layer down, or null when the value is not wrapped (the common case: one or two tests). */
export function unwrapLayer(s: string, budget: LayerBudget): Layer | null {
  if (s.length < 16 || s.length > MAX_WRAPPED) return null;
  const data = DATA_URL_RE.exec(s);
  if (data) {
    const payload = s.slice(data[0].length).trim();
    if (/;base64$/i.test(data[1] as string)) return fromBytes(Buffer.from(payload, 'base64'), 'data: URL', budget);
    const text = percentDecoded(payload) ?? payload;
    return text.length >= 8 ? { text, how: 'data: URL' } : null;
  }
  // base64 wrapped in lines, hex bytes written with spaces or colons (`62 33 69 71`, `62:33:69:71`)
  const t = SEPARATED_HEX_RE.test(s.trim()) ? s.trim().replace(/[\s:-]/g, '') : WRAPPED_RE.test(s) ? s.replace(/\s+/g, '') : s.trim();
  if (/^(?:[0-9a-fA-F]{2}){8,}$/.test(t) && t !== s.trim()) return fromBytes(Buffer.from(t, 'hex'), 'hex', budget);
  if (BASE32_WHOLE_RE.test(t) && !/^[A-F2-7]+$/.test(t)) {
    const layer = fromBytes(base32Bytes(t), 'base32', budget);
    if (layer) return layer;
  }
  if (BASE64_WHOLE_RE.test(t) && !/^(?:0x)?[0-9a-fA-F]+$/.test(t))
    return fromBytes(Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64'), 'base64', budget);
  if (PERCENT_RE.test(s)) {
    const text = percentDecoded(s);
    return text === null ? null : { text, how: 'percent-encoded' };
  }
  return null;
}

/**
 * A list of character codes (`[98,51,105,113,…]`, also written as strings: `["98",…]`,
 * `["0x62",…]`) or of single characters (`["b","3",…]`) as the text it spells, or null. 16+ elements; codes must all be printable ASCII.
 */
export function spelledText(a: readonly unknown[]): string | null {
  if (a.length < 16 || a.length > 65_536) return null;
  if (typeof a[0] === 'number') {
    let text = '';
    for (const x of a) {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 32 || x > 126) return null;
      text += String.fromCharCode(x);
    }
    return text;
  }
  if (typeof a[0] === 'string') {
    if ((a[0] as string).length !== 1) return codesAsText(a);
    for (const x of a) if (typeof x !== 'string' || x.length !== 1) return null;
    return (a as string[]).join('');
  }
  return null;
}

/** One code written as text: decimal (`"115"`), or hex as `0x73`, `\x73`, `%73`, `\u0073`, `U+0073`. */
const CODE_TEXT_RE = /^(?:(\d{2,3})|(?:0x|\\x|%)([0-9a-f]{2})|(?:\\u|u\+)([0-9a-f]{4}))$/i;

/** `["115","107",…]`, `["0x73","0x6b",…]`: character codes written as strings, all printable ASCII. */
function codesAsText(a: readonly unknown[]): string | null {
  let text = '';
  for (const x of a) {
    const m = typeof x === 'string' ? CODE_TEXT_RE.exec(x) : null;
    if (!m) return null;
    const code = m[1] !== undefined ? Number(m[1]) : parseInt((m[2] ?? m[3]) as string, 16);
    if (code < 32 || code > 126) return null;
    text += String.fromCharCode(code);
  }
  return text;
}
