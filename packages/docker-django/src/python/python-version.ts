import { joinPath, relativePath, type FileSource } from '../files/file-source';
import { compareReleases } from './release-versions';
import { getTomlValue, tryParseToml } from './toml';

/** The python image tag used when the project says nothing (or allows it). */
export const DEFAULT_PYTHON_VERSION = '3.13';

export interface PythonVersionHint {
  /** A valid python image tag: '3', '3.12' or '3.12.4'. */
  version: string;
  /** Project-root-relative path of the file it came from, e.g. '.python-version'. */
  source: string;
  /** 1-based line of `source` that says it. */
  line: number;
  /**
   * The minors the file allows when `version` was chosen among several (a range, a CI matrix,
   * tox envs), newest preferred up to the default; null when the file names one version.
   */
  allowed: string[] | null;
}

/** What a reader found in one file: the version, the line, the minors it chose among. */
interface Found {
  version: string;
  line: number;
  allowed: string[] | null;
}

/** 1-based number of the first line matching `pattern`; 1 when none does. */
function lineOf(text: string, pattern: RegExp): number {
  const index = text.split(/\r?\n/).findIndex((l) => pattern.test(l));
  return index < 0 ? 1 : index + 1;
}

/** 1-based line of a character offset. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** '3', '3.12', '3.12.4'. Not '3.x', 'python3', '2.7', '3.12.4.1' or '3.12-slim'. */
export function isValidPythonVersion(v: string): boolean {
  return /^3(\.(0|[1-9]\d*)){0,2}$/.test(v);
}

/**
 * A version from a pin file: 'python-3.11.4' (runtime.txt), 'cpython-3.12.4-linux-x86_64-gnu'
 * (uv), '3.13t'. Keeps up to three numeric parts; anything that is not CPython 3 gives null.
 */
export function normalizePinnedVersion(raw: string): string | null {
  const text = raw.trim().replace(/^(c?python)-?/i, '');
  // Then only a free-threading `t`, a uv platform suffix or the end: `3.1garbage` is no pin.
  const match = /^(3(?:\.\d+){0,2})(?=t?$|t?[-\s])/.exec(text);
  return match !== null && isValidPythonVersion(match[1]) ? match[1] : null;
}

export type VersionOperator = '==' | '!=' | '>=' | '<=' | '>' | '<' | '~=' | '===';

export interface VersionConstraint {
  op: VersionOperator;
  version: number[];
  /** '==3.11.*' / '!=3.11.*' */
  wildcard: boolean;
}

function satisfies(version: number[], c: VersionConstraint): boolean {
  if (c.wildcard) {
    const prefix = c.version.every((part, i) => version[i] === part);
    return c.op === '!=' ? !prefix : prefix;
  }
  const cmp = compareReleases(version, c.version);
  switch (c.op) {
    case '==':
    case '===':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '~=': {
      const prefix = c.version.slice(0, -1);
      return cmp >= 0 && prefix.every((part, i) => version[i] === part);
    }
  }
}

/**
 * Parses PEP 440 specifiers ('>=3.10,<3.13', '==3.11.*', '~=3.11') and Poetry constraints
 * ('^3.11', '~3.11', '3.11', '>=3.9 <3.13', '3.9 || 3.11') into alternatives, each a list of
 * constraints that must all hold. Returns null when nothing usable is found.
 */
export function parseVersionConstraints(spec: string): VersionConstraint[][] | null {
  const alternatives: VersionConstraint[][] = [];
  for (const part of spec.split(/\|\|?/)) {
    const constraints: VersionConstraint[] = [];
    const text = part.trim();
    if (text === '' || text === '*') {
      alternatives.push([]);
      continue;
    }
    // The lookbehind skips digits inside words ('rc1' in '3.13.0rc1').
    const token = /(===|==|!=|>=|<=|~=|\^|~|>|<)?\s*(?<![\w.])(\d+(?:\.\d+)*)(\.\*)?/g;
    for (const m of text.matchAll(token)) {
      const op = m[1] ?? '';
      const version = m[2].split('.').map(Number);
      const wildcard = m[3] !== undefined;
      if (op === '^') {
        // Poetry caret: up to the next change of the first non-zero part.
        const index = Math.max(
          0,
          version.findIndex((p) => p !== 0),
        );
        const upper = version.slice(0, index + 1);
        upper[index] += 1;
        constraints.push(
          { op: '>=', version, wildcard: false },
          { op: '<', version: upper, wildcard: false },
        );
      } else if (op === '~') {
        // Poetry tilde: ~3 is 3.*, ~3.11 and ~3.11.2 are 3.11.*.
        constraints.push(
          { op: '>=', version, wildcard: false },
          { op: '==', version: version.slice(0, Math.min(2, version.length)), wildcard: true },
        );
      } else if (op === '') {
        // A bare version is Poetry's exact match; for Python it names a series.
        constraints.push({ op: '==', version, wildcard: true });
      } else if (op === '~=' && version.length < 2) {
        return null;
      } else {
        const prefixMatch = wildcard && (op === '==' || op === '!=');
        constraints.push({ op: op as VersionOperator, version, wildcard: prefixMatch });
      }
    }
    if (constraints.length === 0) {
      return null;
    }
    alternatives.push(constraints);
  }
  return alternatives.length === 0 ? null : alternatives;
}

