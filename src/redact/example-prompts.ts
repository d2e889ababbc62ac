/**
 * Prompts that are the API references' own examples (a quick-start's `Hello!`), not a
 * customer's words. Prompt content is redacted whole otherwise.
 */

/**
 * The messages every quick-start sends (the API references' own examples): a greeting, the
 * example system prompt. No customer's words are in them; anything more in a prompt is.
 */
const EXAMPLE_PROMPT_RE = /^(?:hello|hi|hello,? world|you are a helpful assistant|say this is a test)[.!]?$/i;

/**
 * `content=Hello World`, `"messages": [{"role": "system", "content": "You are a helpful
 * assistant."}, {"role": "user", "content": "Hello!"}]`: a prompt, or a list of chat messages,
 * made only of those examples.
 */
export function isExamplePrompt(value: string): boolean {
  const v = value.length >= 2 && value[0] === '"' && value.endsWith('"') ? value.slice(1, -1) : value;
  if (!v.startsWith('[')) return EXAMPLE_PROMPT_RE.test(v.trim());
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return false;
  }
  return Array.isArray(parsed) && parsed.length > 0 && parsed.every(isExampleMessage);
}

function isExampleMessage(m: unknown): boolean {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return false;
  const { role, content, ...rest } = m as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof role === 'string' &&
    /^[a-z]{2,16}$/.test(role) &&
    typeof content === 'string' &&
    EXAMPLE_PROMPT_RE.test(content.trim())
  );
}
