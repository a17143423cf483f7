import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';

export const PLUGIN_NAME = 'docker-django';

export function isPluginRegistered(tree: Tree): boolean {
  const plugins = readNxJson(tree)?.plugins ?? [];
  return plugins.some((entry) => (typeof entry === 'string' ? entry : entry.plugin) === PLUGIN_NAME);
}

/**
 * Whether to infer targets through the plugin rather than write them into project.json:
 * the option if given, else what the workspace prefers (Nx's own switches for it).
 */
export function shouldAddPlugin(tree: Tree, addPlugin: boolean | undefined): boolean {
  if (addPlugin !== undefined) return addPlugin;
  return process.env.NX_ADD_PLUGINS !== 'false' && readNxJson(tree)?.useInferencePlugins !== false;
}

/** Adds docker-django to nx.json `plugins`, once: it infers the compose targets and Python edges. */
export function registerPlugin(tree: Tree): boolean {
  if (isPluginRegistered(tree)) return false;
  const nxJson = readNxJson(tree) ?? {};
  updateNxJson(tree, { ...nxJson, plugins: [...(nxJson.plugins ?? []), PLUGIN_NAME] });
  return true;
}
