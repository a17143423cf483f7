// What lets Nx's own cache answer compose-build truthfully. A cache hit replays a log and
// starts no process, so the task hash itself must change whenever the engine no longer holds
// what the cached run left there. Nx runs a target's `runtime` inputs while it hashes and
// hashes their output: ours prints the image id of every image the project builds, and a
// token the executor renews whenever it builds or re-points a tag.
//
// Why the token as well as the ids: a run is hashed before it runs, so its cache entry stands
// for the engine as it was *before* the build. The executor renews the token whenever the run
// changed the images, which makes every such entry unreachable; only a run that found the
// images already right (and changed nothing) leaves an entry a later run can hit. Without the
// token, going back to an earlier commit could hit the entry of a build made from the later
// one while `latest` held the earlier image. The first run after a build therefore misses
// once (the ids changed) and the executor confirms the image in a few milliseconds; every
// run after that is a cache hit until an input or the engine changes.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { workspaceDataDirectory } from './workspace-data';

/** The token file of the project at `projectRoot` (workspace-relative, '.' for the root). */
export function imageStateFile(
  workspaceRoot: string,
  projectRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  // The workspace root's project is '.', which as a file name would be the folder itself.
  const name = projectRoot === '' || projectRoot === '.' ? '%2E' : encodeURIComponent(projectRoot);
  return join(workspaceDataDirectory(workspaceRoot, env), 'docker-django', 'image-state', name);
}

/**
 * Gives the project a new token, so no cache entry hashed before this moment can be hit again.
 * Best effort: when the file cannot be written the old token stays, and the ids of the images
 * in the hash still turn a deleted or replaced image into a miss.
 */
export function renewImageState(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, `${randomBytes(16).toString('hex')}\n`);
    renameSync(temporary, file);
  } catch {
    // See above: the image ids still guard against a deleted image.
  }
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `runtime` input of an inferred compose-build: `cat` of the token, then one
 * `docker image inspect` of every image the project builds (about 20 ms here). When an image
 * is missing, or no docker CLI answers, the output ends with the shell's process id, so such a
 * hash is never seen twice. Undefined where the input cannot be written: no nameable image,
 * or Windows (Nx runs runtime inputs with cmd.exe there); compose-build is then not cached by
 * Nx and the executor's content tags alone decide.
 */
export function imageStateRuntimeInput(
  workspaceRoot: string,
  projectRoot: string,
  images: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (platform === 'win32' || images.length === 0) return undefined;
  const file = imageStateFile(workspaceRoot, projectRoot, env);
  // Nx runs runtime inputs in the workspace root; a relative path keeps the hash of a moved
  // or copied workspace the same.
  const fromRoot = relative(workspaceRoot, file);
  const shown =
    fromRoot.startsWith('..') || isAbsolute(fromRoot) ? file : fromRoot.split(sep).join('/');
  return (
    `cat ${shellQuote(shown)} 2>&1; ` +
    `docker image inspect --format '{{.Id}}' ${images.map(shellQuote).join(' ')} 2>&1 ` +
    `|| echo "absent $$"`
  );
}
