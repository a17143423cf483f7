export interface StackRmExecutorSchema {
  stackName?: string;
  timeout?: number;
  dryRun?: boolean;
  verbose?: boolean;
}
