import { joinPathFragments, logger, type Tree } from '@nx/devkit';
import { readProjectDeployment } from '../lib/project-deployment-model';
import { DEFAULT_STACK_FILE, stackFileText } from '../lib/stack-document';
import { reportOutcomes, writeWithoutClobbering } from '../lib/write-without-clobbering';
import type { SwarmGeneratorSchema } from './schema';

export interface NormalizedSwarmOptions {
  project: string;
  replicas: number;
  registry: string;
  stackFile: string;
  overwrite: boolean;
}

export function normalizeSwarmOptions(schema: SwarmGeneratorSchema): NormalizedSwarmOptions {
  const replicas = Number(schema.replicas ?? 3);
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new Error(`Invalid --replicas "${schema.replicas}": give a whole number of at least 1.`);
  }
  const registry = (schema.registry ?? '127.0.0.1:5000').replace(/\/+$/, '');
  if (!/^[\w.-]+(:\d+)?(\/[\w.-]+)*$/.test(registry)) {
    throw new Error(
      `Invalid --registry "${schema.registry}": give host[:port][/path], e.g. 127.0.0.1:5000.`,
    );
  }
  const stackFile = schema.stackFile ?? DEFAULT_STACK_FILE;
  if (!/^[\w.-]+\.ya?ml$/.test(stackFile)) {
    throw new Error(
      `Invalid --stackFile "${stackFile}": give a file name ending in .yaml or .yml.`,
    );
  }
  return {
    project: schema.project,
    replicas,
    registry,
    stackFile,
    overwrite: schema.overwrite ?? false,
  };
}

/** `nx g docker-django:swarm`: a Swarm stack file rendered from the project's compose model. */
export async function swarmGenerator(tree: Tree, schema: SwarmGeneratorSchema): Promise<void> {
  const options = normalizeSwarmOptions(schema);
  const { root, model } = readProjectDeployment(tree, options.project);
  const path = joinPathFragments(root, options.stackFile);
  const outcome = writeWithoutClobbering(
    tree,
    path,
    stackFileText(model, options),
    options.overwrite,
  );
  reportOutcomes({ [path]: outcome });
  if (outcome !== 'kept') {
    logger.info(
      `[docker-django] Deploy with \`nx run ${options.project}:stack-deploy\` once the images are in ${options.registry} (compose-push).`,
    );
  }
}

export default swarmGenerator;
