import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { normalizeTargetNames, type ComposeTargetNames } from '../../../nx/compose-targets';

export const PLUGIN_NAME = 'docker-django';

export function isPluginRegistered(tree: Tree): boolean {
  const plugins = readNxJson(tree)?.plugins ?? [];
  return plugins.some(
    (entry) => (typeof entry === 'string' ? entry : entry.plugin) === PLUGIN_NAME,
  );
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

/**
 * The compose target names the project gets: those of the plugin's options in nx.json when
 * the plugin infers them, else the defaults that addTargets writes.
 */
export function composeTargetNames(tree: Tree): ComposeTargetNames {
  const entry = (readNxJson(tree)?.plugins ?? []).find(
    (plugin) => typeof plugin !== 'string' && plugin.plugin === PLUGIN_NAME,
  );
  const options =
    typeof entry === 'object'
      ? (entry.options as Partial<ComposeTargetNames> | undefined)
      : undefined;
  return normalizeTargetNames(options);
}
