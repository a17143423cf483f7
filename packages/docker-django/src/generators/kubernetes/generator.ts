import { joinPathFragments, logger, type Tree } from '@nx/devkit';
import { readProjectDeployment } from '../lib/project-deployment-model';
import {
  reportOutcomes,
  writeWithoutClobbering,
  type WriteOutcome,
} from '../lib/write-without-clobbering';
import { kustomizeFiles, type KustomizeOptions } from './lib/kustomize-layout';
import type { KubernetesGeneratorSchema } from './schema';

export interface NormalizedKubernetesOptions extends KustomizeOptions {
  project: string;
  directory: string;
  overwrite: boolean;
}

const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

export function normalizeKubernetesOptions(
  schema: KubernetesGeneratorSchema,
): NormalizedKubernetesOptions {
  const registry = (schema.registry ?? '127.0.0.1:5000').replace(/\/+$/, '');
  if (!/^[\w.-]+(:\d+)?(\/[\w.-]+)*$/.test(registry)) {
    throw new Error(
      `Invalid --registry "${schema.registry}": give host[:port][/path], e.g. 127.0.0.1:5000.`,
    );
  }
  const directory = schema.directory ?? 'k8s';
  if (!/^[\w.-]+(\/[\w.-]+)*$/.test(directory) || directory.split('/').includes('..')) {
    throw new Error(
      `Invalid --directory "${directory}": give a folder inside the project, e.g. k8s.`,
    );
  }
  if (schema.ingressHost !== undefined && !HOST_NAME.test(schema.ingressHost)) {
    throw new Error(
      `Invalid --ingressHost "${schema.ingressHost}": give a lower-case DNS name such as app.example.com.`,
    );
  }
  const maxReplicas = schema.maxReplicas === undefined ? undefined : Number(schema.maxReplicas);
  if (maxReplicas !== undefined && (!Number.isInteger(maxReplicas) || maxReplicas < 2)) {
    throw new Error(
      `Invalid --maxReplicas "${schema.maxReplicas}": give a whole number of at least 2.`,
    );
  }
  return {
    project: schema.project,
    registry,
    directory,
    overwrite: schema.overwrite ?? false,
    ...(schema.ingressHost ? { ingressHost: schema.ingressHost } : {}),
    ...(maxReplicas ? { maxReplicas } : {}),
  };
}

/** `nx g docker-django:kubernetes`: a kustomize base and overlays from the compose model. */
export async function kubernetesGenerator(
  tree: Tree,
  schema: KubernetesGeneratorSchema,
): Promise<void> {
  const options = normalizeKubernetesOptions(schema);
  const { root, model } = readProjectDeployment(tree, options.project);
  const folder = joinPathFragments(root, options.directory);
  const outcomes: Record<string, WriteOutcome> = {};
  for (const [file, text] of Object.entries(kustomizeFiles(model, options))) {
    const path = joinPathFragments(folder, file);
    outcomes[path] = writeWithoutClobbering(tree, path, text, options.overwrite);
  }
  reportOutcomes(outcomes);
  logger.info(
    `[docker-django] Render with \`kubectl kustomize ${folder}/overlays/dev\`; apply with \`kubectl apply -k\` after creating the Secret named in ${folder}/base/kustomization.yaml.`,
  );
}

export default kubernetesGenerator;
