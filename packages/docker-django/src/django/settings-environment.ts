// The environment variables the image's settings cannot do without: read through the settings
// chain, the names whose absence makes importing the settings fail (KeyError, AttributeError on
// None, ImproperlyConfigured, a SECRET_KEY of None) and so breaks `collectstatic` at build time
// and the server at start; plus the DATABASE_URL a `dj_database_url.config()` needs to serve.
import { relativePath, type FileSource } from '../files/file-source';
import {
  environmentReaders,
  readEnvironment,
  type EnvironmentKind,
  type EnvironmentRead,
} from './environment-reads';
import {
  moduleOfFile,
  resolveImport,
  resolveModule,
  type PythonPath,
  type ResolvedModule,
} from './modules';
import { stripPythonComments } from './python-source';
import { settingsChainFiles } from './settings-chain';

export type { EnvironmentKind } from './environment-reads';

export interface EnvironmentNeed {
  /** The variable, under the project's own name. */
  name: string;
  kind: EnvironmentKind;
  /** For a list: what the settings split it on. */
  separator: string;
  /** Importing the settings fails without it (collectstatic at build time needs it too). */
  atImport: boolean;
  /** Where and why, for the generator to print. */
  reason: string;
}

/** From the most specific kind to the least: a merge of two reads keeps the first that applies. */
const KIND_ORDER: EnvironmentKind[] = [
  'secret-key',
  'database-url',
  'email-url',
  'cache-url',
  'redis-url',
  'bool',
  'number',
  'list',
  'text',
];

interface Line {
  text: string;
  start: number;
  indent: number;
}

function lineAt(code: string, index: number): Line {
  const start = code.lastIndexOf('\n', index - 1) + 1;
  const end = code.indexOf('\n', index);
  const text = code.slice(start, end === -1 ? code.length : end);
  return { text, start, indent: /^[ \t]*/.exec(text)?.[0].replace(/\t/g, '    ').length ?? 0 };
}

/** The lines of the block a compound statement at `line` opens (deeper indented, blank lines skipped). */
function blockAfter(code: string, line: Line): string {
  const rest = code.slice(line.start + line.text.length + 1).split('\n');
  const block: string[] = [];
  for (const text of rest) {
    if (text.trim() === '') continue;
    const indent = /^[ \t]*/.exec(text)?.[0].replace(/\t/g, '    ').length ?? 0;
    if (indent <= line.indent) break;
    block.push(text);
  }
  return block.join('\n');
}

/** `if not X:` blocks after `from` in `code`, for X a setting name. */
function ifNotBlocks(code: string, from: number, name: string): string[] {
  const pattern = new RegExp(`^[ \\t]*if\\s+not\\s+${name}\\s*:`, 'gm');
  pattern.lastIndex = from;
  return [...code.matchAll(pattern)]
    .filter((m) => (m.index ?? 0) >= from)
    .map((m) => blockAfter(code, lineAt(code, m.index ?? 0)));
}

/**
 * Whether `line` sits in an if/elif/else/try block: a branch the image may not take (`if USE_S3:`),
 * or a read with a fallback. A class body (django-configurations) always runs.
 */
function inConditionalBlock(code: string, line: Line): boolean {
  let indent = line.indent;
  let index = line.start;
  while (indent > 0 && index > 0) {
    const previous = lineAt(code, index - 1);
    index = previous.start;
    if (previous.text.trim() === '' || previous.indent >= indent) continue;
    if (/^\s*(?:if|elif|else|try|except|for|while|with)\b/.test(previous.text)) return true;
    indent = previous.indent;
  }
  return false;
}

const raises = (block: string) => /^\s*raise\b/m.test(block);

/**
 * The text before a read on its line, with a development branch taken out: in
 * `SECRET_KEY = "dev" if DEBUG else os.getenv("X")` the image (DEBUG off) takes the read, so
 * the line counts as `SECRET_KEY = os.getenv("X")`.
 */
function assignmentBefore(code: string, line: Line, read: EnvironmentRead): string {
  const before = code.slice(line.start, read.start);
  return before.replace(/^(\s*[A-Za-z_]\w*\s*(?::[^=\n]*)?=\s*).+\bif\s+DEBUG\s+else\s+/, '$1');
}

/**
 * `os.environ.get("X") or "dev"`: a None or empty value gives way to what follows `or`, unless
 * that is itself None or empty. Read from the end of the call, which may span lines.
 */
function orFallback(code: string, read: EnvironmentRead): boolean {
  const rest = code.slice(read.end).split('\n')[0];
  const fallback = /^\s*\)*\s*or\s+(.+)/.exec(rest)?.[1].trim();
  return fallback !== undefined && !/^(?:None|''|""|\(\)|\[\]|\{\})(?:\W|$)/.test(fallback);
}

