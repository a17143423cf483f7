export type ComposeEngineOption =
  'auto' | 'docker' | 'docker-compose' | 'podman' | 'podman-compose';

export interface ComposeDownExecutorSchema {
  composeFile?: string;
  projectName?: string;
  engine?: ComposeEngineOption;
  volumes?: boolean;
  removeOrphans?: boolean;
  timeout?: number;
  profiles?: string[];
  envFiles?: string[];
  args?: string[];
  dryRun?: boolean;
  verbose?: boolean;
}