const MAX_MINOR = 40;
const MAX_PATCH = 100;

/** Whether some release of 3.<minor> satisfies one of the alternatives. */
function minorAllowed(alternatives: VersionConstraint[][], minor: number): boolean {
  for (let patch = 0; patch < MAX_PATCH; patch++) {
    const version = [3, minor, patch];
    if (alternatives.some((all) => all.every((c) => satisfies(version, c)))) {
      return true;
    }
  }
  return false;
}

/**
 * The image tag for a version range: DEFAULT_PYTHON_VERSION when the range allows it; an
 * exact pin ('==3.11.4') as is; otherwise the newest allowed minor below the default
 * ('>=3.8,<3.12' gives '3.11'), or the oldest allowed one above it ('>=3.14' gives '3.14').
 * Null when no Python 3 release fits.
 */
export function pythonVersionForRange(spec: string): string | null {
  const alternatives = parseVersionConstraints(spec);
  if (alternatives === null) {
    return null;
  }
  const defaultMinor = Number(DEFAULT_PYTHON_VERSION.split('.')[1]);
  if (minorAllowed(alternatives, defaultMinor)) {
    return DEFAULT_PYTHON_VERSION;
  }
  if (alternatives.length === 1) {
    const exact = alternatives[0].find((c) => (c.op === '==' || c.op === '===') && !c.wildcard);
    const version = exact?.version.join('.');
    if (version !== undefined && isValidPythonVersion(version)) {
      return version;
    }
  }
  for (let minor = defaultMinor - 1; minor >= 0; minor--) {
    if (minorAllowed(alternatives, minor)) {
      return `3.${minor}`;
    }
  }
  for (let minor = defaultMinor + 1; minor <= MAX_MINOR; minor++) {
    if (minorAllowed(alternatives, minor)) {
      return `3.${minor}`;
    }
  }
  return null;
}

/** The newest minor the offline stand-in images serve: the cap for a range, not for a pin. */
const NEWEST_CHOSEN_MINOR = Number(DEFAULT_PYTHON_VERSION.split('.')[1]);

/** The one minor a range allows among all Python 3 minors ('==3.12.*', '>=3.12,<3.13'), or null. */
export function singleMinorForRange(spec: string): string | null {
  const alternatives = parseVersionConstraints(spec);
  if (alternatives === null) return null;
  const allowed: number[] = [];
  for (let minor = 0; minor <= MAX_MINOR; minor++) {
    if (minorAllowed(alternatives, minor)) allowed.push(minor);
  }
  return allowed.length === 1 ? `3.${allowed[0]}` : null;
}

/**
 * Of several versions a project names (a CI matrix, tox envs, classifiers), the newest one up
 * to the default, else the oldest above it: '3.11', '3.12' and '3.14' give '3.13' if allowed.
 */
export function newestUpToDefault(versions: string[]): string | null {
  const minors = [
    ...new Set(
      versions.flatMap((v) => {
        const minor = /^3\.(\d+)/.exec(v)?.[1];
        return minor === undefined ? [] : [Number(minor)];
      }),
    ),
  ].sort((a, b) => a - b);
  const upTo = minors.filter((m) => m <= NEWEST_CHOSEN_MINOR);
  const minor = upTo.length > 0 ? upTo[upTo.length - 1] : minors[0];
  return minor === undefined ? null : `3.${minor}`;
}

/** Distinct minors of versions, as '3.<minor>', oldest first. */
function minorsOf(versions: string[]): string[] {
  const minors = new Set(
    versions.flatMap((v) => {
      const minor = /^3\.(\d+)/.exec(v)?.[1];
      return minor === undefined ? [] : [Number(minor)];
    }),
  );
  return [...minors].sort((a, b) => a - b).map((m) => `3.${m}`);
}

