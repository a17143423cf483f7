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

/** How many folders below the project root manage.py is looked for (`src/backend/<app>/manage.py`). */
export const MANAGE_PY_SEARCH_DEPTH = 4;

/**
 * Folders that never hold the project's own manage.py: vendored code, data the app serves or
 * collects, migrations, translations and coverage output.
 */
const NOT_A_DJANGO_ROOT: ReadonlySet<string> = new Set([
  'vendor',
  'vendored',
  'third_party',
  'third-party',
  'migrations',
  'static',
  'staticfiles',
  'media',
  'templates',
  'locale',
  'htmlcov',
  'coverage',
]);

/**
 * Folders whose manage.py is usually a test or example project (a reusable app's
 * `tests/testproject/manage.py`): searched only when nothing else has one.
 */
const LAST_RESORT: ReadonlySet<string> = new Set([
  'docs',
  'doc',
  'tests',
  'test',
  'testing',
  'example',
  'examples',
  'sample',
  'samples',
  'demo',
]);

/**
 * The folder holding manage.py, relative to the project root: the project root itself,
 * then `src/`, then folders one level down, then two, three and four levels down
 * (alphabetical within a level). Virtualenvs, node_modules, build output, dot-folders,
 * vendored code and static/media folders are never searched; docs/, tests/ and examples/
 * only when no other folder has a manage.py.
 */
export function findDjangoRoot(src: FileSource, projectRoot: string): string | null {
  const hasManagePy = (relative: string) =>
    src.isFile(joinPath(projectRoot, relative, 'manage.py'));
  if (hasManagePy('')) {
    return '';
  }
  const search = (lastResort: boolean): string | null => {
    let level = [''];
    for (let depth = 1; depth <= MANAGE_PY_SEARCH_DEPTH && level.length > 0; depth++) {
      const next: string[] = [];
      for (const parent of level) {
        for (const name of subdirectories(src, joinPath(projectRoot, parent))) {
          if (NOT_A_DJANGO_ROOT.has(name) || (!lastResort && LAST_RESORT.has(name))) continue;
          next.push(joinPath(parent, name));
        }
      }
      next.sort(compareStrings);
      // src/ is the conventional home of the code, so it beats its alphabetical siblings.
      const ordered =
        depth === 1 && next.includes('src') ? ['src', ...next.filter((n) => n !== 'src')] : next;
      const found = ordered.find(hasManagePy);
      if (found !== undefined) {
        return found;
      }
      level = next;
    }
    return null;
  };
  return search(false) ?? search(true);
}
