import { joinPathFragments, type Tree } from '@nx/devkit';
import { requirementName } from '../../../python/names';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

export interface GunicornResult {
  /** The requirements file the generator created or appended gunicorn to. */
  changedFile: string | null;
  /** What the user still has to do, for managers whose lock file only their own tool may update. */
  instruction: string | null;
}

const ADD_COMMANDS = {
  uv: 'uv add',
  poetry: 'poetry add',
  pipenv: 'pipenv install',
} as const;

function runsGunicorn(options: NormalizedInitOptions): boolean {
  return (
    options.command.some((arg) => /(^|\/)gunicorn$/.test(arg)) ||
    options.command.includes('gunicorn')
  );
}

/**
 * The distributions the run command needs that the dependencies lack: gunicorn for the
 * default command, and for an ASGI app the server detection chose (e.g. uvicorn for
 * gunicorn's uvicorn worker). A command the user gave is trusted to be installed, except
 * gunicorn, which is checked as before.
 */
function missingServerPackages(options: NormalizedInitOptions): string[] {
  const deps = options.dependencies;
  const wanted = options.appServer?.packages ?? (runsGunicorn(options) ? ['gunicorn'] : []);
  const present = new Set(
    (options.dependencyDetails?.requirements ?? []).map(requirementName).filter((n) => n !== null),
  );
  if (deps?.hasGunicorn) present.add('gunicorn');
  return wanted.filter((name) => !present.has(name));
}

/**
 * The image runs gunicorn (or another server), so the dependencies must install it. A
 * requirements file gets a line per missing server package (the rest of the file untouched);
 * a lock-file manager gets the exact command to run, because only that tool can update its
 * lock file correctly.
 */
export function ensureGunicorn(tree: Tree, options: NormalizedInitOptions): GunicornResult {
  const deps = options.dependencies;
  const missing = missingServerPackages(options);
  if (missing.length === 0) return { changedFile: null, instruction: null };

  if (deps === null) {
    const path = joinPathFragments(options.projectRoot, 'requirements.txt');
    tree.write(
      path,
      `# Written by docker-django: the project had no dependency file. Pin the versions you use.\nDjango\n${missing.join('\n')}\n`,
    );
    return { changedFile: path, instruction: null };
  }

  if (deps.manager === 'pip' && !deps.file.endsWith('.toml')) {
    const path = joinPathFragments(options.projectRoot, deps.file);
    const text = tree.read(path, 'utf-8') ?? '';
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    tree.write(path, `${text}${separator}${missing.join('\n')}\n`);
    return { changedFile: path, instruction: null };
  }
  const where = joinPathFragments(options.projectRoot);
  const names = missing.map((name) => `"${name}"`).join(' and ');
  const instruction =
    deps.manager === 'pip'
      ? `Add ${names} to [project] dependencies in ${joinPathFragments(where, deps.file)}: the image runs ${missing[0]}.`
      : `Run \`${ADD_COMMANDS[deps.manager]} ${missing.join(' ')}\` in ${where}: the image runs ${missing[0]} and ${deps.file} does not list ${missing.length > 1 ? 'them' : 'it'}.`;
  return { changedFile: null, instruction };
}
