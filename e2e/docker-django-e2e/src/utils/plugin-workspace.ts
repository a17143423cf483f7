// The start every e2e spec shares: a real workspace with the packed plugin in it, the engine
// with the base images the generated stacks build on, and the init generator's arguments.
import { assertDockerWorks, assertImagePresent } from '../../../../tools/testing/engine';
import { SUPPORTED_NX_VERSIONS } from '../../../../tools/testing/nx-versions';
import {
  createTestWorkspace,
  installPlugin,
  type TestWorkspace,
} from '../../../../tools/testing/workspace';
import { POSTGRES_DEFAULT_MAJOR, PYTHON_VERSION } from './base-images';
import { pluginTarball } from './plugin-package';

/** The Nx of the specs that run on one fixed train rather than on every selected one. */
export const FIXED_NX_VERSION: string = SUPPORTED_NX_VERSIONS[0];

/**
 * A workspace of its own made by `create-nx-workspace@<nxVersion>`, with the packed plugin
 * installed. Removed again when the install fails, so the caller only disposes of what it got.
 */
export async function createPluginWorkspace(nxVersion: string): Promise<TestWorkspace> {
  const ws = await createTestWorkspace(nxVersion);
  try {
    await installPlugin(ws, pluginTarball());
  } catch (error) {
    ws.dispose();
    throw error;
  }
  return ws;
}

/**
 * Fails unless the engine answers and holds the Python base image (and, with `postgres`, the
 * PostgreSQL image) the generated stacks start from: prepared by global setup, never pulled.
 */
export async function assertBaseImages(options: { postgres?: boolean } = {}): Promise<void> {
  await assertDockerWorks();
  await assertImagePresent(`python:${PYTHON_VERSION}-slim`);
  if (options.postgres) await assertImagePresent(`postgres:${POSTGRES_DEFAULT_MAJOR}`);
}

/** `nx g docker-django:init` for `project`, asking no questions, then `extra`. */
export function initGeneratorArgs(project: string, ...extra: string[]): string[] {
  return ['g', 'docker-django:init', '--project', project, '--no-interactive', ...extra];
}
