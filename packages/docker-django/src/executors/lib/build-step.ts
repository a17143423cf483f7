import { relative, sep } from 'node:path';
import { logger } from '../../nx/log';
import { imageStateFile, renewImageState } from '../../nx/image-state';
import { composeBuildCommand } from './compose-args';
import type { ComposeEngine } from './compose-engine';
import type { ComposeFileSummary } from './compose-file';
import { failCommand } from './compose-session';
import {
  imageIdsCommand,
  listTagsCommand,
  removeTagCommand,
  staleContentTags,
  tagCommand,
  taggedImages,
  type ContentTagFamily,
  type TaggedImage,
} from './content-tags';
import { tagFailedError } from './errors';
import type { NormalizedBuild } from './normalize-options';
import { firstLine, formatCommand, LOG_PREFIX, runCommand } from './run-compose';

// The build step of compose-build, and of compose-up, which builds itself rather than depend
// on compose-build (Nx 22 ends `nx run` with 130 when a dependency fails).

/** The project's root relative to the workspace, as the inference plugin names it. */
function relativeRoot(o: NormalizedBuild): string {
  const root = relative(o.workspaceRoot, o.projectRoot).split(sep).join('/');
  return root === '' ? '.' : root;
}

/** The id of each reference, in order; null when one of them is not in the engine. */
async function imageIds(
  engine: ComposeEngine,
  references: string[],
  o: NormalizedBuild,
): Promise<string[] | null> {
  const found = await runCommand(imageIdsCommand(engine, references), {
    cwd: o.projectRoot,
    capture: true,
    quiet: true,
    verbose: o.verbose,
  });
  const ids = found.stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
  return found.exitCode === 0 && ids.length === references.length ? ids : null;
}

/**
 * Whether the engine holds images built from these inputs: every content tag present. Their
 * own tags are re-pointed at them where needed; returns whether any tag changed.
 */
async function reuseBuiltImages(
  engine: ComposeEngine,
  images: TaggedImage[],
  o: NormalizedBuild,
): Promise<{ reused: boolean; retagged: boolean }> {
  // One call for the usual case: content tags and their images both there and the same.
  const pairs = await imageIds(
    engine,
    images.flatMap((image) => [image.contentTag, image.image]),
    o,
  );
  if (pairs !== null) {
    const stale = images.filter((_, i) => pairs[2 * i] !== pairs[2 * i + 1]);
    await tagAll(engine, stale, o, 'contentTag');
    return { reused: true, retagged: stale.length > 0 };
  }
  if (
    (await imageIds(
      engine,
      images.map((image) => image.contentTag),
      o,
    )) === null
  )
    return { reused: false, retagged: false };
  await tagAll(engine, images, o, 'contentTag');
  return { reused: true, retagged: true };
}

async function tagAll(
  engine: ComposeEngine,
  images: TaggedImage[],
  o: NormalizedBuild,
  from: 'image' | 'contentTag',
) {
  for (const image of images) {
    const [source, target] =
      from === 'image' ? [image.image, image.contentTag] : [image.contentTag, image.image];
    const command = tagCommand(engine, source, target);
    const result = await runCommand(command, {
      cwd: o.projectRoot,
      capture: true,
      quiet: true,
      verbose: o.verbose,
    });
    if (result.exitCode !== 0) {
      throw tagFailedError(
        o.project,
        source,
        target,
        formatCommand(command),
        result.exitCode,
        firstLine(result),
        o.target,
      );
    }
  }
}

// Best effort: a tag that cannot be removed (a container uses the image) costs disk, not correctness.
async function removeStaleTags(
  engine: ComposeEngine,
  images: TaggedImage[],
  o: NormalizedBuild,
  family: ContentTagFamily,
) {
  const quiet = { cwd: o.projectRoot, capture: true, quiet: true, verbose: o.verbose };
  for (const image of images) {
    const tags = await runCommand(listTagsCommand(engine, image), quiet);
    if (tags.exitCode !== 0) continue;
    for (const stale of staleContentTags(image, tags.stdout, family))
      await runCommand(removeTagCommand(engine, stale), quiet);
  }
}

/**
 * Builds the images of the compose file unless the engine already holds images built from
 * exactly these inputs (`key`, see content-tags.ts; undefined: always build). A failed build
 * throws the build's own explanation. Each target tags with its own `family`.
 */
export async function buildImages(
  engine: ComposeEngine,
  o: NormalizedBuild,
  file: ComposeFileSummary,
  key: string | undefined,
  family: ContentTagFamily,
): Promise<void> {
  // Every run that changes an image or a tag gives the project a new image state token, so
  // no cache entry hashed before the change can be hit (nx/image-state.ts). So does every
  // run on an engine whose images the runtime input's `docker` may not see.
  const command = composeBuildCommand(o, engine);
  const stateFile = imageStateFile(o.workspaceRoot, relativeRoot(o), process.env);
  let changed = engine.containerCli !== 'docker';
  try {
    const images = key ? taggedImages(file, o.services, key, family) : null;
    if (images) {
      const { reused, retagged } = await reuseBuiltImages(engine, images, o);
      changed ||= retagged;
      if (reused) {
        logger.info(
          `${LOG_PREFIX} ${o.project}: ${images.map((i) => i.image).join(', ')} already built from ` +
            `these inputs (${images[0].contentTag.split(':').pop()}); skipped the build.`,
        );
        return;
      }
    }
    changed = true;
    // Tee'd: streamed live as before, and its tail kept to explain a failure.
    const result = await runCommand(command, {
      cwd: o.projectRoot,
      verbose: o.verbose,
      tee: true,
    });
    if (result.exitCode !== 0) {
      await failCommand(
        engine,
        o,
        command,
        result,
        `Fix the build error shown above (the Dockerfile or build context of the failing ` +
          `service), then run \`nx run ${o.project}:${o.target}\` again.`,
        file,
      );
    }
    if (images) {
      await tagAll(engine, images, o, 'image');
      await removeStaleTags(engine, images, o, family);
    }
  } finally {
    if (changed) renewImageState(stateFile);
  }
}
