// One definition of the options (schema.json is what Nx validates against): the normalizer's.
export type { StackExecutorOptions as StackDeployExecutorSchema } from '../lib/normalize-stack-options';
