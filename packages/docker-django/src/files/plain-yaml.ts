// A reader for the plain block YAML that compose files are written in: block mappings and
// sequences, plain and quoted scalars, one-line flow sequences of scalars, `|` block scalars
// and comments. It exists for speed: the inference plugin reads every app's compose.yaml on a
// cold project graph, and `yaml`'s full parser spent 150 of the plugin's 230 ms there (50 apps,
// CPU profile in BENCHMARKS.md, graph-time).
//
// The contract is exactness or nothing: a document this reader accepts gives exactly what
// `yaml`'s `parse` gives (YAML 1.2 core schema), and anything it is not sure of (anchors,
// aliases, tags, folded or keep-chomped scalars, multi-line plain or quoted scalars, flow
// mappings, directives and document markers, duplicate keys, keys that are not plain strings,
// tabs, control characters, numbers other than decimal integers) answers OUTSIDE_PLAIN_YAML,
// and the caller parses with `yaml`. plain-yaml.spec.ts checks both halves against `yaml`.

export const OUTSIDE_PLAIN_YAML: unique symbol = Symbol('outside plain YAML');

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Thrown inside the reader only; the entry point turns it into OUTSIDE_PLAIN_YAML. */
class Outside extends Error {}

function outside(): never {
  throw new Outside();
}

// Characters `yaml` rejects or reads specially, and tabs (indentation rules): never guessed at.
// Surrogates are included, so text outside the Basic Multilingual Plane goes to `yaml` too.
const UNSUPPORTED_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;
// `yaml` refuses implicit keys longer than 1024 characters; long lines are not worth the risk.
const MAX_LINE_LENGTH = 1000;
// `yaml` recurses per level and runs out of stack near 900 levels in a fresh process, fewer in
// a busy one; compose files nest fewer than 10. Deeper documents are `yaml`'s to refuse.
const MAX_DEPTH = 64;

// The YAML 1.2 core schema's tags, as `yaml` resolves plain scalars.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const DECIMAL_INT = /^[-+]?[0-9]+$/;
// Octal, hex, floats, infinities and NaN: read by `yaml`, not here.
const OTHER_NUMBER =
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

// A plain mapping key this reader takes: a name, never a number, boolean or null.
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;
// How a plain scalar may not start: an indicator, or a dash that is an entry (`- `). A dash
// before anything else (`--bind=...`) is plain text; `?` and `:` before text are left to `yaml`.
const INDICATOR_START = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?: |$))/;

/** Reads a plain scalar as the core schema does. */
function plainScalar(text: string): Value {
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (DECIMAL_INT.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : outside();
  }
  if (OTHER_NUMBER.test(text)) outside();
  return text;
}

/** What may follow a scalar on its line: nothing, or spaces and a comment. */
function assertLineEnd(rest: string): void {
  if (rest !== '' && !/^ +(?:#.*)?$/.test(rest)) outside();
}

const DOUBLE_QUOTED_ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
};

/** A double-quoted scalar that starts at text[0] and ends on the same line: [value, rest]. */
function doubleQuoted(text: string): [string, string] {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return [value, text.slice(i + 1)];
    if (c !== '\\') {
      value += c;
      continue;
    }
    const escape = text[++i];
    if (escape !== undefined && escape in DOUBLE_QUOTED_ESCAPES) {
      value += DOUBLE_QUOTED_ESCAPES[escape];
    } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      const code = parseInt(text.slice(i + 1, i + 5), 16);
      // Surrogates and characters `yaml` rejects are its business.
      if (UNSUPPORTED_CHARACTERS.test(String.fromCharCode(code))) outside();
      value += String.fromCharCode(code);
      i += 4;
    } else {
      outside();
    }
  }
  return outside(); // continues on the next line
}

/** A single-quoted scalar that starts at text[0] and ends on the same line: [value, rest]. */
function singleQuoted(text: string): [string, string] {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== "'") {
      value += text[i];
    } else if (text[i + 1] === "'") {
      value += "'";
      i++;
    } else {
      return [value, text.slice(i + 1)];
    }
  }
  return outside();
}

function quoted(text: string): [string, string] {
  return text[0] === '"' ? doubleQuoted(text) : singleQuoted(text);
}

