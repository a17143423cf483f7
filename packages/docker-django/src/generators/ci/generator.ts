import { joinPathFragments, readNxJson, type Tree } from '@nx/devkit';
import { reportOutcomes, writeWithoutClobbering } from '../lib/write-without-clobbering';
import { packageManagerSteps } from './lib/package-manager-steps';
import { workflowDocument } from './lib/workflow-document';
import type { CiGeneratorSchema } from './schema';
import { composeTargetNames } from '../init/lib/register-plugin';

function officialImageTargets(tree: Tree) {
  const names = composeTargetNames(tree);
  return { upTarget: names.upTargetName, downTarget: names.downTargetName };
}

/** `nx g docker-django:ci`: a CI workflow that runs `nx affected -t compose-build`. */
export async function ciGenerator(tree: Tree, schema: CiGeneratorSchema): Promise<void> {
  const name = schema.name ?? 'docker-django';
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(
      `Invalid --name "${name}": use letters, digits, ".", "_" or "-" (it becomes .github/workflows/${name}.yml).`,
    );
  }
  const path = joinPathFragments('.github/workflows', `${name}.yml`);
  const text = workflowDocument({
    mainBranch: schema.mainBranch ?? readNxJson(tree)?.defaultBase ?? 'main',
    targetName: schema.targetName ?? 'compose-build',
    ...packageManagerSteps(tree.root),
    ...(schema.officialImagesCheck ? { officialImages: officialImageTargets(tree) } : {}),
  }).toString({ lineWidth: 0 });
  reportOutcomes({ [path]: writeWithoutClobbering(tree, path, text, schema.overwrite ?? false) });
}

export default ciGenerator;
