import { generateFiles, joinPathFragments, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { composeFileText } from './compose-document';
import { dependencyStages } from './dependency-stages';
import type { NormalizedInitOptions } from './normalize-options';
import { writeWithoutClobbering, type WriteOutcome } from './write-without-clobbering';

const TEMPLATES = join(__dirname, '..', 'files');

// Folders a Django project fills at run time (collected static files, uploads), at the
// project root and beside manage.py.
function localDataDirs(options: NormalizedInitOptions): string[] {
  const prefixes = options.layout.djangoRoot ? ['', `${options.layout.djangoRoot}/`] : [''];
  return prefixes.flatMap((prefix) => [`${prefix}staticfiles`, `${prefix}static_root`, `${prefix}media`, `${prefix}mediafiles`]);
}

function templateVariables(options: NormalizedInitOptions) {
  const dependencies = options.dependencies;
  return {
    projectName: options.projectName,
    pythonVersion: options.pythonVersion,
    port: options.port,
    appDir: options.appDir,
    cmd: JSON.stringify(options.command),
    syntaxLine: options.syntaxDirective ? '# syntax=docker/dockerfile:1\n' : '',
    localDataDirs: localDataDirs(options),
    collectStatic: options.collectStatic,
    containerSettingsModule: options.containerSettingsModule,
    baseSettingsModule: options.layout.imageSettingsModule,
    ...dependencyStages({
      manager: dependencies?.manager ?? 'pip',
      dependencyFile: dependencies?.file ?? 'requirements.txt',
      lockFile: dependencies?.lockFile ?? null,
      requirementFiles: options.requirementFiles,
    }),
    template: '',
  };
}

/**
 * Renders one template folder into `targetDir`, keeping any existing file the user changed.
 * Rendering goes through the Tree, and a kept file is put back exactly as it was, so
 * --dry-run and the final file list show no change for it.
 */
function renderKeepingUserFiles(
  tree: Tree,
  templateDir: string,
  targetDir: string,
  outputNames: string[],
  options: NormalizedInitOptions,
): Record<string, WriteOutcome> {
  const paths = outputNames.map((name) => joinPathFragments(targetDir, name));
  const before = new Map(paths.map((path) => [path, tree.read(path, 'utf-8')]));
  generateFiles(tree, templateDir, targetDir, templateVariables(options));
  const outcomes: Record<string, WriteOutcome> = {};
  for (const path of paths) {
    const rendered = tree.read(path, 'utf-8') as string;
    const previous = before.get(path) ?? null;
    if (previous === null) {
      outcomes[path] = 'created';
      continue;
    }
    tree.write(path, previous);
    outcomes[path] = writeWithoutClobbering(tree, path, rendered, options.overwrite);
  }
  return outcomes;
}

/** Dockerfile, .dockerignore and compose.yaml in the project root; the container settings beside manage.py. */
export function addDockerFiles(tree: Tree, options: NormalizedInitOptions): Record<string, WriteOutcome> {
  const djangoDir = joinPathFragments(options.projectRoot, options.layout.djangoRoot);
  const composePath = joinPathFragments(options.projectRoot, 'compose.yaml');
  return {
    ...renderKeepingUserFiles(tree, join(TEMPLATES, 'docker'), options.projectRoot, ['Dockerfile', '.dockerignore'], options),
    ...renderKeepingUserFiles(tree, join(TEMPLATES, 'settings'), djangoDir, [`${options.containerSettingsModule}.py`], options),
    [composePath]: writeWithoutClobbering(tree, composePath, composeFileText(options), options.overwrite),
  };
}