/** `[a, "b", 'c']` on one line, scalars only: [value, rest]. */
function flowSequence(text: string): [Value[], string] {
  const items: Value[] = [];
  let rest = text.slice(1).replace(/^ +/, '');
  if (rest.startsWith(']')) return [items, rest.slice(1)];
  for (;;) {
    let item: Value;
    if (rest[0] === '"' || rest[0] === "'") {
      [item, rest] = quoted(rest);
    } else {
      const end = rest.search(/[,\]]/);
      if (end < 0) outside();
      const plain = rest.slice(0, end).replace(/ +$/, '');
      // Flow indicators, pairs, comments and empty entries are `yaml`'s.
      if (plain === '' || INDICATOR_START.test(plain) || /[:#[\]{}]/.test(plain)) outside();
      item = plainScalar(plain);
      rest = rest.slice(end);
    }
    items.push(item);
    rest = rest.replace(/^ +/, '');
    if (rest[0] === ']') return [items, rest.slice(1)];
    if (rest[0] !== ',') outside();
    rest = rest.slice(1).replace(/^ +/, '');
  }
}

/** A mapping entry's key and what follows its colon, or null when the line holds no entry. */
function mappingEntry(text: string): { key: string; value: string } | null {
  if (text[0] === '"' || text[0] === "'") {
    const [key, rest] = quoted(text);
    if (rest[0] !== ':' || (rest.length > 1 && rest[1] !== ' ')) return null;
    if (key === '__proto__' || UNSUPPORTED_CHARACTERS.test(key)) outside();
    return { key, value: rest.slice(1) };
  }
  const colon = text.search(/:(?: |$)/);
  if (colon < 0) return null;
  const key = text.slice(0, colon);
  // Anything else (spaces, a comment before the colon, `? `, numbers, `<<`) is `yaml`'s to read.
  if (!PLAIN_KEY.test(key) || typeof plainScalar(key) !== 'string' || key === '__proto__')
    outside();
  return { key, value: text.slice(colon + 1) };
}

interface Line {
  indent: number;
  /** The line after its indentation. */
  text: string;
}

class PlainYamlReader {
  private readonly lines: Line[];
  private index = 0;
  /** Collections open around the one being read (no decrement on a throw: the reader is done). */
  private depth = 0;

  constructor(text: string) {
    const raw = text.split('\n');
    if (raw.some((line) => line.length > MAX_LINE_LENGTH)) outside();
    this.lines = raw.map((line) => {
      const text = line.replace(/^ +/, '');
      return { indent: line.length - text.length, text };
    });
  }

  /** The next line with content, skipping blank and comment lines. */
  private peek(): Line | undefined {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      if (line.text !== '' && line.text[0] !== '#') return line;
      this.index++;
    }
    return undefined;
  }

  readDocument(): Value {
    const first = this.peek();
    // An empty document, directives and document markers are `yaml`'s.
    if (!first || first.indent !== 0 || /^(?:---|\.\.\.|%)/.test(first.text)) outside();
    const value = this.block(0);
    if (this.peek()) outside();
    return value;
  }

  private block(indent: number): Value {
    const line = this.peek() as Line;
    return isSequenceEntry(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): { [key: string]: Value } {
    if (++this.depth > MAX_DEPTH) outside();
    const map: { [key: string]: Value } = {};
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) outside();
      if (isSequenceEntry(line.text)) break; // an indentless sequence's end: the caller's
      const entry = mappingEntry(line.text);
      if (!entry || Object.prototype.hasOwnProperty.call(map, entry.key)) outside();
      this.index++;
      map[entry.key] = this.nodeAfterIndicator(entry.value, indent, true);
    }
    this.depth--;
    return map;
  }

  private sequence(indent: number): Value[] {
    if (++this.depth > MAX_DEPTH) outside();
    const items: Value[] = [];
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) outside();
      if (!isSequenceEntry(line.text)) break;
      const after = line.text.slice(1);
      const content = after.replace(/^ +/, '');
      if (content !== '' && content[0] !== '#' && mappingEntry(content)) {
        // `- key: value`: a mapping whose keys line up with this first one.
        this.lines[this.index] = {
          indent: indent + 1 + after.length - content.length,
          text: content,
        };
        items.push(this.mapping(this.lines[this.index].indent));
      } else {
        this.index++;
        items.push(this.nodeAfterIndicator(after, indent, false));
      }
    }
    this.depth--;
    return items;
  }

  /**
   * The node after `key:` or `-` (the rest of the line is `text`, the key or dash at `indent`):
   * a scalar or flow sequence on the line, a block scalar, a nested block, or null.
   */
  private nodeAfterIndicator(text: string, indent: number, inMapping: boolean): Value {
    const value = text.replace(/^ +/, '');
    if (value !== '' && text[0] !== ' ') outside();
    if (value === '' || value[0] === '#') {
      const next = this.peek();
      if (next && next.indent > indent) return this.block(next.indent);
      // `key:` followed by `- item` at the key's own indentation (an indentless sequence).
      if (inMapping && next && next.indent === indent && isSequenceEntry(next.text))
        return this.sequence(indent);
      return null;
    }
    if (value[0] === '|') return this.literalBlockScalar(value, indent);
    let result: Value;
    let rest: string;
    if (value[0] === '"' || value[0] === "'") {
      [result, rest] = quoted(value);
    } else if (value[0] === '[') {
      [result, rest] = flowSequence(value);
    } else if (/^\{ *\}/.test(value)) {
      [result, rest] = [{}, value.slice(value.indexOf('}') + 1)];
    } else {
      const comment = value.search(/ #/);
      const plain = (comment < 0 ? value : value.slice(0, comment)).replace(/ +$/, '');
      if (INDICATOR_START.test(plain) || /: |:$/.test(plain)) outside();
      [result, rest] = [plainScalar(plain), ''];
    }
    assertLineEnd(rest);
    // A more indented line after a one-line value would continue it: `yaml` decides.
    const next = this.peek();
    if (next && next.indent > indent) outside();
    return result;
  }

  /** `|` or `|-` and the lines below it indented past `indent` (the key's or dash's). */
  private literalBlockScalar(header: string, indent: number): string {
    const match = /^\|(-?)(?: +#.*| *)$/.exec(header);
    if (!match) outside(); // folded, keep-chomped or with an indentation indicator
    const strip = match[1] === '-';
    const content: string[] = [];
    let contentIndent = -1;
    let blankRun: number[] = [];
    for (; this.index < this.lines.length; this.index++) {
      const line = this.lines[this.index];
      // A line of spaces is blank within the indentation; past it, the spaces are content.
      if (line.text === '' && (contentIndent < 0 || line.indent <= contentIndent)) {
        blankRun.push(line.indent);
        continue;
      }
      if (contentIndent < 0) {
        if (line.indent <= indent) break;
        contentIndent = line.indent;
        // Blank lines before the first line, longer than its indentation, are an error there.
        if (blankRun.some((spaces) => spaces > contentIndent)) outside();
      } else if (line.indent < contentIndent) {
        if (line.indent > indent) outside();
        break;
      }
      for (const spaces of blankRun) content.push(' '.repeat(Math.max(0, spaces - contentIndent)));
      blankRun = [];
      content.push(' '.repeat(line.indent - contentIndent) + line.text);
    }
    if (contentIndent < 0) outside(); // an empty block scalar
    this.index -= blankRun.length; // trailing blank lines belong to no one
    // Clipping keeps one line break, which `yaml` adds even after the document's last line.
    return content.join('\n') + (strip ? '' : '\n');
  }
}

function isSequenceEntry(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/**
 * `yaml`'s reading of `text`: plain block YAML (what compose files, ours included, are written
 * in) by this reader, anything else by `yaml`, loaded on first use (the inference plugin's
 * worker loads no more than it needs). Throws what `yaml` throws.
 */
export function parseYaml(text: string): unknown {
  const plain = parsePlainYaml(text);
  if (plain !== OUTSIDE_PLAIN_YAML) return plain;
  return (require('yaml') as typeof import('yaml')).parse(text);
}

/**
 * The document `text` holds, exactly as `yaml`'s `parse` reads it, when it is written in the
 * plain block YAML this file reads; OUTSIDE_PLAIN_YAML otherwise (then parse with `yaml`).
 */
export function parsePlainYaml(text: string): unknown {
  if (UNSUPPORTED_CHARACTERS.test(text) || text.includes('\r')) return OUTSIDE_PLAIN_YAML;
  try {
    return new PlainYamlReader(text).readDocument();
  } catch (error) {
    if (error instanceof Outside) return OUTSIDE_PLAIN_YAML;
    throw error;
  }
}
