import type { ExecutorContext } from '@nx/devkit';
import type { ComposeEngine } from './compose-engine';
import type { ComposeFileSummary } from './compose-file';
import type { CommandSpec } from './run-compose';

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

/** `registry:5000/team/api:latest` → `registry:5000/team/api` (a digest or no tag is kept whole). */
function repositoryOf(image: string): string {
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
): TaggedImage[] | null {
  const wanted = Object.entries(file.builtImages).filter(
    ([service]) => services.length === 0 || services.includes(service),
  );
  if (wanted.length === 0) return null;
  const images: TaggedImage[] = [];
  for (const [service, image] of wanted) {
    if (image === null || image.includes('$') || image.includes('@')) return null;
    // Services that share an image (server and migrate) share its content tag too.
    if (images.some((known) => known.image === image)) continue;
    images.push({
      service,
      image,
      contentTag: `${repositoryOf(image)}:nx-${hash.slice(0, HASH_LENGTH)}`,
    });
  }
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
export function staleContentTags(image: TaggedImage, tagsOutput: string): string[] {
  const current = image.contentTag.slice(image.contentTag.lastIndexOf(':') + 1);
  return tagsOutput
    .split(/\r?\n/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith('nx-') && tag !== current)
    .map((tag) => `${repositoryOf(image.image)}:${tag}`);
}

export function removeTagCommand(engine: ComposeEngine, tag: string): CommandSpec {
  return { file: engine.containerCli, args: ['rmi', tag] };
}

export function imageExistsCommand(engine: ComposeEngine, tag: string): CommandSpec {
  return { file: engine.containerCli, args: ['image', 'inspect', '--format', '{{.Id}}', tag] };
}

export function tagCommand(engine: ComposeEngine, source: string, target: string): CommandSpec {
  return { file: engine.containerCli, args: ['tag', source, target] };
}
