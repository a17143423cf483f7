// A small TOML reader: enough of TOML 1.0 to read pyproject.toml files reliably (tables,
// arrays of tables, dotted and quoted keys, every string form, arrays, inline tables,
// comments). Numbers and dates are kept loosely (numbers as numbers, dates as their text):
// the graph code never reads them, it only has to get past them.
//
// Written in-house rather than depending on a TOML package: `smol-toml` is in node_modules
// only as a dependency of `nx` itself, and the plugin needs a tiny, well-tested subset.

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;

export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(`${reason} (line ${line})`);
    this.name = 'TomlSyntaxError';
  }
}

/** Parses TOML text into plain objects. Throws {@link TomlSyntaxError} on malformed input. */
export function parseToml(text: string): TomlTable {
  return new TomlReader(text.replace(/^\uFEFF/, '')).read();
}

/** True for a TOML table (as opposed to an array or a scalar). */
export function isTomlTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const SCALAR_END = new Set([',', ']', '}', '#', '\n', '\r']);

function newTable(): TomlTable {
  // No prototype, so keys such as "__proto__" or "constructor" are ordinary keys.
  return Object.create(null) as TomlTable;
}

function hasKey(table: TomlTable, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key);
}

class TomlReader {
  private pos = 0;
  private readonly root = newTable();
  private current = this.root;
  // Tables created by a [header] or by value assignment may not be defined again by a header.
  private readonly explicitTables = new Set<TomlTable>();
  // Inline tables and static arrays are closed: nothing may be added to them later.
  private readonly closed = new Set<object>();

  constructor(private readonly text: string) {}

  read(): TomlTable {
    for (;;) {
      this.skipBlank(true);
      if (this.pos >= this.text.length) {
        return this.root;
      }
      if (this.peek() === '[') {
        this.readHeader();
      } else {
        this.readKeyValue(this.current);
      }
      this.expectLineEnd();
    }
  }

  // ---- structure -------------------------------------------------------------------------

  private readHeader(): void {
    const isArrayTable = this.text.startsWith('[[', this.pos);
    this.pos += isArrayTable ? 2 : 1;
    this.skipSpaces();
    const keys = this.readKey();
    this.skipSpaces();
    const close = isArrayTable ? ']]' : ']';
    if (!this.text.startsWith(close, this.pos)) {
      this.fail(`Expected "${close}" to close the table header`);
    }
    this.pos += close.length;

    const parent = this.descend(this.root, keys.slice(0, -1), true);
    const last = keys[keys.length - 1];
    if (isArrayTable) {
      const existing = hasKey(parent, last) ? parent[last] : undefined;
      if (existing === undefined) {
        parent[last] = [];
      } else if (!Array.isArray(existing) || this.closed.has(existing)) {
        this.fail(`Key "${keys.join('.')}" is already defined and is not an array of tables`);
      }
      const table = newTable();
      (parent[last] as TomlValue[]).push(table);
      this.current = table;
      return;
    }
    const existing = hasKey(parent, last) ? parent[last] : undefined;
    if (existing === undefined) {
      const table = newTable();
      parent[last] = table;
      this.current = table;
    } else if (
      isTomlTable(existing) &&
      !this.explicitTables.has(existing) &&
      !this.closed.has(existing)
    ) {
      // A table implicitly created by an earlier [a.b.c] header may be defined once.
      this.current = existing;
    } else {
      this.fail(`Table "${keys.join('.')}" is defined more than once`);
    }
    this.explicitTables.add(this.current);
  }

  /**
   * Walks (creating as needed) the tables named by `keys` below `from`. Header paths step
   * into the last element of an array of tables; dotted keys may not.
   */
  private descend(from: TomlTable, keys: string[], forHeader: boolean): TomlTable {
    let table = from;
    for (const key of keys) {
      if (!hasKey(table, key)) {
        const child = newTable();
        table[key] = child;
        table = child;
        continue;
      }
      const value = table[key];
      if (forHeader && Array.isArray(value) && !this.closed.has(value)) {
        const last = value[value.length - 1];
        if (!isTomlTable(last)) {
          this.fail(`Key "${key}" is not a table`);
        }
        table = last;
      } else if (isTomlTable(value) && !this.closed.has(value)) {
        if (!forHeader && this.explicitTables.has(value) && value !== this.current) {
          // Dotted keys may not extend a table that a [header] defined elsewhere.
          this.fail(`Key "${key}" extends a table defined by a header`);
        }
        table = value;
      } else {
        this.fail(`Key "${key}" is already defined and is not a table`);
      }
    }
    return table;
  }

