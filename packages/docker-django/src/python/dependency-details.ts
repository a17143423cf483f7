// What the dependencies say beyond the manager: the requirements a production install holds
// (main plus the groups and extras meant for production), where gunicorn sits, whether a
// requirement comes from a VCS (git in the builder).
import { joinPath, type FileSource } from '../files/file-source';
import type { DependencyInfo } from './dependency-manager';
import { normalizePythonName, requirementName } from './names';
import { requirementsClosure } from './requirements';
import { getTomlValue, isTomlTable, tryParseToml, type TomlTable, type TomlValue } from './toml';

/** Names of dependency groups and extras meant for a deployment. */
export const PRODUCTION_GROUPS: readonly string[] = [
  'prod',
  'production',
  'deploy',
  'deployment',
  'server',
  'webserver',
  'web',
];

export interface DependencyDetails {
  /**
   * PEP 508 requirements a production install holds, as written: the main dependencies and
   * those of productionGroups and productionExtras ('gunicorn==23.0.0', 'psycopg[c]==3.3').
   */
  requirements: string[];
  /** Normalised names of `requirements`. */
  names: string[];
  /** Dependency groups (uv/PEP 735, Poetry) or Pipfile categories meant for production, installed with the main ones. */
  productionGroups: string[];
  /** Extras ([project.optional-dependencies]) meant for production, and the PostgreSQL driver's. */
  productionExtras: string[];
  /** 'main' when gunicorn is a main dependency, the group or extra holding it, or null. */
  gunicornIn: string | null;
  /** A requirement is fetched from a VCS (git+https, a git source): the builder needs git. */
  needsGit: boolean;
  /**
   * A requirements file installs a VCS requirement editable (`-e git+https://...`): pip keeps
   * its checkout in a src folder that the installed package points to, so the image needs it.
   */
  editableVcs: boolean;
  /**
   * The dependency groups, extras and Pipfile categories the image does not install, with
   * the normalised names each holds: where a server the image needs may sit unused.
   */
  notInstalled: Array<{
    kind: 'dependency group' | 'extra' | 'Pipfile category';
    name: string;
    names: string[];
  }>;
}

/**
 * Extras that bring the PostgreSQL driver: the generated stack's database (--database
 * postgres), so they are installed too. MySQL and other databases' extras are not.
 */
export const POSTGRES_EXTRAS: readonly string[] = [
  'postgres',
  'postgresql',
  'pgsql',
  'pg',
  'psycopg',
];

const isProduction = (name: string) => PRODUCTION_GROUPS.includes(normalizePythonName(name));
const isProductionExtra = (name: string) =>
  isProduction(name) || POSTGRES_EXTRAS.includes(normalizePythonName(name));
const VCS = /(^|[\s@])(git|hg|svn|bzr)\+[a-z]+:\/\//i;

/** PEP 735 groups with `{ include-group = "..." }` resolved. */
function pep735Group(toml: TomlTable, group: string, seen = new Set<string>()): string[] {
  const entries = getTomlValue(toml, `dependency-groups.${group}`);
  if (!Array.isArray(entries) || seen.has(group)) return [];
  seen.add(group);
  return entries.flatMap((entry: TomlValue) => {
    if (typeof entry === 'string') return [entry];
    if (isTomlTable(entry) && typeof entry['include-group'] === 'string') {
      return pep735Group(toml, entry['include-group'], seen);
    }
    return [];
  });
}

/** A Poetry or Pipfile table `{ name = "^1.0", other = { version = "...", git = "..." } }`. */
function tableRequirements(table: TomlValue | undefined): { specs: string[]; git: boolean } {
  if (!isTomlTable(table)) return { specs: [], git: false };
  let git = false;
  const specs = Object.entries(table)
    .filter(([name]) => normalizePythonName(name) !== 'python')
    .map(([name, value]) => {
      if (typeof value === 'string') return value === '*' ? name : `${name} ${value}`;
      if (isTomlTable(value)) {
        if (typeof value.git === 'string') git = true;
        const extras = Array.isArray(value.extras) ? `[${value.extras.join(',')}]` : '';
        const version = typeof value.version === 'string' ? value.version : '';
        return `${name}${extras}${version === '*' ? '' : ` ${version}`}`;
      }
      return name;
    });
  return { specs, git };
}

