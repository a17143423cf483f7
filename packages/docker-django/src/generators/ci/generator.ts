import { joinPathFragments, readNxJson, type Tree } from '@nx/devkit';
import { reportOutcomes, writeWithoutClobbering } from '../lib/write-without-clobbering';
import { assertChangesWritable } from '../lib/assert-writable';
import { packageManagerSteps } from './lib/package-manager-steps';
import { workflowDocument } from './lib/workflow-document';
import type { CiGeneratorSchema } from './schema';
import { composeTargetNames } from '../init/lib/register-plugin';
import { readRegistryAddress } from '../../nx/registry-address';
import type { RegistryPush } from './lib/registry-push-steps';

function officialImageTargets(tree: Tree) {
  const names = composeTargetNames(tree);
  return { upTarget: names.upTargetName, downTarget: names.downTargetName };
}

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The push steps' settings, or undefined without --registry; throws before any write. */
function registryPush(tree: Tree, schema: CiGeneratorSchema): RegistryPush | undefined {
  if (schema.registry === undefined || schema.registry.trim() === '') return undefined;
  const address = readRegistryAddress(schema.registry);
  if ('problem' in address)
    throw new Error(`Invalid --registry "${schema.registry}". ${address.problem}`);
  const usernameSecret = schema.registryUsernameSecret ?? 'REGISTRY_USERNAME';
  const passwordSecret = schema.registryPasswordSecret ?? 'REGISTRY_PASSWORD';
  for (const [option, value] of [
    ['--registryUsernameSecret', usernameSecret],
    ['--registryPasswordSecret', passwordSecret],
  ])
    if (!SECRET_NAME.test(value))
      throw new Error(
        `Invalid ${option} "${value}": a GitHub secret name is letters, digits and "_", not starting with a digit.`,
      );
  return {
    address,
    usernameSecret,
    passwordSecret,
    pushTarget: composeTargetNames(tree).pushTargetName,
  };
}

/** `nx g docker-django:ci`: a CI workflow that runs `nx affected -t compose-build`. */
export async function ciGenerator(tree: Tree, schema: CiGeneratorSchema): Promise<void> {
  const name = schema.name ?? 'docker-django';
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(
      `Invalid --name "${name}": use letters, digits, ".", "_" or "-" (it becomes .github/workflows/${name}.yml).`,
    );
  }
  const registry = registryPush(tree, schema);
  const path = joinPathFragments('.github/workflows', `${name}.yml`);
  const text = workflowDocument({
    mainBranch: schema.mainBranch ?? readNxJson(tree)?.defaultBase ?? 'main',
    targetName: schema.targetName ?? 'compose-build',
    ...packageManagerSteps(tree.root),
    ...(schema.officialImagesCheck ? { officialImages: officialImageTargets(tree) } : {}),
    ...(registry ? { registry } : {}),
  }).toString({ lineWidth: 0 });
  const outcome = writeWithoutClobbering(tree, path, text, schema.overwrite ?? false);
  assertChangesWritable(tree);
  reportOutcomes({ [path]: outcome });
}

export default ciGenerator;
