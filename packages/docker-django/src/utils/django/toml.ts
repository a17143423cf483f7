/**
 * A small TOML reader for the few files detection looks at (pyproject.toml, Pipfile).
 *
 * It understands tables, arrays of tables, dotted keys, basic/literal/multi-line strings,
 * arrays and inline tables. Numbers and booleans are converted; dates and other scalars
 * are kept as their raw text. It does not validate (duplicate keys simply overwrite), and
 * throws TomlParseError on input it cannot follow, which callers treat as "no hint".
 *
 * Written here rather than taken from npm to keep the published plugin free of a
 * dependency that only ever reads two or three keys.
 */

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
    this.name = 'TomlParseError';
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const SCALAR_END = /[\s,\]}#]/;

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): TomlTable {
    const root: TomlTable = {};
    let current = root;
    for (;;) {
      this.skipBlankLines();
      if (this.pos >= this.text.length) {
        return root;
      }
      if (this.peek() === '[') {
        current = this.parseHeader(root);
      } else {
        this.parseKeyValue(current);
      }
      this.expectLineEnd();
    }
  }

  private parseHeader(root: TomlTable): TomlTable {
    const isArray = this.text.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    this.skipSpaces();
    const path = this.parseKeyPath();
    this.skipSpaces();
    const close = isArray ? ']]' : ']';
    if (!this.text.startsWith(close, this.pos)) {
      this.fail(`expected "${close}"`);
    }
    this.pos += close.length;

    const parent = this.descend(root, path.slice(0, -1));
    const last = path[path.length - 1];
    if (isArray) {
      const existing = parent[last];
      const table: TomlTable = {};
      if (Array.isArray(existing)) {
        existing.push(table);
      } else {
        parent[last] = [table];
      }
      return table;
    }
    return this.descend(parent, [last]);
  }

  private parseKeyValue(table: TomlTable): void {
    const path = this.parseKeyPath();
    this.skipSpaces();
    if (this.peek() !== '=') {
      this.fail('expected "="');
    }
    this.pos++;
    this.skipSpaces();
    const value = this.parseValue();
    const target = this.descend(table, path.slice(0, -1));
    target[path[path.length - 1]] = value;
  }

  /** Walks (creating as needed) to the table at `path`; arrays of tables yield their last entry. */
  private descend(table: TomlTable, path: string[]): TomlTable {
    let current = table;
    for (const key of path) {
      let next = current[key];
      if (Array.isArray(next)) {
        next = next[next.length - 1];
      }
      if (next === undefined) {
        next = {};
        current[key] = next;
      }
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        this.fail(`"${key}" is not a table`);
      }
      current = next as TomlTable;
    }
    return current;
  }

  private parseKeyPath(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpaces();
      keys.push(this.parseKey());
      this.skipSpaces();
      if (this.peek() !== '.') {
        return keys;
      }
      this.pos++;
    }
  }

  private parseKey(): string {
    const c = this.peek();
    if (c === '"') {
      return this.parseBasicString();
    }
    if (c === "'") {
      return this.parseLiteralString();
    }
    const start = this.pos;
    while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos])) {
      this.pos++;
    }
    if (this.pos === start) {
      this.fail('expected a key');
    }
    return this.text.slice(start, this.pos);
  }

  private parseValue(): TomlValue {
    const c = this.peek();
    if (this.text.startsWith('"""', this.pos)) {
      return this.parseMultilineString('"""');
    }
    if (this.text.startsWith("'''", this.pos)) {
      return this.parseMultilineString("'''");
    }
    if (c === '"') {
      return this.parseBasicString();
    }
    if (c === "'") {
      return this.parseLiteralString();
    }
    if (c === '[') {
      return this.parseArray();
    }
    if (c === '{') {
      return this.parseInlineTable();
    }
    return this.parseScalar();
  }

  private parseArray(): TomlValue[] {
    this.pos++;
    const values: TomlValue[] = [];
    for (;;) {
      this.skipBlankLines();
      if (this.peek() === ']') {
        this.pos++;
        return values;
      }
      values.push(this.parseValue());
      this.skipBlankLines();
      if (this.peek() === ',') {
        this.pos++;
      } else if (this.peek() !== ']') {
        this.fail('expected "," or "]" in array');
      }
    }
  }

  private parseInlineTable(): TomlTable {
    this.pos++;
    const table: TomlTable = {};
    for (;;) {
      // Newlines are lenient here (TOML 1.1 allows them; 1.0 files never have them).
      this.skipBlankLines();
      if (this.peek() === '}') {
        this.pos++;
        return table;
      }
      this.parseKeyValue(table);
      this.skipBlankLines();
      if (this.peek() === ',') {
        this.pos++;
      } else if (this.peek() !== '}') {
        this.fail('expected "," or "}" in inline table');
      }
    }
  }

  private parseScalar(): TomlValue {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      // Dates may contain one space ("1979-05-27 07:32:00"); keep it when a digit follows.
      const isDate = /^\d{4}-\d{2}-\d{2}$/.test(this.text.slice(start, this.pos));
      if (c === ' ' && isDate && /\d/.test(this.text[this.pos + 1] ?? '')) {
        this.pos++;
        continue;
      }
      if (SCALAR_END.test(c)) {
        break;
      }
      this.pos++;
    }
    const raw = this.text.slice(start, this.pos);
    if (raw === '') {
      this.fail('expected a value');
    }
    if (raw === 'true' || raw === 'false') {
      return raw === 'true';
    }
    const numeric = raw.replace(/_/g, '');
    // Only decimal numbers are converted; dates, inf/nan and hex stay raw (never read here).
    return /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(numeric) ? Number(numeric) : raw;
  }

  private parseBasicString(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') {
        this.fail('unterminated string');
      }
      this.pos++;
      if (c === '"') {
        return out;
      }
      out += c === '\\' ? this.parseEscape() : c;
    }
  }

  private parseLiteralString(): string {
    const end = this.text.indexOf("'", this.pos + 1);
    const newline = this.text.indexOf('\n', this.pos + 1);
    if (end === -1 || (newline !== -1 && newline < end)) {
      this.fail('unterminated string');
    }
    const value = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  private parseMultilineString(delimiter: '"""' | "'''"): string {
    this.pos += 3;
    // A newline right after the opening delimiter is not part of the string.
    if (this.text.startsWith('\r\n', this.pos)) {
      this.pos += 2;
    } else if (this.text[this.pos] === '\n') {
      this.pos++;
    }
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) {
        this.fail('unterminated multi-line string');
      }
      if (this.text.startsWith(delimiter, this.pos)) {
        // Up to two quotes may sit right before the closing delimiter ("""a"""" is 'a"').
        let extra = 0;
        while (extra < 2 && this.text[this.pos + 3 + extra] === delimiter[0]) {
          extra++;
        }
        out += delimiter[0].repeat(extra);
        this.pos += 3 + extra;
        return out;
      }
      const c = this.text[this.pos++];
      if (c === '\\' && delimiter === '"""') {
        // A backslash at the end of a line trims the newline and following whitespace.
        const rest = /^[ \t]*\r?\n[\s]*/.exec(this.text.slice(this.pos));
        if (rest) {
          this.pos += rest[0].length;
        } else {
          out += this.parseEscape();
        }
      } else {
        out += c;
      }
    }
  }

  private parseEscape(): string {
    const c = this.text[this.pos++];
    const simple: Record<string, string> = {
      b: '\b',
      t: '\t',
      n: '\n',
      f: '\f',
      r: '\r',
      e: '\x1b',
      '"': '"',
      '\\': '\\',
    };
    if (c in simple) {
      return simple[c];
    }
    const width = c === 'u' ? 4 : c === 'U' ? 8 : c === 'x' ? 2 : 0;
    const hex = this.text.slice(this.pos, this.pos + width);
    if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) {
      this.fail(`invalid escape "\\${c ?? ''}"`);
    }
    this.pos += width;
    return String.fromCodePoint(parseInt(hex, 16));
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') {
      this.pos++;
    }
  }

  private skipComment(): void {
    if (this.peek() === '#') {
      while (this.pos < this.text.length && this.text[this.pos] !== '\n') {
        this.pos++;
      }
    }
  }

  /** Skips spaces, comments and newlines. */
  private skipBlankLines(): void {
    for (;;) {
      this.skipSpaces();
      this.skipComment();
      const c = this.peek();
      if (c === '\n' || c === '\r') {
        this.pos++;
      } else {
        return;
      }
    }
  }

  private expectLineEnd(): void {
    this.skipSpaces();
    this.skipComment();
    const c = this.peek();
    if (c === undefined || c === '\n' || c === '\r') {
      return;
    }
    this.fail(`unexpected "${c}" after value`);
  }

  private fail(message: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new TomlParseError(message, line);
  }
}

export function parseToml(text: string): TomlTable {
  // A leading byte-order mark is common in files saved by Windows editors.
  return new Parser(text.replace(/^\uFEFF/, '')).parse();
}

/** Like parseToml, but returns null instead of throwing on malformed input. */
export function tryParseToml(text: string | null): TomlTable | null {
  if (text === null) {
    return null;
  }
  try {
    return parseToml(text);
  } catch (error) {
    if (error instanceof TomlParseError) {
      return null;
    }
    throw error;
  }
}

/** The value at a dotted path of plain keys (`'tool.poetry.dependencies'`), or undefined. */
export function getTomlValue(table: TomlTable, path: string): TomlValue | undefined {
  let current: TomlValue | undefined = table;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

export function isTomlTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
