// Every place a settings file reads an environment variable, in the forms real projects use:
// os.environ["X"], os.environ.get("X"), os.getenv("X"), an `env = os.environ.copy()` alias,
// django-environ / environs (`env("X")`, `env.bool("X")`, `env.db()`, schema defaults in
// `Env(X=(str, ""))`), python-decouple `config("X")`, django-configurations `values.*Value`
// and dj-database-url's `config()`. settings-environment.ts decides which of them matter.
import {
  isEmptyDefault,
  readCallArguments,
  stringLiteral,
  type CallArguments,
} from './python-calls';

/** What the read gives when the variable is unset: an error, None, an empty string, a value. */
export type ReadDefault = 'raises' | 'none' | 'empty' | 'given';

export type EnvironmentKind =
  | 'secret-key'
  | 'database-url'
  | 'cache-url'
  | 'redis-url'
  | 'email-url'
  | 'bool'
  | 'number'
  | 'list'
  | 'text';

export interface EnvironmentRead {
  name: string;
  whenUnset: ReadDefault;
  kind: EnvironmentKind;
  /** For a list: what the settings split on (`,` for env.list and Csv()). */
  separator: string;
  /** Offsets of the read in the comment-free text. */
  start: number;
  end: number;
  /** The read as written, for the generator to quote. */
  text: string;
  /** Only breaks at run time (dj_database_url.config() without a default), not at import. */
  runtimeOnly?: boolean;
}

/** The names a chain of settings files uses for its readers, gathered over the whole chain. */
export interface EnvironmentReaders {
  /** os.environ and its aliases (`env = os.environ.copy()`): `.get()` and `[...]`. */
  mappings: string[];
  /** django-environ / environs objects. */
  envObjects: string[];
  /** Defaults from `Env(NAME=(type, default))`: the default's source text, or null for a cast only. */
  schemaDefaults: Map<string, string | null>;
  decouple: boolean;
  /** The settings' own helpers that read the variable they are given and raise without it. */
  requiredHelpers: string[];
}

const ENV_METHODS: Record<string, EnvironmentKind> = {
  str: 'text',
  unicode: 'text',
  bytes: 'text',
  url: 'text',
  path: 'text',
  json: 'text',
  bool: 'bool',
  int: 'number',
  float: 'number',
  decimal: 'number',
  list: 'list',
  tuple: 'list',
  db: 'database-url',
  db_url: 'database-url',
  dj_db_url: 'database-url',
  cache: 'cache-url',
  cache_url: 'cache-url',
  dj_cache_url: 'cache-url',
  email: 'email-url',
  email_url: 'email-url',
  dj_email_url: 'email-url',
  search_url: 'text',
};
/** Methods that read a variable of their own when not given one. */
const DEFAULT_VARIABLE: Record<string, string> = {
  db: 'DATABASE_URL',
  db_url: 'DATABASE_URL',
  dj_db_url: 'DATABASE_URL',
  cache: 'CACHE_URL',
  cache_url: 'CACHE_URL',
  dj_cache_url: 'CACHE_URL',
  email: 'EMAIL_URL',
  email_url: 'EMAIL_URL',
  dj_email_url: 'EMAIL_URL',
  search_url: 'SEARCH_URL',
};
const CAST_TYPES = /^(str|bool|int|float|list|tuple|dict)$/;

/**
 * Functions a settings file defines to read a variable and raise when it is unset or empty:
 * `def env_required(name): value = os.getenv(name); if not value: raise ...`. A call with a
 * literal name is then a read without a default.
 */
function requiredHelpersIn(all: string): string[] {
  const found: string[] = [];
  for (const m of all.matchAll(
    /^def\s+(\w+)\s*\(\s*(\w+)[^)]*\)[^:\n]*:[^\n]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)/gm,
  )) {
    const [, helper, parameter, body] = m;
    const reads = new RegExp(
      `(?:getenv|environ\\.get)\\(\\s*${parameter}\\s*[,)]|environ\\[\\s*${parameter}\\s*\\]`,
    );
    if (reads.test(body) && /^\s*raise\b/m.test(body)) found.push(helper);
  }
  return found;
}

