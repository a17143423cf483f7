// Text that lands in a `#` comment (Dockerfile, .dockerignore, .env, YAML): a line break in a
// name would end the comment and turn the rest into instructions, so it is shown escaped.

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const ESCAPED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff\ud800-\udfff]/gu;

function escape(character: string): string {
  return SHORT[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Free text for a comment line: every control character and line separator shown as its escape. */
export function commentText(value: string): string {
  return value.replace(ESCAPED, escape);
}

/** A name quoted for a comment line: `"R&D"`, `"api\nRUN x"` (a JSON string, kept on one line). */
export function quotedForComment(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/gu, escape);
}
