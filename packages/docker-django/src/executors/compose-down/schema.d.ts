import type { ComposeCommandSchema } from '../lib/compose-executor-schema';

export type { ComposeEngineOption } from '../lib/compose-executor-schema';

export interface ComposeDownExecutorSchema extends ComposeCommandSchema {
  volumes?: boolean;
  removeOrphans?: boolean;
  timeout?: number;
}
