import { joinPathFragments, type Tree } from '@nx/devkit';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

export interface GunicornResult {
  /** The requirements file the generator created or appended gunicorn to. */
  changedFile: string | null;
  /** What the user still has to do, for managers whose lock file only their own tool may update. */
  instruction: string | null;
}

const ADD_COMMANDS = {
  uv: 'uv add gunicorn',
  poetry: 'poetry add gunicorn',
  pipenv: 'pipenv install gunicorn',
} as const;

function runsGunicorn(options: NormalizedInitOptions): boolean {
  return (
    options.command.some((arg) => /(^|\/)gunicorn$/.test(arg)) ||
    options.command.includes('gunicorn')
  );
}

/**
 * The image runs gunicorn, so the dependencies must install it. A requirements file gets a
 * `gunicorn` line (the rest of the file untouched); a lock-file manager gets the exact command
 * to run, because only that tool can update its lock file correctly.
 */
export function ensureGunicorn(tree: Tree, options: NormalizedInitOptions): GunicornResult {
  const deps = options.dependencies;
  if (!runsGunicorn(options)) return { changedFile: null, instruction: null };

  if (deps === null) {
    const path = joinPathFragments(options.projectRoot, 'requirements.txt');
    tree.write(
      path,
      '# Written by docker-django: the project had no dependency file. Pin the versions you use.\nDjango\ngunicorn\n',
    );
    return { changedFile: path, instruction: null };
  }
  if (deps.hasGunicorn) return { changedFile: null, instruction: null };

  if (deps.manager === 'pip' && !deps.file.endsWith('.toml')) {
    const path = joinPathFragments(options.projectRoot, deps.file);
    const text = tree.read(path, 'utf-8') ?? '';
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    tree.write(path, `${text}${separator}gunicorn\n`);
    return { changedFile: path, instruction: null };
  }
  const where = joinPathFragments(options.projectRoot);
  const instruction =
    deps.manager === 'pip'
      ? `Add "gunicorn" to [project] dependencies in ${joinPathFragments(where, deps.file)}: the image runs gunicorn.`
      : `Run \`${ADD_COMMANDS[deps.manager]}\` in ${where}: the image runs gunicorn and ${deps.file} does not list it.`;
  return { changedFile: null, instruction };
}
