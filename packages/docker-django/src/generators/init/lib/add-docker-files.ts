import { generateFiles, joinPathFragments, type Tree } from '@nx/devkit';
import { join } from 'node:path';
import { composeFileText } from './compose-document';
import { dependencyStages } from './dependency-stages';
import type { NormalizedInitOptions } from './normalize-options';
import { writeWithoutClobbering, type WriteOutcome } from './write-without-clobbering';

const TEMPLATE_DIR = join(__dirname, '..', 'files');
const GENERATED_FILES = ['Dockerfile', '.dockerignore'] as const;

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
 * Renders the Dockerfile and .dockerignore templates and writes compose.yaml, keeping any
 * existing file the user changed. Rendering goes through the Tree too, so a file that is
 * kept is put back exactly as it was and --dry-run shows no change for it.
 */
export function addDockerFiles(tree: Tree, options: NormalizedInitOptions): Record<string, WriteOutcome> {
  const paths = GENERATED_FILES.map((file) => joinPathFragments(options.projectRoot, file));
  const before = new Map(paths.map((path) => [path, tree.read(path, 'utf-8')]));
  generateFiles(tree, TEMPLATE_DIR, options.projectRoot, templateVariables(options));

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
  const composePath = joinPathFragments(options.projectRoot, 'compose.yaml');
  outcomes[composePath] = writeWithoutClobbering(tree, composePath, composeFileText(options), options.overwrite);
  return outcomes;
}
