import { joinPath, type FileSource } from '../files/file-source';
import { compareReleases } from './release-versions';
import { getTomlValue, tryParseToml } from './toml';

/** The python image tag used when the project says nothing (or allows it). */
export const DEFAULT_PYTHON_VERSION = '3.13';

export interface PythonVersionHint {
  /** A valid python image tag: '3', '3.12' or '3.12.4'. */
  version: string;
  /** Project-root-relative path of the file it came from, e.g. '.python-version'. */
  source: string;
}

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
  const match = /^(3(?:\.\d+){0,2})(?![\d.])/.exec(text);
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

type HintReader = (text: string) => string | null;

function readPythonVersionFile(text: string): string | null {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  return line === undefined ? null : normalizePinnedVersion(line);
}

function readRuntimeTxt(text: string): string | null {
  return normalizePinnedVersion(text.split(/\r?\n/)[0] ?? '');
}

function readPyproject(text: string): string | null {
  const toml = tryParseToml(text);
  if (toml === null) {
    return null;
  }
  for (const key of ['project.requires-python', 'tool.poetry.dependencies.python']) {
    const value = getTomlValue(toml, key);
    const version = typeof value === 'string' ? pythonVersionForRange(value) : null;
    if (version !== null) {
      return version;
    }
  }
  return null;
}

function readPipfile(text: string): string | null {
  const toml = tryParseToml(text);
  if (toml === null) {
    return null;
  }
  for (const key of ['requires.python_full_version', 'requires.python_version']) {
    const value = getTomlValue(toml, key);
    const version = typeof value === 'string' ? normalizePinnedVersion(value) : null;
    if (version !== null) {
      return version;
    }
  }
  return null;
}

/** In order of precedence: an explicit pin beats a range. */
const HINTS: ReadonlyArray<[file: string, read: HintReader]> = [
  ['.python-version', readPythonVersionFile],
  ['runtime.txt', readRuntimeTxt],
  ['pyproject.toml', readPyproject],
  ['Pipfile', readPipfile],
];

/**
 * The Python version the project asks for, from the first usable hint. Each kind of hint
 * is looked for in the Django root, then the project root, before the next kind; a file
 * that holds no usable version (say `.python-version` saying `system`) is passed over.
 */
export function detectPythonVersion(
  src: FileSource,
  projectRoot: string,
  djangoRoot: string,
): PythonVersionHint | null {
  const folders = djangoRoot === '' ? [''] : [djangoRoot, ''];
  for (const [file, read] of HINTS) {
    for (const folder of folders) {
      const source = joinPath(folder, file);
      const text = src.read(joinPath(projectRoot, source));
      const version = text === null ? null : read(text);
      if (version !== null) {
        return { version, source };
      }
    }
  }
  return null;
}
