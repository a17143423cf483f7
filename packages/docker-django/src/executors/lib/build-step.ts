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
  repositoryOf,
  staleContentTags,
  tagCommand,
  taggedImages,
  type ContentTagFamily,
  type TaggedImage,
} from './content-tags';
import { readInspectOutput, type InspectAnswer } from '../../nx/engine-image-ids';
import {
  apiImageIds,
  apiRemoveTag,
  apiRepositoryTags,
  apiTag,
  engineApiSocket,
} from './engine-api';
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
  const found = await runCommand(imageIdsCommand(engine, references), quietRun(o));
  const ids = found.stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
  return found.exitCode === 0 && ids.length === references.length ? ids : null;
}

function quietRun(o: NormalizedBuild) {
  return { cwd: o.projectRoot, capture: true, quiet: true, verbose: o.verbose };
}

async function inspectWithCli(
  engine: ComposeEngine,
  references: string[],
  o: NormalizedBuild,
): Promise<InspectAnswer> {
  const found = await runCommand(imageIdsCommand(engine, references), quietRun(o));
  return readInspectOutput(references, found.stdout, found.stderr);
}

/** Logs an Engine API request where the CLI would have logged its command (--verbose). */
function logApiCall(o: NormalizedBuild, what: string): void {
  if (o.verbose) logger.info(`${LOG_PREFIX} Engine API: ${what}`);
}

/**
 * Whether the engine holds images built from these inputs: every content tag present. Their
 * own tags are re-pointed at them where needed; returns whether any tag changed.
 */
async function reuseBuiltImages(
  engine: ComposeEngine,
  images: TaggedImage[],
  o: NormalizedBuild,
  socket: string | undefined,
): Promise<{ reused: boolean; retagged: boolean }> {
  // One question: content tags and their images, which also says which of them are missing.
  const references = images.flatMap((image) => [image.contentTag, image.image]);
  const answer =
    (socket && (await apiImageIds(socket, references))) ||
    (await inspectWithCli(engine, references, o));
  if (!answer.understood) {
    // An engine whose messages we cannot read (podman words them differently): ask for the
    // content tags alone.
    if (
      (await imageIds(
        engine,
        images.map((image) => image.contentTag),
        o,
      )) === null
    )
      return { reused: false, retagged: false };
    await tagAll(engine, images, o, 'contentTag', socket);
    return { reused: true, retagged: true };
  }
  if (images.some((image) => answer.ids.get(image.contentTag) === undefined))
    return { reused: false, retagged: false };
  const stale = images.filter(
    (image) => answer.ids.get(image.contentTag) !== answer.ids.get(image.image),
  );
  await tagAll(engine, stale, o, 'contentTag', socket);
  return { reused: true, retagged: stale.length > 0 };
}

async function tagAll(
  engine: ComposeEngine,
  images: TaggedImage[],
  o: NormalizedBuild,
  from: 'image' | 'contentTag',
  socket: string | undefined,
) {
  await Promise.all(
    images.map(async (image) => {
      const [source, target] =
        from === 'image' ? [image.image, image.contentTag] : [image.contentTag, image.image];
      const viaApi = socket ? await apiTag(socket, source, target) : undefined;
      if (viaApi) {
        logApiCall(o, viaApi.request);
        if (viaApi.ok) return;
        throw tagFailedError(
          o.project,
          source,
          target,
          viaApi.request,
          viaApi.status,
          viaApi.message,
          o.target,
        );
      }
      const command = tagCommand(engine, source, target);
      const result = await runCommand(command, quietRun(o));
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
    }),
  );
}

/** The content tags each image's repository carries now (undefined where the list failed). */
function listContentTags(
  engine: ComposeEngine,
  images: TaggedImage[],
  o: NormalizedBuild,
  socket: string | undefined,
): Promise<(string | undefined)[]> {
  return Promise.all(
    images.map(async (image) => {
      const viaApi = socket
        ? await apiRepositoryTags(socket, repositoryOf(image.image))
        : undefined;
      if (viaApi !== undefined) return viaApi;
      const tags = await runCommand(listTagsCommand(engine, image), quietRun(o));
      return tags.exitCode === 0 ? tags.stdout : undefined;
    }),
  );
}

// Best effort: a tag that cannot be removed (a container uses the image) costs disk, not correctness.
async function removeStaleTags(
  engine: ComposeEngine,
  images: TaggedImage[],
  listed: (string | undefined)[],
  o: NormalizedBuild,
  family: ContentTagFamily,
  socket: string | undefined,
) {
  const stale = images.flatMap((image, i) =>
    listed[i] === undefined ? [] : staleContentTags(image, listed[i], family),
  );
  await Promise.all(
    stale.map(async (tag) => {
      if (socket && (await apiRemoveTag(socket, tag)))
        return logApiCall(o, `DELETE /images/${tag}`);
      await runCommand(removeTagCommand(engine, tag), quietRun(o));
    }),
  );
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
  // Where the CLI would talk to the local socket, the image calls go there directly.
  const socket = engineApiSocket(engine.containerCli);
  try {
    const images = key ? taggedImages(file, o.services, key, family) : null;
    if (images) {
      const { reused, retagged } = await reuseBuiltImages(engine, images, o, socket);
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
    // Listed while the build runs, not after it: the tags earlier builds left are there
    // already, and the new content tag is not (it is put on after the build).
    const listed = images ? listContentTags(engine, images, o, socket) : undefined;
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
    if (images && listed) {
      // Independent: the new content tag goes on the new image, the stale ones come off older ones.
      const earlierTags = await listed;
      await Promise.all([
        tagAll(engine, images, o, 'image', socket),
        removeStaleTags(engine, images, earlierTags, o, family, socket),
      ]);
    }
  } finally {
    if (changed) renewImageState(stateFile);
  }
}
