export type ComposeEngineOption =
  'auto' | 'docker' | 'docker-compose' | 'podman' | 'podman-compose';

export interface ComposeBuildExecutorSchema {
  composeFile?: string;
  projectName?: string;
  engine?: ComposeEngineOption;
  services?: string[];
  pull?: boolean;
  noCache?: boolean;
  buildArgs?: Record<string, string | number | boolean>;
  profiles?: string[];
  envFiles?: string[];
  args?: string[];
  dryRun?: boolean;
  verbose?: boolean;
}
