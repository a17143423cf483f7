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
// GitHub expression and a shell line; target names in shell lines. Names with other characters
// are refused rather than quoted three ways.
const BRANCH = /^[A-Za-z0-9._/-]+$/;
const TARGET = /^[A-Za-z0-9._:-]+$/;

function refuseUnwritableWord(value: string, pattern: RegExp, where: string): void {
  if (!pattern.test(value))
    throw new Error(
      `Invalid ${where} ${JSON.stringify(value)}: the workflow takes letters, digits, ".", "_", "-" ` +
        `and ${pattern === BRANCH ? '"/"' : '":"'} there. Pass another.`,
    );
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
  refuseUnwritableWord(
    words.mainBranch,
    BRANCH,
    schema.mainBranch === undefined ? "nx.json's defaultBase" : '--mainBranch',
  );
  refuseUnwritableWord(words.targetName, TARGET, '--targetName');
  const officialImages = schema.officialImagesCheck ? officialImageTargets(tree) : undefined;
  // Target names of the plugin's options in nx.json reach the same shell lines.
  for (const target of [officialImages?.upTarget, officialImages?.downTarget, registry?.pushTarget])
    if (target !== undefined)
      refuseUnwritableWord(target, TARGET, 'target name of the docker-django plugin in nx.json');
  const path = joinPathFragments('.github/workflows', `${name}.yml`);
  const text = workflowDocument({
    ...words,
    ...packageManagerSteps(tree.root),
    ...(officialImages ? { officialImages } : {}),
    ...(registry ? { registry } : {}),
  }).toString({ lineWidth: 0 });
  const outcome = writeWithoutClobbering(tree, path, text, schema.overwrite ?? false);
  assertChangesWritable(tree);
  reportOutcomes({ [path]: outcome });
}

export default ciGenerator;
