// The image's Python: what the project says (python-version.ts), narrowed by what its locked
// dependencies install on (locked-versions.ts, python-support.ts). A version the project names
// explicitly wins even against a lock, with a warning; a range, a CI matrix, tox envs or the
// default give way to the newest minor every locked package supports.
import type { FileSource } from '../files/file-source';
import type { LockedVersion } from './locked-versions';
import {
  DEFAULT_ALLOWED_MINORS,
  DEFAULT_PYTHON_VERSION,
  detectPythonVersion,
  newestUpToDefault,
} from './python-version';
import { minorOf, pythonSupportOf } from './python-support';

/** A locked package whose release bounds the Python it runs on. */
export interface PythonBound extends LockedVersion {
  /** Newest Python minor it supports; null when only `min` is known. */
  max: string | null;
  /** Oldest Python minor it installs on; null when not recorded. */
  min: string | null;
}

export interface PythonChoice {
  /** The image tag: '3.12' or '3.12.4'. */
  version: string;
  /** Project-root-relative file that says it; null for the default. */
  source: string | null;
  /** 1-based line of `source`. */
  line: number;
  /** The file names this version (a pin, a Dockerfile); false for a range, a matrix, the default. */
  explicit: boolean;
  /** What the file allowed before the locks narrowed it; null when it named one version. */
  allowed: readonly string[] | null;
  /** The version the file alone would give. */
  unnarrowed: string;
  /** The locked packages that moved the choice down (or up). */
  narrowedBy: PythonBound[];
  /** Locked packages the chosen version does not suit (an explicit version, or no fit). */
  conflicts: PythonBound[];
  /** Who replaced the version the project states: '--pythonVersion', 'your answer'. */
  given?: string;
}

/** The choice when the user names the version instead: the same facts, their version. */
export function givenPythonVersion(
  choice: PythonChoice,
  version: string,
  given: string,
  locked: readonly LockedVersion[],
): PythonChoice {
  const conflicts = boundsBrokenBy(version, pythonBounds(locked));
  return { ...choice, version, given, explicit: true, narrowedBy: [], conflicts };
}

/** The locked packages the support table knows, with their bounds. */
export function pythonBounds(locked: readonly LockedVersion[]): PythonBound[] {
  return locked.flatMap((pkg) => {
    const support = pythonSupportOf(pkg.name, pkg.version);
    return support === null || (support.max === null && support.min === null)
      ? []
      : [{ ...pkg, ...support }];
  });
}

/** The bounds `version` breaks. */
export const boundsBrokenBy = (version: string, bounds: readonly PythonBound[]) =>
  bounds.filter((b) => !suits(version, b));

// A major-only tag ('3') names no minor to hold against a bound.
const suits = (version: string, bound: PythonBound) =>
  Number.isNaN(minorOf(version)) ||
  ((bound.max === null || minorOf(version) <= minorOf(bound.max)) &&
    (bound.min === null || minorOf(version) >= minorOf(bound.min)));

/**
 * The Python to build with: the project's own statement (detectPythonVersion) when it names
 * one version, else the newest minor it allows that every bound suits, else what it allows
 * with the bounds it breaks listed.
 */
export function choosePythonVersion(
  src: FileSource,
  projectRoot: string,
  djangoRoot: string,
  locked: readonly LockedVersion[],
): PythonChoice {
  const hint = detectPythonVersion(src, projectRoot, djangoRoot);
  const bounds = pythonBounds(locked);
  const unnarrowed = hint?.version ?? DEFAULT_PYTHON_VERSION;
  const allowed = hint === null ? DEFAULT_ALLOWED_MINORS : hint.allowed;
  const base = {
    source: hint?.source ?? null,
    line: hint?.line ?? 0,
    explicit: hint !== null && hint.allowed === null,
    allowed,
    unnarrowed,
  };
  const breaking = (version: string) => boundsBrokenBy(version, bounds);
  if (allowed === null || breaking(unnarrowed).length === 0) {
    return { ...base, version: unnarrowed, narrowedBy: [], conflicts: breaking(unnarrowed) };
  }
  const fitting = allowed.filter((minor) => breaking(minor).length === 0);
  const version = newestUpToDefault(fitting);
  if (version === null) {
    return { ...base, version: unnarrowed, narrowedBy: [], conflicts: breaking(unnarrowed) };
  }
  return { ...base, version, narrowedBy: breaking(unnarrowed), conflicts: [] };
}

const where = (b: PythonBound) => (b.line > 0 ? `${b.file} line ${b.line}` : b.file);
const range = (b: PythonBound) =>
  b.max !== null && b.min !== null
    ? `Python ${b.min} to ${b.max}`
    : b.max !== null
      ? `Python up to ${b.max}`
      : `Python ${b.min} or newer`;
const boundText = (b: PythonBound) =>
  `${b.name}==${b.version} (${where(b)}), which supports ${range(b)}`;

/**
 * The report line (what was chosen, from which file and line, what narrowed it, how to change
 * it) and the warnings (bounds the chosen version breaks). `root` prefixes file names.
 */
export function describePythonChoice(
  choice: PythonChoice,
  root: string,
): { summary: string; warnings: string[] } {
  const at = (file: string) => (root === '' ? file : `${root}/${file}`);
  const from =
    choice.given ??
    (choice.source === null
      ? 'the default (the project names no Python version)'
      : `${at(choice.source)} line ${choice.line}`);
  const narrowed =
    choice.narrowedBy.length === 0
      ? ''
      : `, narrowed from ${choice.unnarrowed} because the locked ${choice.narrowedBy
          .map(boundText)
          .join(', ')}`;
  const summary =
    `Python ${choice.version}, from ${from}${narrowed}. ` +
    `Pass --pythonVersion to build with another.`;
  const warnings =
    choice.conflicts.length === 0
      ? []
      : [
          `Python ${choice.version} (from ${from}) does not suit the locked ` +
            `${choice.conflicts.map(boundText).join(', ')}. ` +
            (choice.explicit
              ? `The version the project names wins; update ${choice.conflicts.map((b) => b.name).join(' and ')}, or pass --pythonVersion with a version ${choice.conflicts.length > 1 ? 'they support' : 'it supports'}.`
              : `No version the project allows suits ${choice.conflicts.length > 1 ? 'them all' : 'it'}; update the lock or pass --pythonVersion.`),
        ];
  return { summary, warnings };
}
