import { joinPath, type FileSource } from '../files/file-source';
import { normalizePythonName, requirementName } from './names';
import { requirementsClosure } from './requirements';
import { getTomlValue, isTomlTable, tryParseToml, type TomlTable } from './toml';

export type DependencyManager = 'pip' | 'uv' | 'poetry' | 'pipenv';

export interface DependencyInfo {
  manager: DependencyManager;
  /**
   * Project-root-relative: 'requirements.txt', 'requirements/production.txt',
   * 'src/requirements.txt', 'pyproject.toml', 'Pipfile'.
   */
  file: string;
  /** Project-root-relative: 'uv.lock', 'poetry.lock', 'Pipfile.lock'; null when there is none. */
  lockFile: string | null;
  /** gunicorn is among the main (non-dev) dependencies. */
  hasGunicorn: boolean;
}

/** Requirement files in order of preference: the production set beats the base set. */
const REQUIREMENTS_FILES = [
  'requirements/production.txt',
  'requirements/prod.txt',
  'requirements-production.txt',
  'requirements-prod.txt',
  'requirements.txt',
  'requirements/base.txt',
];

/**
 * Folders a project keeps its deployment files in, where its only requirements file may sit
 * (`docker/requirements.txt` beside the Dockerfile that installs it). Looked in last.
 */
const DEPLOYMENT_FOLDERS = ['deploy', 'deployment', 'docker', '.docker'];

/**
 * The packages a pip requirements file installs, with the files it includes with -r /
 * --requirement. Constraint files (-c) install nothing and are not read. Normalised names.
 */
function requirementNames(src: FileSource, file: string): Set<string> {
  const names = new Set<string>();
  for (const { content } of requirementsClosure((path) => src.read(path), file, ['requirement'])) {
    for (const install of content.installs) {
      // An editable install is found by path (the project graph), not by name.
      const name = install.editable ? null : requirementName(install.spec);
      if (name !== null) names.add(name);
    }
  }
  return names;
}

function projectDependencyNames(toml: TomlTable): string[] {
  const dependencies = getTomlValue(toml, 'project.dependencies');
  if (!Array.isArray(dependencies)) {
    return [];
  }
  return dependencies.flatMap((d) => {
    const name = typeof d === 'string' ? requirementName(d) : null;
    return name === null ? [] : [name];
  });
}

/** Keys of a table such as [tool.poetry.dependencies] or Pipfile's [packages], normalised. */
function tableKeys(toml: TomlTable, path: string): string[] {
  const table = getTomlValue(toml, path);
  return isTomlTable(table) ? Object.keys(table).map(normalizePythonName) : [];
}

function pipfileLockPackages(text: string | null): string[] {
  if (text === null) {
    return [];
  }
  try {
    const lock = JSON.parse(text) as { default?: Record<string, unknown> };
    return Object.keys(lock.default ?? {}).map(normalizePythonName);
  } catch {
    return [];
  }
}

const hasGunicorn = (names: Iterable<string>) => [...names].includes('gunicorn');

/** Reads files relative to the project root. */
interface ProjectFiles {
  src: FileSource;
  projectRoot: string;
  exists(file: string): boolean;
  read(file: string): string | null;
  toml(file: string): TomlTable | null;
}

function uvAt(files: ProjectFiles, folder: string): DependencyInfo | null {
  const pyproject = joinPath(folder, 'pyproject.toml');
  const lock = joinPath(folder, 'uv.lock');
  if (!files.exists(lock) || !files.exists(pyproject)) {
    return null;
  }
  const toml = files.toml(pyproject);
  const names = toml === null ? [] : projectDependencyNames(toml);
  return { manager: 'uv', file: pyproject, lockFile: lock, hasGunicorn: hasGunicorn(names) };
}

