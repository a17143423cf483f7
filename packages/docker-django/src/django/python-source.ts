/**
 * Just enough understanding of Python source text for detection: comments removed so a
 * commented-out line never counts, dotted module names checked, a few assignments read.
 * No evaluation and no imports: the files belong to the user and may not even parse.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Python's hard keywords: never a module or attribute name (`import class.settings` is a
// SyntaxError), so a --settingsModule made of one is refused before it reaches the image.
const KEYWORDS: ReadonlySet<string> = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while ' +
    'with yield'
  ).split(' '),
);

export function isPythonIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}

/** `'mysite.settings'`, `'config.settings.production'`; not `'my-site.settings'`, `'.base'` or `'class.settings'`. */
export function isDottedModule(name: string): boolean {
  return name.split('.').every(isPythonIdentifier);
}

/**
 * Removes `#` comments, keeping strings (including triple-quoted ones) intact and line
 * numbers unchanged.
 */
export function stripPythonComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') {
        i++;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = source.startsWith(c.repeat(3), i);
      const delimiter = triple ? c.repeat(3) : c;
      let j = i + delimiter.length;
      while (j < source.length && !source.startsWith(delimiter, j)) {
        if (source[j] === '\\') {
          j++;
        } else if (!triple && source[j] === '\n') {
          // An unterminated one-line string: stop at the end of the line like Python would.
          break;
        }
        j++;
      }
      const closed = source.startsWith(delimiter, j);
      const end = Math.min(source.length, closed ? j + delimiter.length : j);
      out += source.slice(i, end);
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * The default `DJANGO_SETTINGS_MODULE` a script sets, from
 * `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "...")` or
 * `os.environ["DJANGO_SETTINGS_MODULE"] = "..."` (first one in the file wins).
 */
export function readSettingsModuleDefault(source: string): string | null {
  const code = stripPythonComments(source);
  const patterns = [
    /\bsetdefault\(\s*(['"])DJANGO_SETTINGS_MODULE\1\s*,\s*(['"])([^'"\n]*)\2/,
    /\benviron\[\s*(['"])DJANGO_SETTINGS_MODULE\1\s*\]\s*=\s*(['"])([^'"\n]*)\2/,
  ];
  let best: { index: number; value: string } | null = null;
  for (const pattern of patterns) {
    const match = pattern.exec(code);
    if (match && (best === null || match.index < best.index)) {
      best = { index: match.index, value: match[3].trim() };
    }
  }
  return best !== null && isDottedModule(best.value) ? best.value : null;
}

/**
 * The dotted path assigned to a top-level setting such as `WSGI_APPLICATION`, or null.
 * The first dotted string literal on the line is taken, so
 * `WSGI_APPLICATION = env("WSGI_APP", default="config.wsgi.application")` also works.
 * When a file assigns it twice, the last assignment wins, as it does in Python.
 */
export function readDottedSetting(source: string, name: string): string | null {
  const code = stripPythonComments(source);
  const line = new RegExp(`^[ \\t]*${name}[ \\t]*(?::[^=\\n]*)?=(?!=)([^\\n]*)$`, 'gm');
  let value: string | null = null;
  for (const match of code.matchAll(line)) {
    for (const literal of match[1].matchAll(/(['"])([^'"\n]*)\1/g)) {
      if (isDottedModule(literal[2]) && literal[2].includes('.')) {
        value = literal[2];
        break;
      }
    }
  }
  return value;
}

/** Modules imported with `from X import ...` (relative ones keep their leading dots), in order. */
export function readFromImports(source: string): string[] {
  const code = stripPythonComments(source);
  const modules: string[] = [];
  for (const match of code.matchAll(/^[ \t]*from[ \t]+(\.*[A-Za-z0-9_.]*)[ \t]+import\b/gm)) {
    if (match[1] !== '') {
      modules.push(match[1]);
    }
  }
  return modules;
}

/**
 * Paths that django-split-settings' `include(...)` pulls in (used by
 * wemake-django-template): string literals ending in `.py` inside `include(...)` calls or
 * the tuples they are given. Paths with format placeholders are skipped.
 */
export function readSplitSettingsIncludes(source: string): string[] {
  const code = stripPythonComments(source);
  if (!/\binclude\(/.test(code)) {
    return [];
  }
  const paths: string[] = [];
  for (const match of code.matchAll(/(['"])([^'"\n{}]+\.py)\1/g)) {
    paths.push(match[2]);
  }
  return paths;
}

/** Whether the source calls a factory such as `get_wsgi_application(`, and the name it binds. */
export function readApplicationFactory(
  source: string,
  factory: string,
): { callable: string } | null {
  const code = stripPythonComments(source);
  if (!new RegExp(`\\b${factory}\\s*\\(`).test(code)) {
    return null;
  }
  // `application = get_wsgi_application()`, or wrapped: `app = WhiteNoise(get_wsgi_application())`.
  const assignment = new RegExp(
    `^([A-Za-z_][A-Za-z0-9_]*)[ \\t]*(?::[^=\\n]*)?=(?!=)[^\\n]*\\b${factory}\\s*\\(`,
    'm',
  ).exec(code);
  return { callable: assignment?.[1] ?? 'application' };
}

/**
 * Folders a script puts on sys.path, relative to the script's folder: the string literals of
 * `sys.path.insert(0, os.path.join(os.path.dirname(__file__), "src"))`,
 * `sys.path.append(str(BASE_DIR / "apps"))` and the like, joined. Absolute paths are skipped.
 */
export function readSysPathAdditions(source: string): string[] {
  const code = stripPythonComments(source);
  const folders: string[] = [];
  for (const match of code.matchAll(/\bsys\.path\.(?:insert|append)\(([^\n]*)\)/g)) {
    const literals = [...match[1].matchAll(/(['"])([^'"\n]+)\1/g)].map((m) => m[2]);
    if (literals.length === 0 || literals.some((l) => l.startsWith('/') || l.includes('..'))) {
      continue;
    }
    if (literals.every((l) => /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(l))) {
      folders.push(literals.join('/').replace(/\/+$/, ''));
    }
  }
  return folders;
}

/** Whether `source` imports everything from a module: `from .base import *`. */
export function readStarImports(source: string): string[] {
  const code = stripPythonComments(source);
  const modules: string[] = [];
  for (const match of code.matchAll(/^[ \t]*from[ \t]+(\.*[A-Za-z0-9_.]*)[ \t]+import[ \t]+\*/gm)) {
    if (match[1] !== '') {
      modules.push(match[1]);
    }
  }
  return modules;
}

export interface Assignment {
  /** The text right of `=` on the assignment's first line. */
  value: string;
  /** Columns of indentation: 0 for a module-level assignment. */
  indent: number;
}

/**
 * Assignments to a name (`STATIC_ROOT = ...`, `STATIC_ROOT: str = ...`, also inside a
 * django-configurations class body or an `if`), in file order. Augmented assignments
 * (`+=`) are not assignments here.
 */
export function readAssignments(source: string, name: string): Assignment[] {
  const code = stripPythonComments(source);
  const line = new RegExp(`^([ \\t]*)${name}[ \\t]*(?::[^=\\n]*)?=(?!=)([^\\n]*)$`, 'gm');
  return [...code.matchAll(line)].map((m) => ({
    value: m[2].trim(),
    indent: m[1].replace(/\t/g, '    ').length,
  }));
}

/** Whether the source holds the string literal `text` ('django.contrib.staticfiles'). */
export function hasStringLiteral(source: string, text: string): boolean {
  const code = stripPythonComments(source);
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(['"])${escaped}\\1`).test(code);
}
