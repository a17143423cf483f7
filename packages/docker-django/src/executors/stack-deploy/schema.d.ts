export interface StackDeployExecutorSchema {
  stackFile?: string;
  stackName?: string;
  registry?: string;
  tag?: string;
  withRegistryAuth?: boolean;
  prune?: boolean;
  timeout?: number;
  dryRun?: boolean;
  verbose?: boolean;
}
