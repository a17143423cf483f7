export type ComposeEngineOption =
  'auto' | 'docker' | 'docker-compose' | 'podman' | 'podman-compose';

export interface ComposeUpExecutorSchema {
  composeFile?: string;
  projectName?: string;
  engine?: ComposeEngineOption;
  services?: string[];
  wait?: boolean;
  waitTimeout?: number;
  build?: boolean;
  forceRecreate?: boolean;
  removeOrphans?: boolean;
  attach?: boolean;
  scale?: string[];
  profiles?: string[];
  envFiles?: string[];
  args?: string[];
  dryRun?: boolean;
  verbose?: boolean;
}