const stringsOf = (value: TomlValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Names of the packages `[tool.uv.sources]` fetches with git. */
function gitSources(toml: TomlTable): string[] {
  const sources = getTomlValue(toml, 'tool.uv.sources');
  if (!isTomlTable(sources)) return [];
  return Object.entries(sources)
    .filter(([, source]) =>
      (Array.isArray(source) ? source : [source]).some((s) => isTomlTable(s) && 'git' in s),
    )
    .map(([name]) => normalizePythonName(name));
}

interface Collected {
  main: string[];
  /** `-e git+...` lines of a requirements file. */
  editableVcs?: boolean;
  groups: Record<string, string[]>;
  extras: Record<string, string[]>;
  git: boolean;
  /** Packages a uv git source fetches: git is needed when a production install holds one. */
  gitSources?: string[];
}

function fromPyproject(toml: TomlTable): Collected {
  const groups: Record<string, string[]> = {};
  const groupTable = getTomlValue(toml, 'dependency-groups');
  for (const group of isTomlTable(groupTable) ? Object.keys(groupTable) : []) {
    groups[group] = pep735Group(toml, group);
  }
  let git = false;
  const poetryGroups = getTomlValue(toml, 'tool.poetry.group');
  for (const [group, body] of Object.entries(isTomlTable(poetryGroups) ? poetryGroups : {})) {
    const read = tableRequirements(isTomlTable(body) ? body.dependencies : undefined);
    groups[group] = [...(groups[group] ?? []), ...read.specs];
    // Only groups the image installs bring their git dependencies into the build.
    if (isProduction(group)) git ||= read.git;
  }
  const extras: Record<string, string[]> = {};
  const optional = getTomlValue(toml, 'project.optional-dependencies');
  for (const [extra, specs] of Object.entries(isTomlTable(optional) ? optional : {})) {
    extras[extra] = stringsOf(specs);
  }
  const poetryMain = tableRequirements(getTomlValue(toml, 'tool.poetry.dependencies'));
  return {
    main: [...stringsOf(getTomlValue(toml, 'project.dependencies')), ...poetryMain.specs],
    groups,
    extras,
    git: git || poetryMain.git,
    gitSources: gitSources(toml),
  };
}

function fromRequirements(src: FileSource, file: string): Collected {
  const main: string[] = [];
  let git = false;
  let editableVcs = false;
  for (const { content } of requirementsClosure((path) => src.read(path), file, ['requirement'])) {
    for (const install of content.installs) {
      main.push(install.spec);
      if (VCS.test(install.spec)) git = true;
      if (install.editable && VCS.test(install.spec)) editableVcs = true;
    }
  }
  return { main, groups: {}, extras: {}, git, editableVcs };
}

/** Pipfile tables that are not package categories. */
const PIPFILE_SETTINGS = new Set(['source', 'requires', 'scripts', 'pipenv', 'packages']);

/** [packages], and the custom categories (Pipenv 2022.10+) as groups; [dev-packages] too. */
function fromPipfile(toml: TomlTable | null): Collected {
  const read = tableRequirements(toml === null ? undefined : getTomlValue(toml, 'packages'));
  const groups: Record<string, string[]> = {};
  let git = read.git;
  for (const [name, table] of Object.entries(toml ?? {})) {
    if (PIPFILE_SETTINGS.has(name) || !isTomlTable(table)) continue;
    const category = tableRequirements(table);
    groups[name] = category.specs;
    // Only production categories reach the image; their git requirements need git.
    if (isProduction(name)) git ||= category.git;
  }
  return { main: read.specs, groups, extras: {}, git };
}

/** A Pipfile.lock without its Pipfile: the default section, as the image installs it. */
function fromPipfileLock(text: string | null): Collected {
  let lock: { default?: Record<string, { version?: unknown; git?: unknown }> };
  try {
    lock = JSON.parse(text ?? '');
  } catch {
    return { main: [], groups: {}, extras: {}, git: false };
  }
  const entries = Object.entries(lock.default ?? {});
  return {
    main: entries.map(([name, entry]) =>
      typeof entry?.version === 'string' ? `${name}${entry.version}` : name,
    ),
    groups: {},
    extras: {},
    git: entries.some(([, entry]) => typeof entry?.git === 'string'),
  };
}

/**
 * The details of the dependencies `info` found: for uv and pip's pyproject.toml the
 * [project] dependencies, PEP 735 groups and extras; for Poetry its main table and groups;
 * for pip the requirements file with its -r includes; for Pipenv the [packages] table.
 */
export function readDependencyDetails(
  src: FileSource,
  projectRoot: string,
  info: DependencyInfo,
): DependencyDetails {
  const path = joinPath(projectRoot, info.file);
  let collected: Collected;
  if (info.file.endsWith('.toml')) {
    const toml = tryParseToml(src.read(path));
    collected =
      toml === null ? { main: [], groups: {}, extras: {}, git: false } : fromPyproject(toml);
  } else if (info.manager === 'pipenv') {
    collected = info.file.endsWith('.lock')
      ? fromPipfileLock(src.read(path))
      : fromPipfile(tryParseToml(src.read(path)));
  } else {
    collected = fromRequirements(src, path);
  }
  const productionGroups = Object.keys(collected.groups).filter(isProduction);
  const productionExtras = Object.keys(collected.extras).filter(isProductionExtra);
  const chosen: Array<[string, string[]]> = [
    ['main', collected.main],
    ...productionGroups.map((g): [string, string[]] => [g, collected.groups[g]]),
    ...productionExtras.map((e): [string, string[]] => [e, collected.extras[e]]),
  ];
  const requirements = chosen.flatMap(([, specs]) => specs);
  const named = (specs: string[]) =>
    specs.flatMap((spec) => {
      // A bare VCS URL names its package in #egg=, if anywhere.
      const name = /^\s*(git|hg|svn|bzr)\+/i.test(spec)
        ? requirementName(/#egg=([^&\s]+)/.exec(spec)?.[1] ?? '')
        : requirementName(spec);
      return name === null ? [] : [name];
    });
  const gunicornIn = chosen.find(([, specs]) => named(specs).includes('gunicorn'))?.[0] ?? null;
  const groupKind = info.manager === 'pipenv' ? 'Pipfile category' : 'dependency group';
  const notInstalled: DependencyDetails['notInstalled'] = [
    ...Object.entries(collected.groups)
      .filter(([group]) => !productionGroups.includes(group))
      .map(([name, specs]) => ({ kind: groupKind, name, names: named(specs) }) as const),
    ...Object.entries(collected.extras)
      .filter(([extra]) => !productionExtras.includes(extra))
      .map(([name, specs]) => ({ kind: 'extra', name, names: named(specs) }) as const),
  ];
  return {
    requirements,
    names: [...new Set(named(requirements))],
    productionGroups,
    productionExtras,
    gunicornIn,
    needsGit:
      collected.git ||
      requirements.some((spec) => VCS.test(spec)) ||
      (collected.gitSources ?? []).some((name) => named(requirements).includes(name)),
    notInstalled,
    editableVcs: collected.editableVcs ?? false,
  };
}
