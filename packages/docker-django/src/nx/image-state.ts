// What lets Nx's own cache answer compose-build truthfully. A cache hit replays a log and
// starts no process, so the task hash itself must change whenever the engine no longer holds
// what the cached run left there. compose-build's hasher (executors/compose-build/hasher.ts)
// adds to the hash of its file inputs the image id of every image the project builds, and a
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
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ImageIds } from './engine-image-ids';
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

/** Where the inference plugin lists the images a compose-build target builds, for its hasher. */
export const IMAGES_METADATA_KEY = 'dockerDjangoImages';

/** The token's current content, or a value no other read gives when there is none to read. */
export function readImageStateToken(file: string): string {
  try {
    return readFileSync(file, 'utf-8').trim();
  } catch {
    return `none ${randomBytes(8).toString('hex')}`;
  }
}

/**
 * What compose-build's hash adds to its file inputs (executors/compose-build/hasher.ts): the
 * token, then each image with its id in the engine. A missing image is written with a random
 * nonce, so such a hash is never seen twice and the executor checks the engine itself.
 */
export function imageStateLine(token: string, images: readonly string[], ids: ImageIds): string {
  const shown = images.map(
    (image) => `${image}=${ids.get(image) ?? `absent ${randomBytes(8).toString('hex')}`}`,
  );
  return [token, ...shown].join(' ');
}
