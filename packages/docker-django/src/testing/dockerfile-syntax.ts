// A reader of the Dockerfile syntax the generator writes, after BuildKit's own
// (frontend/dockerfile/parser and shell/lex.go): logical lines, instructions, `--flag`s,
// JSON and plain arguments, and the word expansion COPY, WORKDIR and --mount values go
// through. Tests parse what a writer produced with it and compare every argument with the
// value that went in: an injected line shows as an extra instruction, a broken quote as a
// different argument. (The engine's buildx predates `docker build --check`, and a real build
// per sample would take minutes; this reads the same rules in microseconds.)

export interface DockerfileInstruction {
  /** Upper case: RUN, COPY, WORKDIR, ... */
  keyword: string;
  /** `--mount=...` and the like, as BuildKit extracts them (quotes and backslashes applied). */
  flags: string[];
  /** The arguments: a JSON array's items, COPY's whitespace-split words, else the rest of the line. */
  args: string[];
  json: boolean;
  /** The physical line the instruction starts on (1-based). */
  line: number;
}

const CONTINUATION = /\\[ \t]*$/;
const COMMENT = /^[ \t]*#/;
const WHITESPACE_SPLIT = /[\t\v\f\r ]+/;
const FLAGGED = new Set(['RUN', 'COPY', 'ADD', 'FROM']);
const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'SHELL', 'VOLUME']);

/** Logical lines: comments and blank lines dropped, backslash continuations joined. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const physical = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const lines: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | null = null;
  physical.forEach((raw, index) => {
    if (COMMENT.test(raw)) return;
    if (current === null && raw.trim() === '') return;
    const continued = CONTINUATION.test(raw);
    const part = continued ? raw.replace(CONTINUATION, '') : raw;
    current = current ? { ...current, text: current.text + part } : { text: part, line: index + 1 };
    if (!continued) {
      lines.push(current);
      current = null;
    }
  });
  if (current) lines.push(current);
  return lines;
}

/** BuildKit's extractBuilderFlags: leading `--` words, quotes and backslashes applied. */
function extractFlags(rest: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < rest.length && /\s/.test(rest[pos])) pos++;
    if (!rest.startsWith('--', pos)) return { flags, rest: rest.slice(pos) };
    let word = '';
    let quote: string | null = null;
    for (; pos < rest.length; pos++) {
      const ch = rest[pos];
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === '\\' && pos + 1 < rest.length) word += rest[++pos];
        else word += ch;
      } else if (/\s/.test(ch)) break;
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\' && pos + 1 < rest.length) word += rest[++pos];
      else word += ch;
    }
    if (quote) throw new Error(`unterminated quote in flag ${JSON.stringify(word)}`);
    flags.push(word);
  }
}

function jsonArgs(rest: string): string[] | null {
  if (!rest.trimStart().startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(rest);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

export function parseDockerfile(text: string): DockerfileInstruction[] {
  return logicalLines(text).map(({ text: lineText, line }) => {
    const match = /^\s*(\S+)\s*(.*)$/s.exec(lineText);
    if (!match) throw new Error(`line ${line}: no instruction`);
    const keyword = match[1].toUpperCase();
    let rest = match[2];
    let flags: string[] = [];
    if (FLAGGED.has(keyword)) ({ flags, rest } = extractFlags(rest));
    const json = JSON_FORM.has(keyword) ? jsonArgs(rest) : null;
    if (json) return { keyword, flags, args: json, json: true, line };
    const args =
      keyword === 'COPY' || keyword === 'ADD'
        ? rest.trim().split(WHITESPACE_SPLIT)
        : [rest.replace(/\s+$/, '')];
    return { keyword, flags, args, json: false, line };
  });
}

/**
 * What BuildKit's ProcessWord makes of a word of COPY, WORKDIR or a --mount value: quotes
 * removed, backslash escapes applied. A `$` left unescaped would expand a variable; the
 * generator never means one there, so it is an error here.
 */
export function expandWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (ch === '\\') {
      if (i + 1 < word.length) out += word[++i];
    } else if (ch === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${JSON.stringify(word)}`);
      out += word.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < word.length && word[j] !== '"'; j++) {
        if (word[j] === '\\' && ['"', '$', '\\'].includes(word[j + 1])) out += word[++j];
        else if (word[j] === '$') throw new Error(`variable expansion in ${JSON.stringify(word)}`);
        else out += word[j];
      }
      if (j >= word.length) throw new Error(`unterminated " in ${JSON.stringify(word)}`);
      i = j;
    } else if (ch === '$') {
      throw new Error(`variable expansion in ${JSON.stringify(word)}`);
    } else out += ch;
  }
  return out;
}

/** A `--mount=` flag's options, split as BuildKit's CSV reader does (no quoted fields). */
export function mountOptions(flag: string): Record<string, string> {
  const value = flag.replace(/^--mount=/, '');
  if (/["\n]/.test(value)) throw new Error(`quoted or multi-line mount ${JSON.stringify(flag)}`);
  const options: Record<string, string> = {};
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    const key = eq < 0 ? field : field.slice(0, eq);
    if (key in options)
      throw new Error(`mount option ${key} given twice in ${JSON.stringify(flag)}`);
    options[key] = eq < 0 ? '' : expandWord(field.slice(eq + 1));
  }
  return options;
}
