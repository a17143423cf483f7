import { normalizeTargetNames, type ComposeTargetNames } from '../nx/compose-targets';

/** Options of the docker-django entry in nx.json `plugins`. */
export type DockerDjangoPluginOptions = Partial<ComposeTargetNames>;

export function normalizePluginOptions(
  options: DockerDjangoPluginOptions | undefined,
): ComposeTargetNames {
  return normalizeTargetNames(options);
}
