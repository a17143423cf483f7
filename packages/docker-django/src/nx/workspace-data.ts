import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/**
 * Nx's workspace data directory (`nx reset` empties it): `NX_WORKSPACE_DATA_DIRECTORY` (or the
 * older `NX_PROJECT_GRAPH_CACHE_DIRECTORY`) resolved against the workspace root, else
 * `.nx/workspace-data`, or `node_modules/.cache/nx-workspace-data` in a Lerna repo without
 * nx.json. The same rule as `workspaceDataDirectoryForWorkspace` in nx/src/utils/cache-directory
 * of Nx 22.7.8 and 23.2.1, which is not a public export.
 */
export function workspaceDataDirectory(
  workspaceRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const configured = env.NX_WORKSPACE_DATA_DIRECTORY ?? env.NX_PROJECT_GRAPH_CACHE_DIRECTORY;
  if (configured) return isAbsolute(configured) ? configured : join(workspaceRoot, configured);
  if (existsSync(join(workspaceRoot, 'lerna.json')) && !existsSync(join(workspaceRoot, 'nx.json')))
    return join(workspaceRoot, 'node_modules', '.cache', 'nx-workspace-data');
  return join(workspaceRoot, '.nx', 'workspace-data');
}
