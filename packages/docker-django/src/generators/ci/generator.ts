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

// The branch lands in a branches filter (where `*`, `?`, `!` and `[` are patterns), a quoted
// GitHub expression and a shell line; the target in a shell line. Names with other characters
// are refused rather than quoted three ways.
const WORKFLOW_WORDS: Array<[keyof CiGeneratorSchema, RegExp, string]> = [
  ['mainBranch', /^[A-Za-z0-9._/-]+$/, 'letters, digits, ".", "_", "-" and "/"'],
  ['targetName', /^[A-Za-z0-9._:-]+$/, 'letters, digits, ".", "_", "-" and ":"'],
];

function refuseUnwritableWords(values: Pick<CiGeneratorSchema, 'mainBranch' | 'targetName'>) {
  for (const [option, pattern, allowed] of WORKFLOW_WORDS) {
    const value = values[option as 'mainBranch' | 'targetName'];
    if (value !== undefined && !pattern.test(value))
      throw new Error(
        `Invalid --${option} ${JSON.stringify(value)}: the workflow takes ${allowed} there. Pass another.`,
      );
  }
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
  const words = {
    mainBranch: schema.mainBranch ?? readNxJson(tree)?.defaultBase ?? 'main',
    targetName: schema.targetName ?? 'compose-build',
  };
  refuseUnwritableWords(words);
  const path = joinPathFragments('.github/workflows', `${name}.yml`);
  const text = workflowDocument({
    ...words,
    ...packageManagerSteps(tree.root),
    ...(schema.officialImagesCheck ? { officialImages: officialImageTargets(tree) } : {}),
    ...(registry ? { registry } : {}),
  }).toString({ lineWidth: 0 });
  const outcome = writeWithoutClobbering(tree, path, text, schema.overwrite ?? false);
  assertChangesWritable(tree);
  reportOutcomes({ [path]: outcome });
}

export default ciGenerator;
