import { readProjectConfiguration, updateProjectConfiguration, type Tree } from '@nx/devkit';
import { composeTargets } from '../../../nx/compose-targets';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

/**
 * Writes the compose targets into project.json for workspaces that do not register the
 * docker-django inference plugin. A target the user already has under the same name is kept.
 */
export function addTargets(tree: Tree, options: NormalizedInitOptions): string[] {
  if (!options.addTargets) return [];
  const project = readProjectConfiguration(tree, options.projectName);
  const targets = { ...(project.targets ?? {}) };
  const added: string[] = [];
  for (const [name, target] of Object.entries(composeTargets(options.projectRoot))) {
    if (targets[name]) continue;
    targets[name] = target;
    added.push(name);
  }
  if (added.length) updateProjectConfiguration(tree, options.projectName, { ...project, targets });
  return added;
}
