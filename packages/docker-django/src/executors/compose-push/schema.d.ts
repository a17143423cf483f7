export type ComposeEngineOption =
  'auto' | 'docker' | 'docker-compose' | 'podman' | 'podman-compose';

export interface ComposePushExecutorSchema {
  registry?: string;
  tag?: string;
  commitTag?: boolean;
  services?: string[];
  composeFile?: string;
  projectName?: string;
  engine?: ComposeEngineOption;
  dryRun?: boolean;
  verbose?: boolean;
}
