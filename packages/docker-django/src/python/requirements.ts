// The one reader of pip requirements files (requirements*.txt / *.in). The project graph
// (manifest-refs.ts), the dependency detection (dependency-manager.ts) and the Dockerfile's
// bind mounts (requirementsClosure) all read files through it, so they agree by construction.
import { posix } from 'node:path';

export type IncludeKind = 'requirement' | 'constraint';

export interface RequirementsFile {
  /** `-r` / `--requirement` and `-c` / `--constraint` lines: the path as written, in order. */
  includes: { kind: IncludeKind; path: string }[];
  /**
   * What the file installs, in order: `-e` / `--editable` values, and every other line that is
   * not an option (PEP 508 requirements, paths, URLs, with any per-requirement options).
   */
  installs: { editable: boolean; spec: string }[];
}

const INCLUDE_OPTIONS: Record<string, IncludeKind> = {
  '-r': 'requirement',
  '--requirement': 'requirement',
  '-c': 'constraint',
  '--constraint': 'constraint',
};

export function readRequirementsFile(text: string): RequirementsFile {
  const file: RequirementsFile = { includes: [], installs: [] };
  for (const line of requirementLines(text)) {
    if (!line.startsWith('-')) {
      file.installs.push({ editable: false, spec: line });
      continue;
    }
    const option = readOption(line);
    if (!option) continue;
    if (option.name === '-e' || option.name === '--editable')
      file.installs.push({ editable: true, spec: option.value });
    else if (option.name in INCLUDE_OPTIONS)
      file.includes.push({ kind: INCLUDE_OPTIONS[option.name], path: option.value });
  }
  return file;
}

/**
 * Logical lines of a requirements file, as pip reads them: a line ending in `\` continues on
 * the next (joined with nothing between), comments (`#` at the start or after whitespace, so
 * URL fragments survive) removed, blank lines dropped.
 */
export function requirementLines(text: string): string[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    if (raw.endsWith('\\')) {
      pending += raw.slice(0, -1);
      continue;
    }
    logical.push(pending + raw);
    pending = '';
  }
  if (pending) logical.push(pending);
  return logical.map((line) => line.replace(/(^|\s)#.*$/, '').trim()).filter((line) => line !== '');
}

/** `-e x`, `-ex`, `--editable x`, `--editable=x` → name and (unquoted) value. */
function readOption(line: string): { name: string; value: string } | undefined {
  const tokens = shellWords(line);
  const first = tokens[0];
  if (first.startsWith('--')) {
    const eq = first.indexOf('=');
    if (eq !== -1) return { name: first.slice(0, eq), value: first.slice(eq + 1) };
    return tokens.length > 1 ? { name: first, value: tokens[1] } : undefined;
  }
  const name = first.slice(0, 2);
  if (first.length > 2) return { name, value: first.slice(2) };
  return tokens.length > 1 ? { name, value: tokens[1] } : undefined;
}

/** Whitespace-separated words with '…' and "…" quoting, as pip's shlex split does. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** An include names a file only when it is a plain path: no URL, no unexpanded variable. */
export function isFileInclude(path: string): boolean {
  return !path.includes('${') && !hasUrlScheme(path);
}

/** `https://…`, `git+ssh:…`: a remote or VCS location, not a file of the workspace. */
export function hasUrlScheme(spec: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(spec) || /^[a-z]+\+[a-z]+:/.test(spec);
}

/**
 * A requirements file and the files it pulls in (recursively, each include relative to the
 * including file, as pip resolves them), in the order first reached. `read` gives a file's
 * text by the same kind of POSIX path as `main`, or null for a file that is missing or must
 * not be read; such a file is left out.
 */
export function requirementsClosure(
  read: (file: string) => string | null,
  main: string,
  follow: readonly IncludeKind[] = ['requirement', 'constraint'],
): { file: string; content: RequirementsFile }[] {
  const visited = new Set<string>();
  const files: { file: string; content: RequirementsFile }[] = [];
  const visit = (file: string) => {
    if (visited.has(file)) return;
    visited.add(file);
    const text = read(file);
    if (text === null) return;
    const content = readRequirementsFile(text);
    files.push({ file, content });
    for (const include of content.includes) {
      if (follow.includes(include.kind) && isFileInclude(include.path)) {
        visit(posix.normalize(posix.join(posix.dirname(file), include.path)));
      }
    }
  };
  visit(main);
  return files;
}