/** The minors a choice among `versions` was made from; null when they name one minor. */
const choiceAmong = (versions: string[]) => {
  const minors = minorsOf(versions);
  return minors.length > 1 ? minors : null;
};

/**
 * Oldest and newest minors a range is checked against when the locks narrow it. 3.6 and 3.7
 * are past their end of life, but they are the newest a Django 1.11 to 2.1 project runs on,
 * and their slim images are still published.
 */
const OLDEST_CANDIDATE_MINOR = 6;
const NEWEST_CANDIDATE_MINOR = 14;

/** The minors 3.6 to 3.14 a range allows. */
function minorsAllowedBy(spec: string): string[] {
  const alternatives = parseVersionConstraints(spec);
  if (alternatives === null) return [];
  const allowed: string[] = [];
  for (let minor = OLDEST_CANDIDATE_MINOR; minor <= NEWEST_CANDIDATE_MINOR; minor++) {
    if (minorAllowed(alternatives, minor)) allowed.push(`3.${minor}`);
  }
  return allowed;
}

/** What the image uses when the project says nothing: the default, or any of these. */
export const DEFAULT_ALLOWED_MINORS: readonly string[] = Array.from(
  { length: NEWEST_CHOSEN_MINOR - OLDEST_CANDIDATE_MINOR + 1 },
  (_, i) => `3.${OLDEST_CANDIDATE_MINOR + i}`,
);

const PYPROJECT_PYTHON_KEYS = ['project.requires-python', 'tool.poetry.dependencies.python'];
/** The line each key is written on. */
const PYPROJECT_KEY_LINES: Record<string, RegExp> = {
  'project.requires-python': /^\s*requires-python\s*=/,
  'tool.poetry.dependencies.python': /^\s*python\s*=/,
};

/** A pyproject.toml whose Python constraint allows one minor only ('==3.12.*', '~3.10.0'). */
function readPyprojectPin(text: string): Found | null {
  const toml = tryParseToml(text);
  if (toml === null) {
    return null;
  }
  for (const key of PYPROJECT_PYTHON_KEYS) {
    const value = getTomlValue(toml, key);
    if (typeof value !== 'string') continue;
    const exact = /^\s*===?\s*(3\.\d+\.\d+)\s*$/.exec(value)?.[1];
    const version = exact ?? singleMinorForRange(value);
    if (version !== null) {
      return { version, line: lineOf(text, PYPROJECT_KEY_LINES[key]), allowed: null };
    }
  }
  return null;
}

/**
 * A pyproject.toml's Python range: the newest of the minors its classifiers name that the
 * range allows, else the newest allowed up to the default (pythonVersionForRange).
 */
function readPyprojectRange(text: string): Found | null {
  const toml = tryParseToml(text);
  if (toml === null) {
    return null;
  }
  const classifiers = getTomlValue(toml, 'project.classifiers');
  const named = (Array.isArray(classifiers) ? classifiers : []).flatMap((c) => {
    const v =
      typeof c === 'string'
        ? /^Programming Language :: Python :: (3\.\d+)$/.exec(c.trim())?.[1]
        : undefined;
    return v === undefined ? [] : [v];
  });
  for (const key of PYPROJECT_PYTHON_KEYS) {
    const value = getTomlValue(toml, key);
    if (typeof value !== 'string') continue;
    const alternatives = parseVersionConstraints(value);
    const fitting =
      alternatives === null
        ? []
        : named.filter((v) => minorAllowed(alternatives, Number(v.split('.')[1])));
    const version = newestUpToDefault(fitting) ?? pythonVersionForRange(value);
    if (version !== null) {
      const allowed = fitting.length > 1 ? minorsOf(fitting) : minorsAllowedBy(value);
      return {
        version,
        line: lineOf(text, PYPROJECT_KEY_LINES[key]),
        allowed: allowed.length > 1 ? allowed : null,
      };
    }
  }
  return null;
}

/** `.tool-versions` (asdf, mise): `python 3.12.4 3.11.9`, the first version listed. */
function readToolVersions(text: string): Found | null {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = /^\s*python\s+(\S+)/.exec(lines[i]);
    if (match) return named(normalizePinnedVersion(match[1]), i + 1);
  }
  return null;
}

type HintReader = (text: string) => Found | null;

/** One version a file names (or none). */
const named = (version: string | null, line: number): Found | null =>
  version === null ? null : { version, line, allowed: null };

function readPythonVersionFile(text: string): Found | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const index = lines.findIndex((l) => l !== '' && !l.startsWith('#'));
  return index < 0 ? null : named(normalizePinnedVersion(lines[index]), index + 1);
}

