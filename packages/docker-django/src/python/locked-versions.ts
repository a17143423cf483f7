// The exact versions a production install of the project gets, with the file and line that
// fix each: uv.lock (walked from the project through its main dependencies and the production
// groups and extras), poetry.lock (packages of the main and production groups), Pipfile.lock's
// default section, and `==` pins of requirements files (with their -r includes) or of a
// pyproject.toml without a lock. The Python version is chosen so these install.
import { joinPath, type FileSource } from '../files/file-source';
import type { DependencyInfo } from './dependency-manager';
import { PRODUCTION_GROUPS, POSTGRES_EXTRAS } from './dependency-details';
import { exactPin, normalizePythonName, requirementName } from './names';
import { requirementsClosure } from './requirements';
import { getTomlValue, isTomlTable, tryParseToml, type TomlTable, type TomlValue } from './toml';

export interface LockedVersion {
  /** Normalised distribution name. */
  name: string;
  /** The release, '2.9.6'. */
  version: string;
  /** Project-root-relative file that fixes it. */
  file: string;
  /** 1-based line in that file; 0 when not found. */
  line: number;
}

/** 1-based number of the first line matching `pattern`, 0 when none does. */
function lineOf(text: string, pattern: RegExp): number {
  const index = text.split(/\r?\n/).findIndex((line) => pattern.test(line));
  return index + 1;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name as lock files may spell it: any mix of '-', '_' and '.' between the same words. */
const namePattern = (name: string) => name.split('-').map(escape).join('[-_.]');

const isProductionName = (name: string, extras: boolean) => {
  const n = normalizePythonName(name);
  return PRODUCTION_GROUPS.includes(n) || (extras && POSTGRES_EXTRAS.includes(n));
};

interface LockPackage {
  name: string;
  version: string;
  table: TomlTable;
}

function lockPackages(toml: TomlTable): LockPackage[] {
  const packages = getTomlValue(toml, 'package');
  return (Array.isArray(packages) ? packages : []).flatMap((p: TomlValue) =>
    isTomlTable(p) && typeof p.name === 'string' && typeof p.version === 'string'
      ? [{ name: normalizePythonName(p.name), version: p.version, table: p }]
      : [],
  );
}

/** `[{ name = "x", extra = ["y"] }]` → the names, each with the extras it asks for. */
const dependencyEntries = (value: TomlValue | undefined): Array<[string, string[]]> =>
  (Array.isArray(value) ? value : []).flatMap((d): Array<[string, string[]]> =>
    isTomlTable(d) && typeof d.name === 'string'
      ? [
          [
            normalizePythonName(d.name),
            Array.isArray(d.extra) ? d.extra.filter((e): e is string => typeof e === 'string') : [],
          ],
        ]
      : [],
  );

/**
 * uv.lock: from the project's own package (source `virtual` or `editable` "."), its
 * dependencies, production extras and groups, and everything they depend on (with the extras
 * they ask for, `gunicorn[gevent]`). A lock without that package (an excerpt) gives all its
 * packages.
 */
function uvLockPackages(toml: TomlTable): LockPackage[] {
  const packages = lockPackages(toml);
  const root = packages.find((p) => {
    const source = p.table.source;
    return isTomlTable(source) && (source.virtual === '.' || source.editable === '.');
  });
  if (root === undefined) return packages;
  const byName = new Map(packages.map((p) => [p.name, p]));
  const wanted = new Set<string>();
  const visited = new Set<string>();
  const visit = ([name, extras]: [string, string[]]) => {
    wanted.add(name);
    const pkg = byName.get(name);
    for (const part of ['', ...extras]) {
      if (pkg === undefined || visited.has(`${name}[${part}]`)) continue;
      visited.add(`${name}[${part}]`);
      const optional = pkg.table['optional-dependencies'];
      const deps =
        part === '' ? pkg.table.dependencies : isTomlTable(optional) ? optional[part] : undefined;
      dependencyEntries(deps).forEach(visit);
    }
  };
  const start = dependencyEntries(root.table.dependencies);
  for (const [key, extras] of [
    ['optional-dependencies', true],
    ['dev-dependencies', false],
  ] as const) {
    const table = root.table[key];
    if (!isTomlTable(table)) continue;
    for (const [group, deps] of Object.entries(table)) {
      if (isProductionName(group, extras)) start.push(...dependencyEntries(deps));
    }
  }
  start.forEach(visit);
  return packages.filter((p) => p !== root && wanted.has(p.name));
}

/**
 * poetry.lock: packages of the main group or a production one (Poetry 2's `groups`, Poetry 1's
 * `category`); a lock with neither (lock-version 2.0, Poetry 1.5-1.8) is walked from the
 * production requirements through each package's non-optional `[package.dependencies]`.
 */
function poetryLockPackages(toml: TomlTable, roots: readonly string[]): LockPackage[] {
  const packages = lockPackages(toml);
  const grouped = packages.some(
    (p) => Array.isArray(p.table.groups) || typeof p.table.category === 'string',
  );
  if (!grouped) {
    if (roots.length === 0) return packages;
    const byName = new Map(packages.map((p) => [p.name, p]));
    const wanted = new Set<string>();
    const visit = (name: string) => {
      if (wanted.has(name)) return;
      wanted.add(name);
      const deps = byName.get(name)?.table.dependencies;
      for (const [dep, spec] of Object.entries(isTomlTable(deps) ? deps : {})) {
        if (!(isTomlTable(spec) && spec.optional === true)) visit(normalizePythonName(dep));
      }
    };
    roots.forEach(visit);
    return packages.filter((p) => wanted.has(p.name));
  }
  return packages.filter((p) => {
    const groups = Array.isArray(p.table.groups)
      ? p.table.groups.filter((g): g is string => typeof g === 'string')
      : typeof p.table.category === 'string'
        ? [p.table.category]
        : null;
    return groups === null || groups.some((g) => g === 'main' || isProductionName(g, false));
  });
}

function fromTomlLock(
  text: string,
  file: string,
  select: (toml: TomlTable) => LockPackage[],
): LockedVersion[] {
  const toml = tryParseToml(text);
  if (toml === null) return [];
  return select(toml).map((p) => ({
    name: p.name,
    version: p.version,
    file,
    line: lineOf(text, new RegExp(`^\\s*name\\s*=\\s*"${namePattern(p.name)}"\\s*$`, 'i')),
  }));
}

function fromPipfileLock(text: string, file: string): LockedVersion[] {
  let lock: { default?: Record<string, { version?: unknown }> };
  try {
    lock = JSON.parse(text);
  } catch {
    return [];
  }
  return Object.entries(lock.default ?? {}).flatMap(([name, entry]) => {
    const version = typeof entry?.version === 'string' ? exactPin(`${name}${entry.version}`) : null;
    return version === null
      ? []
      : [
          {
            name: normalizePythonName(name),
            version,
            file,
            line: lineOf(text, new RegExp(`^\\s*"${namePattern(name)}"\\s*:`, 'i')),
          },
        ];
  });
}

/** `==` pins of a requirements file and the files it includes with -r. */
function fromRequirements(src: FileSource, projectRoot: string, file: string): LockedVersion[] {
  const found: LockedVersion[] = [];
  const read = (path: string) => src.read(path);
  for (const { file: path, content } of requirementsClosure(read, joinPath(projectRoot, file), [
    'requirement',
  ])) {
    const text = read(path) ?? '';
    for (const install of content.installs) {
      const name = install.editable ? null : requirementName(install.spec);
      const version = exactPin(install.spec);
      if (name === null || version === null) continue;
      found.push({
        name,
        version,
        file: path.slice(projectRoot === '' ? 0 : projectRoot.length + 1),
        line: lineOf(text, new RegExp(`^\\s*${namePattern(name)}\\s*(\\[[^\\]]*\\])?\\s*==`, 'i')),
      });
    }
  }
  return found;
}

/** `==` pins among the PEP 508 requirements of a file without a lock (pyproject.toml, Pipfile). */
function fromSpecs(text: string, file: string, specs: readonly string[]): LockedVersion[] {
  return specs.flatMap((spec) => {
    const name = requirementName(spec);
    // Poetry tables read as 'django ==4.2.1' or, Poetry's exact match, 'django 4.2.1'.
    const version = exactPin(spec.replace(/^(\S+)\s+(==\s*)?(?=\d)/, '$1=='));
    return name === null || version === null
      ? []
      : [
          {
            name,
            version,
            file,
            // A quoted PEP 508 string, or a key of a Poetry / Pipfile table.
            line: lineOf(text, new RegExp(`(^|["'])\\s*${namePattern(name)}\\b`, 'i')),
          },
        ];
  });
}

/**
 * The exact versions a production install gets, from the lock file `info` names, else from
 * `==` pins of the dependency file itself. `productionSpecs` are the requirements a
 * production install holds (python/dependency-details.ts), for files without a lock.
 */
export function readLockedVersions(
  src: FileSource,
  projectRoot: string,
  info: DependencyInfo,
  productionSpecs: readonly string[] = [],
): LockedVersion[] {
  const read = (file: string) => src.read(joinPath(projectRoot, file));
  const lock = info.lockFile === null ? null : read(info.lockFile);
  if (info.lockFile !== null && lock !== null) {
    if (info.manager === 'uv') return fromTomlLock(lock, info.lockFile, uvLockPackages);
    if (info.manager === 'poetry') {
      const roots = productionSpecs.flatMap((spec) => requirementName(spec) ?? []);
      return fromTomlLock(lock, info.lockFile, (toml) => poetryLockPackages(toml, roots));
    }
    if (info.manager === 'pipenv') return fromPipfileLock(lock, info.lockFile);
  }
  if (info.manager === 'pip' && !info.file.endsWith('.toml')) {
    return fromRequirements(src, projectRoot, info.file);
  }
  return fromSpecs(read(info.file) ?? '', info.file, productionSpecs);
}
