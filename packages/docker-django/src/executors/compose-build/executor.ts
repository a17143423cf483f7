import { logger, type ExecutorContext } from '@nx/devkit';
import { composeBuildCommand } from '../lib/compose-args';
import {
  failCommand,
  prepareCompose,
  printDryRun,
  runComposeExecutor,
} from '../lib/compose-session';
import {
  imageExistsCommand,
  listTagsCommand,
  removeTagCommand,
  staleContentTags,
  tagCommand,
  taggedImages,
  taskHash,
  type TaggedImage,
} from '../lib/content-tags';
import type { ComposeEngine } from '../lib/compose-engine';
import { normalizeBuildOptions, type NormalizedBuild } from '../lib/normalize-options';
import { tagFailedError } from '../lib/errors';
import { firstLine, formatCommand, LOG_PREFIX, runCommand } from '../lib/run-compose';
import type { ComposeBuildExecutorSchema } from './schema';

async function allPresent(
  engine: ComposeEngine,
  images: TaggedImage[],
  o: NormalizedBuild,
): Promise<boolean> {
  for (const { contentTag } of images) {
    const found = await runCommand(imageExistsCommand(engine, contentTag), {
      cwd: o.projectRoot,
      capture: true,
      quiet: true,
      verbose: o.verbose,
    });
    if (found.exitCode !== 0) return false;
  }
  return true;
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
async function removeStaleTags(engine: ComposeEngine, images: TaggedImage[], o: NormalizedBuild) {
  const quiet = { cwd: o.projectRoot, capture: true, quiet: true, verbose: o.verbose };
  for (const image of images) {
    const tags = await runCommand(listTagsCommand(engine, image), quiet);
    if (tags.exitCode !== 0) continue;
    for (const stale of staleContentTags(image, tags.stdout))
      await runCommand(removeTagCommand(engine, stale), quiet);
  }
}

/**
 * `docker-django:compose-build`: builds the images of the project's compose file, unless the
 * engine already holds images built from exactly these inputs (see content-tags.ts).
 */
export default async function composeBuildExecutor(
  options: ComposeBuildExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return runComposeExecutor(async () => {
    const o = normalizeBuildOptions(options, context);
    const { engine, file } = await prepareCompose(o, o.services);
    const command = composeBuildCommand(o, engine);
    if (o.dryRun) return printDryRun(command, o);

    const hash = o.noCache || o.pull ? undefined : taskHash(context);
    const images = hash ? taggedImages(file, o.services, hash) : null;
    if (images && (await allPresent(engine, images, o))) {
      await tagAll(engine, images, o, 'contentTag');
      logger.info(
        `${LOG_PREFIX} ${o.project}: ${images.map((i) => i.image).join(', ')} already built from ` +
          `these inputs (${images[0].contentTag.split(':').pop()}); skipped the build.`,
      );
      return;
    }
    // Tee'd: streamed live as before, and its tail kept to explain a failure.
    const result = await runCommand(command, { cwd: o.projectRoot, verbose: o.verbose, tee: true });
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
      await removeStaleTags(engine, images, o);
    }
  });
}