function poetryAt(files: ProjectFiles, folder: string): DependencyInfo | null {
  const pyproject = joinPath(folder, 'pyproject.toml');
  const lock = joinPath(folder, 'poetry.lock');
  if (!files.exists(pyproject)) {
    return null;
  }
  const toml = files.toml(pyproject);
  const hasLock = files.exists(lock);
  if (!hasLock && (toml === null || getTomlValue(toml, 'tool.poetry') === undefined)) {
    return null;
  }
  // Poetry 2 reads [project] dependencies; Poetry 1 [tool.poetry.dependencies].
  const names =
    toml === null
      ? []
      : [...projectDependencyNames(toml), ...tableKeys(toml, 'tool.poetry.dependencies')];
  return {
    manager: 'poetry',
    file: pyproject,
    lockFile: hasLock ? lock : null,
    hasGunicorn: hasGunicorn(names),
  };
}

function requirementsAt(files: ProjectFiles, file: string): DependencyInfo | null {
  if (!files.exists(file)) {
    return null;
  }
  const names = requirementNames(files.src, joinPath(files.projectRoot, file));
  return { manager: 'pip', file, lockFile: null, hasGunicorn: hasGunicorn(names) };
}

function pipenvAt(files: ProjectFiles, folder: string): DependencyInfo | null {
  const pipfile = joinPath(folder, 'Pipfile');
  const lock = joinPath(folder, 'Pipfile.lock');
  const hasPipfile = files.exists(pipfile);
  const hasLock = files.exists(lock);
  if (!hasPipfile && !hasLock) {
    return null;
  }
  const toml = hasPipfile ? files.toml(pipfile) : null;
  const names = toml !== null ? tableKeys(toml, 'packages') : pipfileLockPackages(files.read(lock));
  return {
    manager: 'pipenv',
    file: hasPipfile ? pipfile : lock,
    lockFile: hasLock ? lock : null,
    hasGunicorn: hasGunicorn(names),
  };
}

function pyprojectPipAt(files: ProjectFiles, folder: string): DependencyInfo | null {
  const pyproject = joinPath(folder, 'pyproject.toml');
  const toml = files.exists(pyproject) ? files.toml(pyproject) : null;
  if (toml === null || !Array.isArray(getTomlValue(toml, 'project.dependencies'))) {
    return null;
  }
  const names = projectDependencyNames(toml);
  return { manager: 'pip', file: pyproject, lockFile: null, hasGunicorn: hasGunicorn(names) };
}

/**
 * How the project installs its dependencies, from the files beside it. Checked in order:
 * uv.lock, Poetry, pip requirement files (production ones first), Pipfile, and a
 * pyproject.toml with [project] dependencies (installed with `pip install .`), and last the
 * requirement files of a deployment folder (DEPLOYMENT_FOLDERS). Each kind is looked for in
 * the project root, then the Django root, before the next kind.
 * Only main dependencies count for hasGunicorn: dev groups never reach the image.
 */
export function detectDependencies(
  src: FileSource,
  projectRoot: string,
  djangoRoot: string,
): DependencyInfo | null {
  const files: ProjectFiles = {
    src,
    projectRoot,
    exists: (file) => src.isFile(joinPath(projectRoot, file)),
    read: (file) => src.read(joinPath(projectRoot, file)),
    toml: (file) => tryParseToml(src.read(joinPath(projectRoot, file))),
  };
  const folders = djangoRoot === '' ? [''] : ['', djangoRoot];
  type Detector = (files: ProjectFiles, folder: string) => DependencyInfo | null;
  const firstIn = (detect: Detector): DependencyInfo | null => {
    for (const folder of folders) {
      const info = detect(files, folder);
      if (info !== null) {
        return info;
      }
    }
    return null;
  };
  const requirements = (under = ''): DependencyInfo | null => {
    for (const name of REQUIREMENTS_FILES) {
      const info = firstIn((f, folder) => requirementsAt(f, joinPath(folder, under, name)));
      if (info !== null) {
        return info;
      }
    }
    return null;
  };
  const deploymentRequirements = (): DependencyInfo | null => {
    for (const folder of DEPLOYMENT_FOLDERS) {
      const info = requirements(folder);
      if (info !== null) {
        return info;
      }
    }
    return null;
  };

  return (
    firstIn(uvAt) ??
    firstIn(poetryAt) ??
    requirements() ??
    firstIn(pipenvAt) ??
    firstIn(pyprojectPipAt) ??
    deploymentRequirements()
  );
}
