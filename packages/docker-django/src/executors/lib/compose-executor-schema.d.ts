// The options the compose executors' schema.json files share, typed once for their schema.d.ts.
import type { EngineOption } from './compose-engine';

/** --engine: `auto` or one of the engines compose-engine.ts knows. */
export type ComposeEngineOption = EngineOption;

/** Which compose file, project name and engine; compose-push takes only these and its own. */
export interface ComposeTargetSchema {
  composeFile?: string;
  projectName?: string;
  engine?: ComposeEngineOption;
  dryRun?: boolean;
  verbose?: boolean;
}

/** What compose-build, compose-up and compose-down also pass to every compose command. */
export interface ComposeCommandSchema extends ComposeTargetSchema {
  profiles?: string[];
  envFiles?: string[];
  args?: string[];
}
