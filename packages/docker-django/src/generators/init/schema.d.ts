import type { HardeningSchema } from '../lib/hardening-options';

export interface InitGeneratorSchema extends HardeningSchema {
  project?: string;
  /** A number when the CLI parsed `3.12` as one; see python-version-option.ts. */
  pythonVersion?: string | number;
  port?: number;
  hostPort?: number;
  proxy?: boolean;
  command?: string;
  database?: 'none' | 'postgres';
  /** PostgreSQL major, 13 to 18; a number when the CLI parsed `17` as one. */
  postgresVersion?: string | number;
  collectStatic?: boolean;
  djangoRoot?: string;
  settingsModule?: string;
  wsgiModule?: string;
  syntaxDirective?: boolean;
  registry?: string;
  addPlugin?: boolean;
  keepExistingVersions?: boolean;
  overwrite?: boolean;
  skipFormat?: boolean;
}
