import type { ComposeCommandSchema } from '../lib/compose-executor-schema';

export type { ComposeEngineOption } from '../lib/compose-executor-schema';

export interface ComposeBuildExecutorSchema extends ComposeCommandSchema {
  services?: string[];
  pull?: boolean;
  noCache?: boolean;
  buildArgs?: Record<string, string | number | boolean>;
}
