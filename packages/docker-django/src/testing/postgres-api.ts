import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { initGenerator } from '../generators/init/generator';
import type { InitGeneratorSchema } from '../generators/init/schema';
import { addDjangoProject } from './django-fixtures';

/** init's options for "api" with --database postgres, targets in project.json, no formatting. */
export const POSTGRES_API_INIT: InitGeneratorSchema = {
  project: 'api',
  skipFormat: true,
  addPlugin: false,
  database: 'postgres',
};

/**
 * A new in-memory workspace in which init has run for the project "api" (apps/api) with
 * --database postgres and `options`: the compose file the deployment generators start from.
 */
export async function workspaceWithPostgresApi(
  options: Partial<InitGeneratorSchema> = {},
): Promise<Tree> {
  const tree = createTreeWithEmptyWorkspace();
  addDjangoProject(tree, { name: 'api', root: 'apps/api' });
  await initGenerator(tree, { ...POSTGRES_API_INIT, ...options });
  return tree;
}