function readRuntimeTxt(text: string): Found | null {
  return named(normalizePinnedVersion(text.split(/\r?\n/)[0] ?? ''), 1);
}

function readPipfile(text: string): Found | null {
  const toml = tryParseToml(text);
  if (toml === null) {
    return null;
  }
  for (const key of ['python_full_version', 'python_version']) {
    const value = getTomlValue(toml, `requires.${key}`);
    const version = typeof value === 'string' ? normalizePinnedVersion(value) : null;
    if (version !== null) {
      return named(version, lineOf(text, new RegExp(`^\\s*${key}\\s*=`)));
    }
  }
  return null;
}

/**
 * The Python an image's FROM lines use: the first `python:<version>` image (also
 * `docker.io/library/python:3.12-slim`, `python:$PYTHON_VERSION` with its ARG default) or an
 * image tagged `...-python3.12-...` (uv's). Major.minor: the patch is left to the image.
 */
export function readDockerfilePython(text: string): string | null {
  return dockerfilePython(text)?.version ?? null;
}

function dockerfilePython(text: string): Found | null {
  const args = new Map<string, string>();
  // Logical lines (continuations joined), each with the physical line it starts on.
  const lines: Array<[text: string, line: number]> = [];
  let pending = '';
  let start = 0;
  text.split(/\r?\n/).forEach((physical, i) => {
    if (pending === '') start = i + 1;
    if (physical.endsWith('\\')) {
      pending += `${physical.slice(0, -1)} `;
      return;
    }
    lines.push([pending + physical, start]);
    pending = '';
  });
  for (const [line, number] of lines) {
    const arg = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("?)([^"\s]*)\2/i.exec(line);
    if (arg) {
      args.set(arg[1], arg[3]);
      continue;
    }
    const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)/i.exec(line);
    if (!from) continue;
    const image = from[1].replace(
      /\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?/g,
      (_, name: string, fallback?: string) => args.get(name) ?? fallback ?? '',
    );
    const version =
      /(?:^|\/)python:(3\.\d+)(?!\d)/.exec(image)?.[1] ??
      /[:-]python(3\.\d+)(?!\d)/.exec(image)?.[1];
    if (version !== undefined) return named(version, number);
  }
  return null;
}

/**
 * The Python a CI workflow sets up: an env value (`PYTHON_VERSION: 3.12`,
 * `DEFAULT_PYTHON: "3.12"`) first, else `python-version: 3.12` or a matrix
 * (`python-version: ["3.11", "3.12"]`: the newest up to the default). `${{ ... }}` is skipped.
 */
export function readWorkflowPython(text: string): string | null {
  return workflowPython(text)?.version ?? null;
}

function workflowPython(text: string): Found | null {
  const versions: string[] = [];
  const defaults: string[] = [];
  const lineOfVersion = new Map<string, number>();
  for (const match of text.matchAll(
    /^\s*-?\s*(python-version|python_version|[A-Z_]*PYTHON(?:_VERSION)?)\s*:\s*(.+)$/gm,
  )) {
    const value = match[2].replace(/#.*$/, '').trim();
    if (value.includes('${{')) continue;
    const found = [...value.matchAll(/(?<![\d.])(3\.\d+)(?:\.\d+)?(?!\d)/g)].map((m) => m[1]);
    for (const v of found) {
      if (!lineOfVersion.has(v)) lineOfVersion.set(v, lineAt(text, match.index ?? 0));
    }
    (/^[A-Z_]+$/.test(match[1]) ? defaults : versions).push(...found);
  }
  for (const list of [defaults, versions]) {
    const version = newestUpToDefault(list);
    if (version !== null)
      return { version, line: lineOfVersion.get(version) ?? 1, allowed: choiceAmong(list) };
  }
  return null;
}

/** tox's envlist: `py310, py311` or `py{310,311}-django42`, the newest up to the default. */
export function readToxPython(text: string): string | null {
  return toxPython(text)?.version ?? null;
}

function toxPython(text: string): Found | null {
  const found = /^\s*envlist\s*=\s*(.*(?:\r?\n[ \t]+.*)*)/m.exec(text);
  const envlist = found?.[1] ?? '';
  const versions: string[] = [];
  for (const match of envlist.matchAll(/py\{([\d,\s]+)\}|py3(\d+)/g)) {
    const digits =
      match[1] !== undefined ? match[1].split(',').map((d) => d.trim()) : [`3${match[2]}`];
    for (const d of digits) if (/^3\d+$/.test(d)) versions.push(`3.${d.slice(1)}`);
  }
  const version = newestUpToDefault(versions);
  return version === null
    ? null
    : { version, line: lineAt(text, found?.index ?? 0), allowed: choiceAmong(versions) };
}

/** Files that pin one version, in order of precedence. */
const PINS: ReadonlyArray<[file: string, read: HintReader]> = [
  ['.python-version', readPythonVersionFile],
  ['runtime.txt', readRuntimeTxt],
  ['.tool-versions', readToolVersions],
  ['Pipfile', readPipfile],
  ['pyproject.toml', readPyprojectPin],
];

const DOCKERFILE = /^(?:Dockerfile(?:\..+)?|.+\.Dockerfile|Containerfile(?:\..+)?)$/i;
const DOCKERFILE_SEARCH_DEPTH = 3;
/** Folders a Dockerfile search never enters. */
const NOT_SEARCHED = new Set([
  'node_modules',
  'site-packages',
  'venv',
  '__pycache__',
  'dist',
  'build',
]);

/** Dockerfiles of the project, project-root-relative: production ones first, then shallowest. */
function findDockerfiles(src: FileSource, projectRoot: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of src.children(joinPath(projectRoot, dir))) {
      const path = joinPath(dir, name);
      const full = joinPath(projectRoot, path);
      if (DOCKERFILE.test(name) && src.isFile(full)) {
        found.push(path);
      } else if (
        depth < DOCKERFILE_SEARCH_DEPTH &&
        !name.startsWith('.') &&
        !NOT_SEARCHED.has(name) &&
        src.isDirectory(full)
      ) {
        walk(path, depth + 1);
      }
    }
  };
  walk('', 0);
  const rank = (path: string) =>
    /prod|release|deploy/i.test(path)
      ? 0
      : /(^|[/._-])(dev|develop|local|test|tests|ci)([/._-]|$)/i.test(path)
        ? 2
        : 1;
  return found.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.split('/').length - b.split('/').length ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** Files of the nearest .github/workflows at or above the project root, workspace-relative. */
