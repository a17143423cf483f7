import { normalizeTargetNames, type ComposeTargetNames } from '../nx/compose-targets';

/** Options of the docker-django entry in nx.json `plugins`. */
export type DockerDjangoPluginOptions = Partial<ComposeTargetNames> & {
  /** Default registry of compose-push (`host[:port][/namespace]`); read by the executor. */
  registry?: string;
};

export function normalizePluginOptions(
  options: DockerDjangoPluginOptions | undefined,
): ComposeTargetNames {
  // Only the names: the registry does not change the inferred targets (or their cache).
  return normalizeTargetNames(options);
}
