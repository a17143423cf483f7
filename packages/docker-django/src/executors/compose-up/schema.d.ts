import type { ComposeCommandSchema } from '../lib/compose-executor-schema';

export type { ComposeEngineOption } from '../lib/compose-executor-schema';

export interface ComposeUpExecutorSchema extends ComposeCommandSchema {
  services?: string[];
  wait?: boolean;
  waitTimeout?: number;
  build?: boolean;
  forceRecreate?: boolean;
  removeOrphans?: boolean;
  attach?: boolean;
  scale?: string[];
}
