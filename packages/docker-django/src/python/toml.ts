// TOML through smol-toml (the parser Nx itself depends on), behind the few helpers the
// plugin uses. The wrapper's contract: plain values (dates as their ISO text, since nothing
// here reads them), tables without a prototype, and one error type whose message names the
// file and line, so a user can find the mistake.
import { parse, TomlError } from 'smol-toml';

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;

export interface TomlTable {
  [key: string]: TomlValue;
}

export class TomlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly file?: string,
  ) {
    super(`${file === undefined ? '' : `${file}, `}line ${line}: ${reason}`);
    this.name = 'TomlSyntaxError';
  }
}

/**
 * Parses TOML text into plain objects. Throws {@link TomlSyntaxError} on malformed input;
 * `file` (workspace-relative) is named in its message.
 */
export function parseToml(text: string, file?: string): TomlTable {
  let doc: unknown;
  try {
    doc = parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's message is "Invalid TOML document: <reason>\n\n<code excerpt>".
    const reason = error.message.replace(/^Invalid TOML document:\s*/, '').split('\n')[0];
    throw new TomlSyntaxError(reason, error.line, file);
  }
  return plain(doc) as TomlTable;
}

function plain(value: unknown): TomlValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    // No prototype, so keys such as "__proto__" or "constructor" are ordinary keys.
    const table = Object.create(null) as TomlTable;
    for (const [key, entry] of Object.entries(value)) table[key] = plain(entry);
    return table;
  }
  return value as TomlValue;
}

/** True for a TOML table (as opposed to an array or a scalar). */
export function isTomlTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