/** Why a read makes the variable necessary, or null when the settings cope without it. */
function necessity(code: string, read: EnvironmentRead, file: string): string | null {
  if (read.whenUnset === 'given') return null;
  const line = lineAt(code, read.start);
  const before = assignmentBefore(code, line, read);
  const after = code.slice(read.end, line.start + line.text.length);
  const quoted = read.text.split('\n')[0];
  const condition = /^\s*(?:if|elif)\s+not\s+/.test(line.text);
  if (condition && raises(blockAfter(code, line)))
    return `${file} raises when ${read.name} is unset`;
  if (read.runtimeOnly) return `${file}: DATABASES come from ${quoted}, empty without ${read.name}`;
  if (read.whenUnset === 'raises') {
    return inConditionalBlock(code, line) ? null : `${file} reads ${quoted} with no default`;
  }
  if (orFallback(code, read)) return null;
  const chained = /^\s*\.(\w+)\s*\(/.exec(after);
  if (chained && read.whenUnset === 'none')
    return `${file}: ${quoted} is None when unset, and the settings call .${chained[1]}() on it`;
  const target = /^\s*([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:\w+\()*$/.exec(before)?.[1];
  if (target === undefined) return null;
  const checks = ifNotBlocks(code, read.end, target);
  if (checks.some(raises)) return `${file} raises when ${read.name} is unset`;
  if (target === 'SECRET_KEY' && !checks.some((b) => /^\s*SECRET_KEY\s*=/m.test(b))) {
    return `${file}: SECRET_KEY = ${quoted} is empty when unset, which Django refuses`;
  }
  return null;
}

/** The read's kind, refined by what surrounds it (SECRET_KEY = ..., .split(), int(...)). */
function kindOf(code: string, read: EnvironmentRead): EnvironmentKind {
  const line = lineAt(code, read.start);
  const before = assignmentBefore(code, line, read);
  const after = code.slice(read.end, line.start + line.text.length);
  if (/^\s*SECRET_KEY\s*(?::[^=\n]*)?=\s*(?:\w+\()*$/.test(before)) return 'secret-key';
  if (/\bparse\(\s*$/.test(before) || /DATABASE_URL$/.test(read.name)) return 'database-url';
  if (read.kind !== 'text') return read.kind;
  if (/^\s*\.split\(/.test(after)) return 'list';
  if (/\b(?:int|float)\(\s*$/.test(before)) return 'number';
  if (/EMAIL_URL$/.test(read.name)) return 'email-url';
  if (/^(?:CELERY_)?BROKER_URL$|REDIS_URL$/.test(read.name)) return 'redis-url';
  return 'text';
}

/** Names a file tests before reading (`if "X" in os.environ:`, `if env("X", default=None):`). */
function guardedNames(code: string, reads: EnvironmentRead[]): Set<string> {
  const guarded = new Set<string>();
  for (const m of code.matchAll(/(['"])([\w.-]+)\1\s+(?:not\s+)?in\b/g)) guarded.add(m[2]);
  for (const read of reads) {
    const line = lineAt(code, read.start);
    const isTest =
      /^\s*(?:if|elif)\b/.test(line.text) && read.start - line.start < line.text.length;
    if (isTest && !(/^\s*(?:if|elif)\s+not\s+/.test(line.text) && raises(blockAfter(code, line))))
      guarded.add(read.name);
  }
  return guarded;
}

/**
 * The modules the chain imports its reader from (`from config.env import env`), where the
 * `env = environ.Env(...)` that says what `env` is, and its schema defaults, live.
 */
function readerModules(
  src: FileSource,
  pythonRoot: PythonPath,
  files: string[],
  codes: string[],
): string[] {
  const found: string[] = [];
  files.forEach((file, index) => {
    const module = moduleOfFile(pythonRoot, file) ?? '';
    for (const m of codes[index].matchAll(
      /^\s*from\s+(\.*[\w.]*)\s+import\s+[^\n]*\b(?:env|config)\b/gm,
    )) {
      const target = resolveImport(m[1], module, file.endsWith('/__init__.py'));
      const resolved = target === null ? null : resolveModule(src, pythonRoot, target);
      const text =
        resolved === null || files.includes(resolved.file) ? null : src.read(resolved.file);
      if (text !== null) found.push(stripPythonComments(text));
    }
  });
  return found;
}

/**
 * The environment `settings` (the module the image runs) needs, read through its chain, in the
 * order the settings read them. `projectRoot` only shortens the file names in the reasons.
 */
export function detectSettingsEnvironment(
  src: FileSource,
  projectRoot: string,
  pythonRoot: PythonPath,
  settings: ResolvedModule | null,
): EnvironmentNeed[] {
  const files = settings === null ? [] : settingsChainFiles(src, pythonRoot, settings);
  const codes = files.map((file) => stripPythonComments(src.read(file) ?? ''));
  const readers = environmentReaders([...codes, ...readerModules(src, pythonRoot, files, codes)]);
  const needs = new Map<string, EnvironmentNeed>();
  files.forEach((file, index) => {
    const code = codes[index];
    const reads = readEnvironment(code, readers);
    const guarded = guardedNames(code, reads);
    for (const read of reads) {
      const kind = kindOf(code, read);
      const known = needs.get(read.name);
      if (known && KIND_ORDER.indexOf(kind) < KIND_ORDER.indexOf(known.kind)) known.kind = kind;
      if (guarded.has(read.name)) continue;
      const reason = necessity(code, read, relativePath(projectRoot, file));
      if (reason === null) continue;
      const atImport = !read.runtimeOnly;
      if (known) {
        if (atImport && !known.atImport) Object.assign(known, { atImport, reason });
        continue;
      }
      needs.set(read.name, { name: read.name, kind, separator: read.separator, atImport, reason });
    }
  });
  return [...needs.values()];
}
