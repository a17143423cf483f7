import type { ComposeTargetSchema } from '../lib/compose-executor-schema';

export type { ComposeEngineOption } from '../lib/compose-executor-schema';

export interface ComposePushExecutorSchema extends ComposeTargetSchema {
  registry?: string;
  tag?: string;
  commitTag?: boolean;
  services?: string[];
}
