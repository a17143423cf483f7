import { UnwritableValueError } from './unwritable';

// Python string literals for container_settings.py. JSON happens to agree with Python for the
// escapes it emits, but not by contract; this writes what Python's own repr() would need.

const SHORT: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** The inside of a double-quoted Python literal (also safe inside a `"""` docstring). */
export function pythonStringBody(value: string): string {
  let body = '';
  for (let i = 0; i < value.length; i++) {
    const character = value[i];
    const code = value.charCodeAt(i);
    if (SHORT[character]) body += SHORT[character];
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
      body += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (isPair(value, i)) body += value[i] + value[++i];
    // A lone surrogate cannot be written as UTF-8; Python's \u escape holds it.
    else if ((code >= 0xd800 && code <= 0xdfff) || code === 0x2028 || code === 0x2029)
      body += `\\u${code.toString(16)}`;
    else body += character;
  }
  return body;
}

function isPair(value: string, i: number): boolean {
  const code = value.charCodeAt(i);
  const next = value.charCodeAt(i + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

/** A Python `str` literal that evaluates to `value`. */
export function pythonString(value: string): string {
  return `"${pythonStringBody(value)}"`;
}

/** A Python list of `str` literals. */
export function pythonList(values: readonly string[]): string {
  return `[${values.map(pythonString).join(', ')}]`;
}

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try ' +
    'while with yield'
  ).split(' '),
);

/**
 * A dotted module path (`mysite.settings`) as it goes into `from ... import *`: refused unless
 * every part is a Python identifier and no keyword, since no quoting exists for an import.
 */
export function pythonModulePath(value: string, label: string): string {
  const bad = value.split('.').find((part) => !IDENTIFIER.test(part) || KEYWORDS.has(part));
  if (bad !== undefined) {
    throw new UnwritableValueError(
      `Invalid ${label} ${JSON.stringify(value)} is not a Python module path: ${JSON.stringify(bad)} ` +
        `is ${KEYWORDS.has(bad) ? 'a keyword' : 'not an identifier'}. Pass the dotted module ` +
        'of your settings, e.g. --settingsModule mysite.settings.',
    );
  }
  return value;
}
