import { joinPathFragments, type Tree } from '@nx/devkit';
import { requirementName } from '../../../python/names';
import { PRODUCTION_GROUPS } from '../../../python/dependency-details';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

export interface GunicornResult {
  /** The requirements file the generator created or appended gunicorn (or the driver) to. */
  changedFile: string | null;
  /** What the user still has to do, for managers whose lock file only their own tool may update. */
  instruction: string | null;
  /** What the generator added and why, to print. */
  note: string | null;
}

/** Distributions Django's PostgreSQL backend can use. */
const POSTGRES_DRIVERS = new Set([
  'psycopg',
  'psycopg-binary',
  'psycopg-c',
  'psycopg2',
  'psycopg2-binary',
  'psycopg2cffi',
]);
/**
 * What --database postgres adds when no driver is among the dependencies: psycopg 3 with its
 * binary build, which bundles libpq, so the slim image needs no system library.
 */
export const POSTGRES_DRIVER = 'psycopg[binary]';

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
 * Where missing packages sit unused: a dependency group, extra or Pipfile category the image
 * does not install (only main and the production-named ones are), as a sentence to append.
 */
function unusedPlaces(options: NormalizedInitOptions, missing: string[]): string {
  const sentences = missing.flatMap((pkg) => {
    const name = requirementName(pkg);
    const places = (options.dependencyDetails?.notInstalled ?? []).filter(
      (place) => name !== null && place.names.includes(name),
    );
    return places.map(
      (place) =>
        ` ${name} sits in the "${place.name}" ${place.kind}, which the image does not install ` +
        `(it installs the main dependencies and the ${place.kind === 'extra' ? 'extras' : 'groups'} ` +
        `named ${PRODUCTION_GROUPS.slice(0, 3).join(', ')} and the like): make it a main ` +
        `dependency, or rename the ${place.kind} to prod.`,
    );
  });
  return sentences.join('');
}

function needsPostgresDriver(options: NormalizedInitOptions): boolean {
  if (options.database !== 'postgres') return false;
  const names = (options.dependencyDetails?.requirements ?? []).map(requirementName);
  return !names.some((name) => name !== null && POSTGRES_DRIVERS.has(name));
}

/** A requirements file with `--hash=` pins (pip's hash-checking mode). */
function pinsHashes(bytes: Buffer): boolean {
  return /(^|\s)--(hash[=\s]|require-hashes)/m.test(bytes.toString('latin1'));
}

/**
 * The file's bytes with one line per package appended, in the file's own line ending (CRLF
 * stays CRLF) and without decoding it: bytes that are not UTF-8 stay as they were.
 */
export function withLinesAppended(bytes: Buffer, lines: string[]): Buffer {
  const crlf = bytes.includes('\r\n');
  const eol = crlf ? '\r\n' : '\n';
  const separator = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a ? '' : eol;
  return Buffer.concat([bytes, Buffer.from(`${separator}${lines.join(eol)}${eol}`, 'latin1')]);
}

function hashPinnedInstruction(path: string, missing: string[]): string {
  const names = missing.join(' ');
  return (
    `${path} pins every requirement with --hash, and pip refuses the whole file when one line ` +
    `has none, so it was not edited. Add ${missing.map((m) => `"${m}"`).join(' and ')} to the ` +
    `file it is compiled from and regenerate it with hashes, e.g. \`pip-compile --generate-hashes\` ` +
    `(pip-tools) or \`uv pip compile --generate-hashes\`; or append the pinned line with its hashes ` +
    `yourself (\`pip download ${names} --no-deps -d /tmp/wheels && pip hash /tmp/wheels/*\` prints them).`
  );
}

/**
 * The image runs gunicorn (or another server), so the dependencies must install it. A
 * requirements file gets a line per missing server package (the rest of the file untouched);
 * a lock-file manager gets the exact command to run, because only that tool can update its
 * lock file correctly.
 */
export function ensureGunicorn(tree: Tree, options: NormalizedInitOptions): GunicornResult {
  const deps = options.dependencies;
  const driver = needsPostgresDriver(options);
  const missing = [...missingServerPackages(options), ...(driver ? [POSTGRES_DRIVER] : [])];
  if (missing.length === 0) return { changedFile: null, instruction: null, note: null };
  const driverNote = driver
    ? `--database postgres needs a PostgreSQL driver and none is among the dependencies: ` +
      `${POSTGRES_DRIVER} bundles libpq, so the image needs no system library for it.`
    : null;
  const added = (path: string) =>
    driver ? `Added ${POSTGRES_DRIVER} to ${path}: ${driverNote}` : null;

  if (deps === null) {
    const path = joinPathFragments(options.projectRoot, 'requirements.txt');
    tree.write(
      path,
      `# Written by docker-django: the project had no dependency file. Pin the versions you use.\nDjango\n${missing.join('\n')}\n`,
    );
    return { changedFile: path, instruction: null, note: added(path) };
  }

  if (deps.manager === 'pip' && !deps.file.endsWith('.toml')) {
    const path = joinPathFragments(options.projectRoot, deps.file);
    const bytes = tree.read(path) ?? Buffer.alloc(0);
    if (pinsHashes(bytes)) {
      // pip refuses a whole hash-pinned file when one line has no hash: leave it as it is.
      return { changedFile: null, instruction: hashPinnedInstruction(path, missing), note: null };
    }
    tree.write(path, withLinesAppended(bytes, missing));
    return { changedFile: path, instruction: null, note: added(path) };
  }
  const where = joinPathFragments(options.projectRoot);
  const names = missing.map((name) => `"${name}"`).join(' and ');
  const unused = unusedPlaces(options, missing);
  // Quoted: a shell would expand psycopg[binary] as a glob.
  const args = missing.map((name) => (/\[/.test(name) ? `"${name}"` : name)).join(' ');
  const why = missing[0] === POSTGRES_DRIVER ? driverNote : `the image runs ${missing[0]}.`;
  const instruction =
    deps.manager === 'pip'
      ? `Add ${names} to [project] dependencies in ${joinPathFragments(where, deps.file)}: ${why}${unused}`
      : `Run \`${ADD_COMMANDS[deps.manager]} ${args}\` in ${where}: ${unused === '' ? `${deps.file} does not list ${missing.length > 1 ? 'them' : 'it'}; ` : ''}${why}${unused}` +
        (driver && missing[0] !== POSTGRES_DRIVER ? ` ${driverNote}` : '');
  return { changedFile: null, instruction, note: null };
}