function findWorkflowFiles(src: FileSource, projectRoot: string): string[] {
  let dir = projectRoot;
  for (;;) {
    const folder = joinPath(dir, '.github/workflows');
    if (src.isDirectory(folder)) {
      return src
        .children(folder)
        .sort()
        .map((n) => joinPath(folder, n));
    }
    if (dir === '') return [];
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  }
}

/**
 * The Python version the project asks for, most specific first, and the file that says it
 * (project-root-relative; a CI workflow above the project starts with `../`):
 * 1. a pin: .python-version, runtime.txt, .tool-versions, Pipfile's python_version, a
 *    pyproject.toml constraint that allows one minor only (each kind in the Django root,
 *    then the project root, before the next kind);
 * 2. a Dockerfile's FROM (production-named ones first, up to three folders down);
 * 3. CI: a python-version file in .github/workflows, else a workflow's python-version;
 * 4. tox's envlist;
 * 5. a pyproject.toml range (requires-python, Poetry's python): the newest minor its
 *    classifiers name within it, else the newest it allows up to the default.
 * A file that holds no usable version (`.python-version` saying `system`) is passed over.
 */
export function detectPythonVersion(
  src: FileSource,
  projectRoot: string,
  djangoRoot: string,
): PythonVersionHint | null {
  const folders = djangoRoot === '' ? [''] : [djangoRoot, ''];
  const fromFiles = (
    hints: ReadonlyArray<[file: string, read: HintReader]>,
  ): PythonVersionHint | null => {
    for (const [file, read] of hints) {
      for (const folder of folders) {
        const source = joinPath(folder, file);
        const text = src.read(joinPath(projectRoot, source));
        const found = text === null ? null : read(text);
        if (found !== null) {
          return { ...found, source };
        }
      }
    }
    return null;
  };
  const pinned = fromFiles(PINS);
  if (pinned !== null) return pinned;

  for (const source of findDockerfiles(src, projectRoot)) {
    const found = dockerfilePython(src.read(joinPath(projectRoot, source)) ?? '');
    if (found !== null) return { ...found, source };
  }

  const workflows = findWorkflowFiles(src, projectRoot);
  const ci: Array<[RegExp, HintReader]> = [
    [/python-version(\.txt)?$/, readPythonVersionFile],
    [/\.ya?ml$/, workflowPython],
  ];
  for (const [pattern, read] of ci) {
    for (const file of workflows.filter((f) => pattern.test(f))) {
      const found = read(src.read(file) ?? '');
      if (found !== null) return { ...found, source: relativePath(projectRoot, file) };
    }
  }

  return fromFiles([
    ['tox.ini', toxPython],
    ['pyproject.toml', readPyprojectRange],
  ]);
}
