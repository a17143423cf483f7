import { joinPathFragments } from '@nx/devkit';
import { composeFileText } from './compose-document';
import { dependencyStages } from './dependency-stages';
import type { NormalizedInitOptions } from './normalize-options';
import { renderTemplate } from './render-template';

// Folders a Django project fills at run time (collected static files, uploads), at the
// project root and beside manage.py, as context paths.
function localDataDirs(options: NormalizedInitOptions): string[] {
  const base = options.buildLayout.contextPrefix;
  const prefixes = options.layout.djangoRoot
    ? [base, `${base}${options.layout.djangoRoot}/`]
    : [base];
  return prefixes.flatMap((prefix) => [
    `${prefix}staticfiles`,
    `${prefix}static_root`,
    `${prefix}media`,
    `${prefix}mediafiles`,
  ]);
}

function templateVariables(options: NormalizedInitOptions) {
  const dependencies = options.dependencies;
  return {
    projectName: options.projectName,
    pythonVersion: options.pythonVersion,
    port: options.port,
    appDir: options.appDir,
    layout: options.buildLayout,
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
      layout: options.buildLayout,
      groups: options.dependencyDetails?.productionGroups,
      extras: options.dependencyDetails?.productionExtras,
      systemPackages: options.systemPackages,
    }),
  };
}

/**
 * Every file the generator owns, by workspace path, with the content it would write:
 * Dockerfile, the context's ignore file and compose.yaml in the project root, the container
 * settings module beside manage.py.
 */
export function dockerFiles(options: NormalizedInitOptions): Record<string, string> {
  const variables = templateVariables(options);
  const root = options.projectRoot;
  return {
    [joinPathFragments(root, 'Dockerfile')]: renderTemplate('Dockerfile', variables),
    [joinPathFragments(root, options.buildLayout.ignoreFile)]: renderTemplate(
      'dockerignore',
      variables,
    ),
    [joinPathFragments(root, options.layout.djangoRoot, `${options.containerSettingsModule}.py`)]:
      renderTemplate('container_settings.py', variables),
    [joinPathFragments(root, 'compose.yaml')]: composeFileText(options),
  };
}