  private readKeyValue(target: TomlTable): void {
    const keys = this.readKey();
    this.skipSpaces();
    if (this.peek() !== '=') {
      this.fail('Expected "=" after a key');
    }
    this.pos++;
    this.skipSpaces();
    const value = this.readValue();
    const table = this.descend(target, keys.slice(0, -1), false);
    const last = keys[keys.length - 1];
    if (hasKey(table, last)) {
      this.fail(`Key "${keys.join('.')}" is defined more than once`);
    }
    table[last] = value;
  }

  private readKey(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpaces();
      const ch = this.peek();
      if (ch === '"') {
        keys.push(this.readBasicString());
      } else if (ch === "'") {
        keys.push(this.readLiteralString());
      } else {
        const start = this.pos;
        while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos])) {
          this.pos++;
        }
        if (start === this.pos) {
          this.fail('Expected a key');
        }
        keys.push(this.text.slice(start, this.pos));
      }
      this.skipSpaces();
      if (this.peek() !== '.') {
        return keys;
      }
      this.pos++;
    }
  }

  // ---- values ----------------------------------------------------------------------------

  private readValue(): TomlValue {
    const ch = this.peek();
    if (this.text.startsWith('"""', this.pos)) {
      return this.readMultilineString('"""');
    }
    if (this.text.startsWith("'''", this.pos)) {
      return this.readMultilineString("'''");
    }
    if (ch === '"') {
      return this.readBasicString();
    }
    if (ch === "'") {
      return this.readLiteralString();
    }
    if (ch === '[') {
      return this.readArray();
    }
    if (ch === '{') {
      return this.readInlineTable();
    }
    return this.readScalar();
  }

  private readArray(): TomlValue[] {
    this.pos++; // [
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.peek() === ']') {
        this.pos++;
        break;
      }
      items.push(this.readValue());
      this.skipBlank(true);
      const ch = this.peek();
      if (ch === ',') {
        this.pos++;
      } else if (ch === ']') {
        this.pos++;
        break;
      } else {
        this.fail('Expected "," or "]" in an array');
      }
    }
    this.closed.add(items);
    return items;
  }

  private readInlineTable(): TomlTable {
    this.pos++; // {
    const table = newTable();
    // Newlines and a trailing comma are TOML 1.1; accepting them costs nothing.
    this.skipBlank(true);
    if (this.peek() === '}') {
      this.pos++;
      this.closed.add(table);
      return table;
    }
    for (;;) {
      this.skipBlank(true);
      if (this.peek() === '}') {
        this.pos++;
        break;
      }
      this.readKeyValue(table);
      this.skipBlank(true);
      const ch = this.peek();
      if (ch === ',') {
        this.pos++;
      } else if (ch === '}') {
        this.pos++;
        break;
      } else {
        this.fail('Expected "," or "}" in an inline table');
      }
    }
    this.closeDeep(table);
    return table;
  }

  private closeDeep(table: TomlTable): void {
    this.closed.add(table);
    for (const value of Object.values(table)) {
      if (isTomlTable(value)) {
        this.closeDeep(value);
      }
    }
  }

  private readScalar(): TomlValue {
    const start = this.pos;
    while (this.pos < this.text.length && !SCALAR_END.has(this.text[this.pos])) {
      this.pos++;
    }
    const raw = this.text.slice(start, this.pos).trim();
    // Leave trailing spaces for expectLineEnd / the array reader.
    this.pos = start + this.text.slice(start, this.pos).trimEnd().length;
    if (raw === '') {
      this.fail('Expected a value');
    }
    if (raw === 'true') {
      return true;
    }
    if (raw === 'false') {
      return false;
    }
    if (/^[+-]?(inf|nan)$/.test(raw)) {
      return raw.includes('nan') ? NaN : raw.startsWith('-') ? -Infinity : Infinity;
    }
    if (/^[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+)$/.test(raw)) {
      const sign = raw.startsWith('-') ? -1 : 1;
      const digits = raw.replace(/^[+-]/, '').replace(/_/g, '');
      return sign * Number(digits);
    }
    if (/^[+-]?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d[\d_]*)?$/.test(raw)) {
      return Number(raw.replace(/_/g, ''));
    }
    if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(raw)) {
      return raw; // a date or time, kept as written
    }
    this.fail(`Unexpected value "${raw}"`);
  }

  private readBasicString(): string {
    this.pos++; // "
    let out = '';
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === '\n' || ch === '\r') {
        this.fail('Unterminated string');
      }
      this.pos++;
      if (ch === '"') {
        return out;
      }
      out += ch === '\\' ? this.readEscape() : ch;
    }
  }

  private readLiteralString(): string {
    this.pos++; // '
    const end = this.text.indexOf("'", this.pos);
    const newline = this.text.slice(this.pos, end === -1 ? undefined : end).search(/[\r\n]/);
    if (end === -1 || newline !== -1) {
      this.fail('Unterminated string');
    }
    const out = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return out;
  }

  private readMultilineString(delimiter: '"""' | "'''"): string {
    this.pos += 3;
    // A newline right after the opening delimiter is not part of the string.
    if (this.text.startsWith('\r\n', this.pos)) {
      this.pos += 2;
    } else if (this.peek() === '\n') {
      this.pos++;
    }
    const quote = delimiter[0];
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) {
        this.fail('Unterminated multi-line string');
      }
      if (this.text.startsWith(delimiter, this.pos)) {
        // Up to two quotes may sit right before the closing delimiter: """a""""" is 'a""'.
        let extra = 0;
        while (extra < 2 && this.text[this.pos + 3 + extra] === quote) {
          extra++;
        }
        out += quote.repeat(extra);
        this.pos += 3 + extra;
        return out;
      }
      const ch = this.text[this.pos++];
      if (ch === '\\' && delimiter === '"""') {
        const rest = this.text.slice(this.pos);
        const lineEnding = /^[ \t]*\r?\n/.exec(rest);
        if (lineEnding) {
          // "Line ending backslash": drop the newline and the whitespace that follows.
          this.pos += lineEnding[0].length;
          while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos])) {
            this.pos++;
          }
          continue;
        }
        out += this.readEscape();
        continue;
      }
      out += ch;
    }
  }

  private readEscape(): string {
    const ch = this.text[this.pos++];
    switch (ch) {
      case 'b':
        return '\b';
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'f':
        return '\f';
      case 'r':
        return '\r';
      case 'e':
        return '\x1b';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const length = ch === 'u' ? 4 : 8;
        const hex = this.text.slice(this.pos, this.pos + length);
        if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(hex)) {
          this.fail(`Invalid \\${ch} escape`);
        }
        this.pos += length;
        const codePoint = parseInt(hex, 16);
        if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
          this.fail(`Invalid code point in \\${ch} escape`);
        }
        return String.fromCodePoint(codePoint);
      }
      default:
        this.fail(`Invalid escape "\\${ch ?? ''}"`);
    }
  }

  // ---- whitespace ------------------------------------------------------------------------

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') {
      this.pos++;
    }
  }

  /** Skips spaces, comments and (when allowed) newlines. */
  private skipBlank(newlines: boolean): void {
    for (;;) {
      this.skipSpaces();
      const ch = this.peek();
      if (ch === '#') {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') {
          this.pos++;
        }
      } else if (newlines && (ch === '\n' || ch === '\r')) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  private expectLineEnd(): void {
    this.skipBlank(false);
    if (this.pos >= this.text.length) {
      return;
    }
    if (this.text.startsWith('\r\n', this.pos)) {
      this.pos += 2;
    } else if (this.peek() === '\n') {
      this.pos++;
    } else {
      this.fail('Expected the end of the line');
    }
  }

  private fail(reason: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new TomlSyntaxError(reason, line);
  }
}

/** Parses TOML, or gives null for missing or invalid text (detection treats both as "no hint"). */
export function tryParseToml(text: string | null): TomlTable | null {
  if (text === null) return null;
  try {
    return parseToml(text);
  } catch {
    return null;
  }
}

/** The value at a dotted path of tables (`tool.poetry.dependencies`), if every step is a table. */
export function getTomlValue(table: TomlTable, path: string): TomlValue | undefined {
  let current: TomlValue | undefined = table;
  for (const key of path.split('.')) {
    if (!isTomlTable(current)) return undefined;
    current = current[key];
  }
  return current;
}
