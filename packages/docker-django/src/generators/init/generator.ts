import { formatFiles, logger, type GeneratorCallback, type Tree } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDockerFiles } from './lib/add-docker-files';
import { addEnvFile } from './lib/add-env-file';
import { detectionReport } from './lib/detection-report';
import { addSecrets, ownSecrets } from './lib/add-secrets';
import { newPasswordWarning } from './lib/existing-database-volume';
import { addTargets } from './lib/add-targets';
import { ensureGunicorn } from './lib/ensure-gunicorn';
import {
  djangoProjectsIn,
  normalizeOptions,
  resolveProjectName,
  type NormalizedInitOptions,
} from '../lib/normalize-options';
import {
  composeTargetNames,
  isPluginRegistered,
  registerPlugin,
  shouldAddPlugin,
} from './lib/register-plugin';
import { reportOutcomes } from '../lib/write-without-clobbering';
import { assertChangesWritable, assertPathsWritable } from '../lib/assert-writable';
import { plannedWrites } from './lib/planned-writes';
import type { InitGeneratorSchema } from './schema';

function nextSteps(
  options: NormalizedInitOptions,
  upTarget: string,
  instructions: string[],
  afterWrite: () => void,
): GeneratorCallback {
  return () => {
    afterWrite();
    logger.info(detectionReport(options));
    for (const instruction of instructions) logger.warn(`[docker-django] ${instruction}`);
    logger.info(
      [
        `[docker-django] ${options.projectName}: Python ${options.pythonVersion} (from ` +
          `${options.pythonVersionSource})` +
          (options.database === 'postgres' ? `, PostgreSQL ${options.postgresVersion},` : ','),
        `  Runs: ${options.command.join(' ')}`,
        `  Start the stack: nx run ${options.projectName}:${upTarget}`,
        `  Then open http://localhost:${options.hostPort}`,
      ].join('\n'),
    );
  };
}

// `nx add docker-django` runs init with no project: register the plugin and say what is next.
function pluginOnly(tree: Tree): GeneratorCallback {
  const candidates = djangoProjectsIn(tree);
  return () =>
    logger.info(
      `[docker-django] Plugin registered. Add Docker files to a Django project with \`nx g ` +
        `docker-django:init --project <name>\`.` +
        (candidates.length
          ? ` Django projects here: ${candidates.join(', ')}.`
          : ' No project here has a manage.py yet.'),
    );
}

/**
 * `nx g docker-django:init`: a Django-aware Dockerfile, compose.yaml and .dockerignore for one
 * project. Every check runs before the first write, so bad input leaves the workspace as it was.
 */
export async function initGenerator(
  tree: Tree,
  schema: InitGeneratorSchema,
): Promise<GeneratorCallback> {
  const addPlugin = shouldAddPlugin(tree, schema.addPlugin);
  const project = await resolveProjectName(tree, schema);
  if (project === null) {
    if (!addPlugin) {
      throw new Error(
        'No project given. Pass --project <name>, or leave out --addPlugin=false to only register the plugin.',
      );
    }
    registerPlugin(tree);
    if (!schema.skipFormat) await formatFiles(tree);
    assertChangesWritable(tree);
    return pluginOnly(tree);
  }
  const options = await normalizeOptions(
    tree,
    { ...schema, project },
    addPlugin || isPluginRegistered(tree),
  );
  // Before the first change to the Tree: a folder where a file goes, or a link out of the
  // workspace, fails here with every such path listed.
  assertPathsWritable(tree, plannedWrites(options));
  const gunicorn = ensureGunicorn(tree, options);
  const secrets = addSecrets(tree, options);
  const envMessages = addEnvFile(tree, options);
  addTargets(tree, options);
  if (addPlugin) registerPlugin(tree);
  // compose.yaml is written after formatting, so the file on disk is byte for byte what a
  // re-run compares against, whatever Prettier config the workspace has.
  if (!options.skipFormat) await formatFiles(tree);
  const { upTargetName: upTarget, downTargetName } = composeTargetNames(tree);
  const outcomes = addDockerFiles(tree, options, downTargetName);
  // Nx writes the changes after this returns: a path it could not write (a symbolic link out
  // of the workspace, a file where a folder goes) is found before any is written.
  assertChangesWritable(tree);
  reportOutcomes(outcomes);
  return nextSteps(
    options,
    upTarget,
    [
      ...options.notes,
      ...(gunicorn.instruction ? [gunicorn.instruction] : []),
      ...(gunicorn.note ? [gunicorn.note] : []),
      ...envMessages,
    ],
    () => {
      ownSecrets(tree.root, secrets);
      // Only for files really written (not a dry run, nor a test's virtual tree).
      const written = secrets
        .map((secret) => secret.path)
        .filter((path) => existsSync(join(tree.root, path)));
      const warning = newPasswordWarning(options, written, downTargetName);
      if (warning) logger.warn(warning);
    },
  );
}

export default initGenerator;
