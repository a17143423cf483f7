// Where manage.py is: the Django root of a project, and the folders a search never enters.
import { joinPath, type FileSource } from '../files/file-source';

/** Folders never searched: virtualenvs, dependencies, build output, caches, VCS data. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.venv',
  'venv',
  'env',
  'node_modules',
  '.git',
  'dist',
  'build',
  '__pycache__',
  '.tox',
  '.nx',
  'site-packages',
]);

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isSkippedDirectory(src: FileSource, path: string, name: string): boolean {
  return (
    SKIPPED_DIRECTORIES.has(name) ||
    // Other dot-folders are tool caches (.mypy_cache, .pytest_cache, .idea ...).
    name.startsWith('.') ||
    name.endsWith('.egg-info') ||
    // A virtualenv under any name.
    src.isFile(joinPath(path, 'pyvenv.cfg'))
  );
}

/** Searchable sub-folders of `dir` (workspace-relative), sorted by name. */
export function subdirectories(src: FileSource, dir: string): string[] {
  return src
    .children(dir)
    .filter((name) => {
      const path = joinPath(dir, name);
      return src.isDirectory(path) && !isSkippedDirectory(src, path, name);
    })
    .sort(compareStrings);
}

/**
 * The folder holding manage.py, relative to the project root: the project root itself,
 * then `src/`, then any folder one level down, then two levels down (alphabetical within
 * a level). Virtualenvs, node_modules, build output and dot-folders are never searched.
 */
export function findDjangoRoot(src: FileSource, projectRoot: string): string | null {
  const hasManagePy = (relative: string) =>
    src.isFile(joinPath(projectRoot, relative, 'manage.py'));
  if (hasManagePy('')) {
    return '';
  }
  const levelOne = subdirectories(src, projectRoot);
  // src/ is the conventional home of the code, so it beats its alphabetical siblings.
  const ordered = levelOne.includes('src')
    ? ['src', ...levelOne.filter((n) => n !== 'src')]
    : levelOne;
  const direct = ordered.find(hasManagePy);
  if (direct !== undefined) {
    return direct;
  }
  const levelTwo: string[] = [];
  for (const name of levelOne) {
    for (const sub of subdirectories(src, joinPath(projectRoot, name))) {
      const relative = joinPath(name, sub);
      if (hasManagePy(relative)) {
        levelTwo.push(relative);
      }
    }
  }
  return levelTwo.sort(compareStrings)[0] ?? null;
}
