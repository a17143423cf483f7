import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eTmpRoot } from '../../../../tools/testing/paths';

export const PLUGIN_TARBALL_ENV = 'E2E_PLUGIN_TGZ';

/** Where global setup records the tarball it packed, for test files that do not see its env. */
export const pluginInfoFile = join(e2eTmpRoot, 'plugin.json');

/**
 * The packed plugin this run installs into every workspace. Global setup puts it in the
 * environment and in tmp/e2e/plugin.json (jest workers started before it, or a spec run on its
 * own with E2E_PLUGIN_TGZ, still find it).
 */
export function pluginTarball(): string {
  const fromEnv = process.env[PLUGIN_TARBALL_ENV];
  const tarball =
    fromEnv && fromEnv.trim() !== ''
      ? fromEnv
      : existsSync(pluginInfoFile)
        ? (JSON.parse(readFileSync(pluginInfoFile, 'utf-8')) as { tarball: string }).tarball
        : undefined;
  if (!tarball) {
    throw new Error(
      `No packed docker-django plugin: neither ${PLUGIN_TARBALL_ENV} nor ${pluginInfoFile} is set. ` +
        `Run the suite through \`npm run e2e\` (its global setup builds and packs the plugin).`,
    );
  }
  if (!existsSync(tarball)) {
    throw new Error(
      `The packed docker-django plugin "${tarball}" does not exist. Re-run \`npm run e2e\` to pack it again.`,
    );
  }
  return tarball;
}
