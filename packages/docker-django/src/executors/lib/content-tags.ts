import { createHash } from 'node:crypto';
import type { ExecutorContext, Task } from '@nx/devkit';
import type { ComposeEngine } from './compose-engine';
import type { ComposeFileSummary } from './compose-file';
import type { CommandSpec } from './run-compose';
import { nameableImages } from '../../nx/compose-images';

/**
 * Truthful build skipping. Nx's cache would replay a build's log and report success with no
 * image in the engine, so compose-build is not cached by Nx. Instead every image it builds is
 * also tagged `<repository>:nx-<task hash>`; the task hash covers the build's inputs (the
 * app's and its libraries' files minus .dockerignore, the Dockerfile, compose file and build
 * options). When every such tag is present, the build is skipped and each image's own tag is
 * re-pointed at it. A deleted image takes its content tag with it, so it is rebuilt.
 */
export interface TaggedImage {
  service: string;
  /** The tag compose builds and `up` runs, e.g. `api:latest`. */
  image: string;
  /** The same image under its content tag, e.g. `api:nx-1a2b...`. */
  contentTag: string;
}

const HASH_LENGTH = 24;

/**
 * The content tags of compose-build (`nx-<key>`) and of compose-up's own build (`nxup-<key>`):
 * Nx hashes the target name in, so the two tasks have different keys for the same inputs, and
 * each prunes only its own family (else running them in turn would rebuild every time).
 */
export type ContentTagFamily = 'nx' | 'nxup';

/** The hash Nx computed for the running task, when the executor runs as an Nx task. */
export function taskHash(context: ExecutorContext): string | undefined {
  const tasks = context.taskGraph?.tasks ?? {};
  const task = Object.values(tasks).find(
    (t) =>
      t.target.project === context.projectName &&
      t.target.target === context.targetName &&
      (t.target.configuration ?? undefined) === (context.configurationName ?? undefined),
  );
  return task?.hash;
}

/**
 * The key of a build's content tags: the task's hash without its runtime inputs. The inferred
 * target's runtime input reports the image state (nx/image-state.ts), which every build
 * changes; a key that followed it would never find the image it describes. Nx hands the
 * executor each input's hash in `hashDetails.nodes` (`runtime:<command>` for runtime inputs);
 * without them the whole task hash is the key, as before.
 */
export function contentKey(context: ExecutorContext): string | undefined {
  const task = Object.values(context.taskGraph?.tasks ?? {}).find(
    (t) =>
      t.target.project === context.projectName &&
      t.target.target === context.targetName &&
      (t.target.configuration ?? undefined) === (context.configurationName ?? undefined),
  );
  return contentKeyOf(task);
}

/** The content-tag key of a task of the graph (compose-push names its build task's images so). */
export function contentKeyOf(task: Task | undefined): string | undefined {
  if (!task?.hash) return undefined;
  const details = task.hashDetails;
  if (!details?.nodes) return task.hash;
  const kept = Object.keys(details.nodes)
    .filter((name) => !name.startsWith('runtime:'))
    .sort()
    .map((name) => `${name}=${details.nodes[name]}`);
  return createHash('sha256')
    .update([details.command, JSON.stringify(details.implicitDeps ?? {}), ...kept].join('\n'))
    .digest('hex');
}

/** `registry:5000/team/api:latest` → `registry:5000/team/api` (a digest or no tag is kept whole). */
export function repositoryOf(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(0, colon) : image;
}

/**
 * The images a build produces and their content tags, or null when they cannot be named
 * without compose's own interpolation (`image: ${TAG}`) or naming rules: then the build
 * always runs, which is slower but never wrong.
 */
export function taggedImages(
  file: ComposeFileSummary,
  services: string[],
  hash: string,
  family: ContentTagFamily = 'nx',
): TaggedImage[] | null {
  const named = nameableImages(file.builtImages, services);
  if (named === null) return null;
  const images: TaggedImage[] = named.map(({ service, image }) => ({
    service,
    image,
    // Services that share an image (server and migrate) share its content tag too.
    contentTag: `${repositoryOf(image)}:${family}-${hash.slice(0, HASH_LENGTH)}`,
  }));
  return images;
}

/** The content tags a repository carries, one per line: `docker images <repo> --format {{.Tag}}`. */
export function listTagsCommand(engine: ComposeEngine, image: TaggedImage): CommandSpec {
  return {
    file: engine.containerCli,
    args: ['images', repositoryOf(image.image), '--format', '{{.Tag}}'],
  };
}

/**
 * Content tags of earlier builds of the same image, which a new build makes stale. Removing
 * them only untags: an image still used by a container stays, and BuildKit's layer cache is
 * kept either way, so going back to an older state rebuilds from cache.
 */
export function staleContentTags(
  image: TaggedImage,
  tagsOutput: string,
  family: ContentTagFamily = 'nx',
): string[] {
  const current = image.contentTag.slice(image.contentTag.lastIndexOf(':') + 1);
  return tagsOutput
    .split(/\r?\n/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith(`${family}-`) && tag !== current)
    .map((tag) => `${repositoryOf(image.image)}:${tag}`);
}

export function removeTagCommand(engine: ComposeEngine, tag: string): CommandSpec {
  return { file: engine.containerCli, args: ['rmi', tag] };
}

export function imageExistsCommand(engine: ComposeEngine, tag: string): CommandSpec {
  return imageIdsCommand(engine, [tag]);
}

/**
 * One `image inspect` of several references: on success one id a line, in their order; when
 * one is missing it exits non-zero.
 */
export function imageIdsCommand(engine: ComposeEngine, references: string[]): CommandSpec {
  return {
    file: engine.containerCli,
    args: ['image', 'inspect', '--format', '{{.Id}}', ...references],
  };
}

export function tagCommand(engine: ComposeEngine, source: string, target: string): CommandSpec {
  return { file: engine.containerCli, args: ['tag', source, target] };
}