export function environmentReaders(codes: string[]): EnvironmentReaders {
  const all = codes.join('\n');
  const mappings = new Set(['os.environ']);
  if (/^\s*from\s+os\s+import\s+[^\n]*\benviron\b/m.test(all)) mappings.add('environ');
  for (const m of all.matchAll(/^\s*(\w+)\s*=\s*(?:os\.)?environ(?:\.copy\(\))?\s*$/gm)) {
    mappings.add(m[1]);
  }
  const envObjects = new Set<string>();
  const schemaDefaults = new Map<string, string | null>();
  for (const m of all.matchAll(/^\s*(\w+)\s*=\s*(?:environs?\.)?(?:FileAware)?Env\s*\(/gm)) {
    envObjects.add(m[1]);
    const args = readCallArguments(all, (m.index ?? 0) + m[0].length - 1);
    for (const [name, value] of Object.entries(args.keywords)) {
      const tuple = /^\(\s*\w+\s*,\s*([\s\S]*)\)$/.exec(value);
      schemaDefaults.set(name, tuple ? tuple[1].trim() : null);
    }
  }
  if (/^\s*(?:import\s+environ\b|from\s+environs?\s+import)/m.test(all)) envObjects.add('env');
  return {
    mappings: [...mappings],
    envObjects: [...envObjects],
    schemaDefaults,
    decouple: /^\s*(?:from\s+decouple\s+import|import\s+decouple\b)/m.test(all),
    requiredHelpers: requiredHelpersIn(all),
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function whenUnsetOf(defaultText: string | undefined): ReadDefault {
  return defaultText === undefined ? 'raises' : optionalRead(defaultText);
}

/** `.get("X")` and `getenv("X")` give None when unset, or their default. */
function optionalRead(defaultText: string | undefined): ReadDefault {
  if (defaultText === undefined || defaultText === 'None') return 'none';
  return isEmptyDefault(defaultText) ? 'empty' : 'given';
}

function castKind(cast: string | undefined): EnvironmentKind | null {
  if (cast === undefined) return null;
  if (cast === 'bool') return 'bool';
  if (cast === 'int' || cast === 'float') return 'number';
  if (/^Csv\(/.test(cast) || cast === 'list') return 'list';
  return null;
}

function envObjectRead(
  method: string | undefined,
  args: CallArguments,
  schema: Map<string, string | null>,
): Omit<EnvironmentRead, 'start' | 'end' | 'text' | 'separator'> | null {
  const name =
    stringLiteral(args.keywords.var) ??
    stringLiteral(args.positional[0]) ??
    (method ? DEFAULT_VARIABLE[method] : undefined);
  if (!name) return null;
  let defaultText: string | undefined = args.keywords.default;
  let cast: string | undefined = args.keywords.cast;
  const second = args.positional[1];
  if (second !== undefined) {
    // env("X", str) casts (django-environ); env("X", "fallback") defaults (environs), as do
    // the typed methods' second argument in both.
    if (method === undefined && CAST_TYPES.test(second)) cast = second;
    else defaultText ??= second;
  }
  if (defaultText === undefined && schema.has(name)) defaultText = schema.get(name) ?? undefined;
  const kind = method ? ENV_METHODS[method] : (castKind(cast) ?? 'text');
  return { name, whenUnset: whenUnsetOf(defaultText), kind };
}

/** The reads of one comment-free settings file. */
export function readEnvironment(code: string, readers: EnvironmentReaders): EnvironmentRead[] {
  const reads: EnvironmentRead[] = [];
  const add = (
    start: number,
    end: number,
    read: Omit<EnvironmentRead, 'start' | 'end' | 'text' | 'separator'> | null,
  ) => {
    if (read === null) return;
    const separator = /^\s*\.split\(\s*(['"])(.*?)\1/.exec(code.slice(end))?.[2] ?? ',';
    reads.push({ ...read, separator, start, end, text: code.slice(start, end) });
  };
  const calls = (pattern: RegExp, each: (m: RegExpMatchArray, args: CallArguments) => void) => {
    for (const m of code.matchAll(pattern)) {
      each(m, readCallArguments(code, (m.index ?? 0) + m[0].length - 1));
    }
  };
  for (const mapping of readers.mappings) {
    const at = `(?<![\\w.])${escape(mapping)}`;
    calls(new RegExp(`${at}\\.get\\s*\\(`, 'g'), (m, args) => {
      const name = stringLiteral(args.positional[0]);
      const defaultText = args.positional[1] ?? args.keywords.default;
      if (name)
        add(m.index ?? 0, args.end, { name, whenUnset: optionalRead(defaultText), kind: 'text' });
    });
    for (const m of code.matchAll(
      new RegExp(`${at}\\[\\s*(['"])([\\w.-]+)\\1\\s*\\](?!\\s*=[^=])`, 'g'),
    )) {
      const start = m.index ?? 0;
      add(start, start + m[0].length, { name: m[2], whenUnset: 'raises', kind: 'text' });
    }
  }
  calls(/(?<![\w.])(?:os\.)?getenv\s*\(/g, (m, args) => {
    const name = stringLiteral(args.positional[0]);
    const defaultText = args.positional[1] ?? args.keywords.default;
    if (name)
      add(m.index ?? 0, args.end, { name, whenUnset: optionalRead(defaultText), kind: 'text' });
  });
  for (const object of readers.envObjects) {
    calls(new RegExp(`(?<![\\w.])${escape(object)}(?:\\.(\\w+))?\\s*\\(`, 'g'), (m, args) => {
      const method = m[1];
      if (method !== undefined && !(method in ENV_METHODS)) return;
      add(m.index ?? 0, args.end, envObjectRead(method, args, readers.schemaDefaults));
    });
  }
  if (readers.decouple) {
    calls(/(?<![\w.])config\s*\(/g, (m, args) => {
      const name = stringLiteral(args.positional[0]);
      const defaultText = args.keywords.default ?? args.positional[1];
      const kind = castKind(args.keywords.cast) ?? 'text';
      if (name) add(m.index ?? 0, args.end, { name, whenUnset: whenUnsetOf(defaultText), kind });
    });
  }
  for (const helper of readers.requiredHelpers) {
    calls(new RegExp(`(?<![\\w.])${escape(helper)}\\s*\\(`, 'g'), (m, args) => {
      const name = stringLiteral(args.positional[0]);
      if (name) add(m.index ?? 0, args.end, { name, whenUnset: 'raises', kind: 'text' });
    });
  }
  // django-configurations: a SecretValue raises when unset; environ_name defaults to the
  // setting's name and environ_prefix to DJANGO.
  calls(/(?<![\w.])values\.(\w*)Value\s*\(/g, (m, args) => {
    const start = m.index ?? 0;
    const before = code.slice(code.lastIndexOf('\n', start) + 1, start);
    const target = /(\w+)\s*=\s*$/.exec(before)?.[1] ?? /(['"])(\w+)\1\s*:\s*$/.exec(before)?.[2];
    const variable = stringLiteral(args.keywords.environ_name) ?? target;
    if (!variable) return;
    const prefixText = args.keywords.environ_prefix;
    const prefix = prefixText === 'None' ? '' : `${stringLiteral(prefixText) ?? 'DJANGO'}_`;
    const secret = m[1] === 'Secret';
    const defaultText = args.positional[0] ?? args.keywords.default;
    add(start, args.end, {
      name: `${prefix}${variable}`,
      whenUnset: secret ? 'raises' : optionalRead(defaultText),
      kind: m[1] === 'Boolean' ? 'bool' : m[1] === 'List' || m[1] === 'Tuple' ? 'list' : 'text',
    });
  });
  // DATABASES = {"default": dj_database_url.config()}: no DATABASE_URL, no database.
  calls(/(?<![\w.])dj_database_url\.config\s*\(/g, (m, args) => {
    const start = m.index ?? 0;
    const line = code.slice(code.lastIndexOf('\n', start) + 1, start);
    if (args.keywords.default !== undefined || !/DATABASES/.test(line)) return;
    const name = stringLiteral(args.keywords.env) ?? 'DATABASE_URL';
    add(start, args.end, { name, whenUnset: 'none', kind: 'database-url', runtimeOnly: true });
  });
  return reads.sort((a, b) => a.start - b.start);
}
