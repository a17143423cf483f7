import { formatFiles, logger, readNxJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { addDockerFiles } from './lib/add-docker-files';
import { addSecrets } from './lib/add-secrets';
import { addTargets } from './lib/add-targets';
import { ensureGunicorn } from './lib/ensure-gunicorn';
import { normalizeOptions, type NormalizedInitOptions } from './lib/normalize-options';
import { reportOutcomes } from './lib/write-without-clobbering';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = 'docker-django';

export function isPluginRegistered(tree: Tree): boolean {
  const plugins = readNxJson(tree)?.plugins ?? [];
  return plugins.some((entry) => (typeof entry === 'string' ? entry : entry.plugin) === PLUGIN_NAME);
}

function nextSteps(options: NormalizedInitOptions, instructions: string[]): GeneratorCallback {
  return () => {
    for (const instruction of instructions) logger.warn(`[docker-django] ${instruction}`);
    logger.info(
      [
        `[docker-django] ${options.projectName}: Python ${options.pythonVersion} (from ${options.pythonVersionSource}),`,
        `  Runs: ${options.command.join(' ')}`,
        `  Start the stack: nx run ${options.projectName}:compose-up`,
        `  Then open http://localhost:${options.hostPort}`,
      ].join('\n'),
    );
  };
}

/**
 * `nx g docker-django:init`: a Django-aware Dockerfile, compose.yaml and .dockerignore for one
 * project. Every check runs before the first write, so bad input leaves the workspace as it was.
 */
export async function initGenerator(tree: Tree, schema: InitGeneratorSchema): Promise<GeneratorCallback> {
  const options = await normalizeOptions(tree, schema, isPluginRegistered(tree));
  const gunicorn = ensureGunicorn(tree, options);
  addSecrets(tree, options);
  addTargets(tree, options);
  // compose.yaml is written after formatting, so the file on disk is byte for byte what a
  // re-run compares against, whatever Prettier config the workspace has.
  if (!options.skipFormat) await formatFiles(tree);
  const outcomes = addDockerFiles(tree, options);
  reportOutcomes(outcomes);
  return nextSteps(options, gunicorn.instruction ? [gunicorn.instruction] : []);
}

export default initGenerator;
