import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../nx/log';
import { prepareCompose, runComposeExecutor } from '../lib/compose-session';
import {
  contentKeyOf,
  imageExistsCommand,
  tagCommand,
  taggedImages,
  type TaggedImage,
} from '../lib/content-tags';
import type { ComposeEngine } from '../lib/compose-engine';
import { credentialsFor, type Credentials } from '../lib/docker-credentials';
import { normalizePushOptions, type NormalizedPush } from '../lib/normalize-push-options';
import { headManifest, RegistryQueryError, type ManifestAnswer } from '../lib/registry-client';
import {
  classifyPushFailure,
  notBuiltError,
  pushFailureDetail,
  registryError,
  unnamedImagesError,
} from '../lib/registry-errors';
import {
  apiRepository,
  contentTagAmong,
  gitCommitCommand,
  gitDirtyCommand,
  pushCommand,
  remoteRepository,
  repoTagsCommand,
  tagList,
  tagOf,
} from '../lib/registry-ref';
import { tagFailedError } from '../lib/errors';
import {
  firstLine,
  formatCommand,
  LOG_PREFIX,
  runCommand,
  type CommandSpec,
} from '../lib/run-compose';
import type { ComposePushExecutorSchema } from './schema';

/** The hash of this project's compose-build task in the running task graph (its content tag). */
function buildTaskHash(context: ExecutorContext, o: NormalizedPush): string | undefined {
  return contentKeyOf(context.taskGraph?.tasks?.[`${o.project}:${o.buildTarget}`]);
}

async function run(spec: CommandSpec, o: NormalizedPush, quiet = true) {
  return runCommand(spec, { cwd: o.workspaceRoot, capture: true, quiet, verbose: o.verbose });
}

/** `sha-<commit>` when the workspace is a git checkout and the project has no uncommitted change. */
async function commitTag(o: NormalizedPush): Promise<string | undefined> {
  if (!o.commitTag) return undefined;
  const head = await run(gitCommitCommand(), o);
  if (head.exitCode !== 0) return undefined;
  const dirty = await run(gitDirtyCommand(o.projectRoot), o);
  if (dirty.exitCode !== 0 || dirty.stdout.trim() !== '') {
    logger.info(
      `${LOG_PREFIX} ${o.project} has uncommitted changes: no commit tag (it would name other files).`,
    );
    return undefined;
  }
  return `sha-${head.stdout.trim()}`;
}

/** The images with the content tag they carry in the engine; throws for one that is not built. */
async function builtImages(
  context: ExecutorContext,
  o: NormalizedPush,
  engine: ComposeEngine,
  file: Parameters<typeof taggedImages>[0],
): Promise<TaggedImage[]> {
  const hash = buildTaskHash(context, o);
  const images = taggedImages(file, o.services, hash ?? 'unknown');
  if (!images) throw unnamedImagesError(o.project);
  for (const image of images) {
    if (!hash) {
      // Run outside a task graph (no build hash): the one content tag the image carries.
      const tags = await run(repoTagsCommand(engine.containerCli, image.image), o);
      const found = tags.exitCode === 0 ? contentTagAmong(image.image, tags.stdout) : undefined;
      if (!found) throw notBuiltError(o.project, image.service, image.image, o.buildTarget);
      image.contentTag = found;
    } else if ((await run(imageExistsCommand(engine, image.contentTag), o)).exitCode !== 0) {
      throw notBuiltError(o.project, image.service, image.contentTag, o.buildTarget);
    }
  }
  return images;
}

async function ask(
  o: NormalizedPush,
  remote: string,
  tag: string,
  credentials: Credentials | undefined,
): Promise<ManifestAnswer> {
  try {
    return await headManifest(o.registry.host, apiRepository(o.registry, remote), tag, credentials);
  } catch (error) {
    if (!(error instanceof RegistryQueryError)) throw error;
    throw registryError(
      error.kind,
      o.project,
      o.registry.host,
      `the query for ${remote}:${tag}`,
      error.detail,
    );
  }
}

async function push(o: NormalizedPush, engine: ComposeEngine, source: string, reference: string) {
  const tag = tagCommand(engine, source, reference);
  const tagged = await run(tag, o);
  if (tagged.exitCode !== 0)
    throw tagFailedError(
      o.project,
      source,
      reference,
      formatCommand(tag),
      tagged.exitCode,
      firstLine(tagged),
      o.target,
    );
  const command = pushCommand(engine.containerCli, reference);
  const result = await runCommand(command, { cwd: o.workspaceRoot, tee: true, verbose: o.verbose });
  if (result.exitCode !== 0) {
    const output = result.output ?? `${result.stderr}\n${result.stdout}`;
    throw registryError(
      classifyPushFailure(output),
      o.project,
      o.registry.host,
      `the push of ${reference} (\`${formatCommand(command)}\`)`,
      pushFailureDetail(output),
    );
  }
}

/**
 * `docker-django:compose-push`: pushes each image the project builds to the registry under its
 * content tag, its commit and a moving tag. An image whose content tag the registry already
 * holds is not pushed again (asked of the registry every time); its other tags are moved to it
 * when they point elsewhere.
 */
export default async function composePushExecutor(
  options: ComposePushExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const pushedLocally: string[] = [];
  let cli = 'docker';
  let o: NormalizedPush | undefined;
  try {
    return await runComposeExecutor(async () => {
      o = normalizePushOptions(options, context);
      const { engine, file } = await prepareCompose(o, o.services);
      cli = engine.containerCli;
      const images = await builtImages(context, o, engine, file);
      const commit = await commitTag(o);
      logger.info(`${LOG_PREFIX} registry ${o.registry.host} (from ${o.registrySource})`);
      if (o.dryRun) {
        for (const image of images)
          for (const tag of tagList({
            content: tagOf(image.contentTag),
            commit,
            moving: o.movingTag,
          }))
            logger.info(
              `${LOG_PREFIX} would push ${remoteRepository(o.registry, image.image)}:${tag}`,
            );
        return;
      }
      const credentials = await credentialsFor(o.registry.host);
      for (const image of images) {
        const remote = remoteRepository(o.registry, image.image);
        const content = tagOf(image.contentTag);
        let held = await ask(o, remote, content, credentials);
        if (held.present) {
          logger.info(
            `${LOG_PREFIX} ${remote}:${content} is already in the registry; not pushed again.`,
          );
        } else {
          pushedLocally.push(`${remote}:${content}`);
          await push(o, engine, image.contentTag, `${remote}:${content}`);
          held = await ask(o, remote, content, credentials);
        }
        const digest = held.present ? held.digest : undefined;
        for (const tag of tagList({ content, commit, moving: o.movingTag }).slice(1)) {
          const there = await ask(o, remote, tag, credentials);
          if (there.present && digest !== undefined && there.digest === digest) continue;
          pushedLocally.push(`${remote}:${tag}`);
          await push(o, engine, image.contentTag, `${remote}:${tag}`);
        }
        logger.info(
          `${LOG_PREFIX} ${image.image} is ${remote}:${content}${digest ? ` (${digest})` : ''}`,
        );
      }
    });
  } finally {
    // The registry names were only for the push: the engine keeps the project's own tags.
    for (const reference of pushedLocally)
      if (o) await run({ file: cli, args: ['rmi', reference] }, o);
  }
}
