// Reading a call's arguments out of Python source text: enough to tell `os.getenv("X")` from
// `os.getenv("X", "default")` and `env("X", default=None)` from `env("X", cast=bool)`.
// No evaluation; brackets and strings are balanced, nothing more.

export interface CallArguments {
  /** Positional arguments, trimmed source text. */
  positional: string[];
  /** Keyword arguments by name, trimmed source text. */
  keywords: Record<string, string>;
  /** Index just past the closing parenthesis (the call's end), or the text's end. */
  end: number;
}

/** The top-level arguments of the call whose `(` is at `open`. */
export function readCallArguments(code: string, open: number): CallArguments {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  let i = open + 1;
  for (; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'") {
      const triple = code.startsWith(c.repeat(3), i);
      const delimiter = triple ? c.repeat(3) : c;
      let j = i + delimiter.length;
      while (j < code.length && !code.startsWith(delimiter, j)) j += code[j] === '\\' ? 2 : 1;
      current += code.slice(i, j + delimiter.length);
      i = j + delimiter.length - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    }
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim() !== '') parts.push(current);
  const positional: string[] = [];
  const keywords: Record<string, string> = {};
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
    if (keyword) keywords[keyword[1]] = keyword[2].trim();
    else positional.push(part);
  }
  return { positional, keywords, end: Math.min(code.length, i + 1) };
}

/** The text of a plain string literal (`"X"`, `'X'`), or null for anything else. */
export function stringLiteral(text: string | undefined): string | null {
  const match = /^[rbuRBU]?(['"])([^'"\n\\]*)\1$/.exec(text?.trim() ?? '');
  return match ? match[2] : null;
}

/** Whether a default's source text gives nothing usable: `None` or an empty string. */
export function isEmptyDefault(text: string): boolean {
  return text === 'None' || stringLiteral(text) === '';
}
