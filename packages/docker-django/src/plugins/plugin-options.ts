import { DEFAULT_TARGET_NAMES, type ComposeTargetNames } from '../nx/compose-targets';

/** Options of the docker-django entry in nx.json `plugins`. */
export type DockerDjangoPluginOptions = Partial<ComposeTargetNames>;

export function normalizePluginOptions(options: DockerDjangoPluginOptions | undefined): ComposeTargetNames {
  return {
    buildTargetName: options?.buildTargetName ?? DEFAULT_TARGET_NAMES.buildTargetName,
    upTargetName: options?.upTargetName ?? DEFAULT_TARGET_NAMES.upTargetName,
    downTargetName: options?.downTargetName ?? DEFAULT_TARGET_NAMES.downTargetName,
  };
}
