import { joinPathFragments } from '@nx/devkit';
import { composeFileText } from './compose-document';
import { dependencyStages } from './dependency-stages';
import type { NormalizedInitOptions } from './normalize-options';
import { renderTemplate } from './render-template';
import { inContext } from './build-layout';
import { commentText, quotedForComment } from './syntax/comment';
import { copyInstruction, execForm, shellWord, workdirInstruction } from './syntax/dockerfile';
import { ignorePattern } from './syntax/dockerignore';
import { pythonList, pythonModulePath, pythonStringBody } from './syntax/python';
import { APP_DATA_DIRS } from './app-data';

// Folders Django fills at run time (STATIC_ROOT when the build collects into it, MEDIA_ROOT),
// as context paths; detection leaves out any the settings use as source or git tracks.
function localDataDirs(options: NormalizedInitOptions): string[] {
  const { contextPrefix, contextDir } = options.buildLayout;
  return options.layout.staticFiles.runtimeFolders
    .filter((folder) => contextDir === '' || folder.startsWith(`${contextDir}/`))
    .map((folder) => `${contextPrefix}${inContext(options.buildLayout, folder)}`)
    .map((path) => ignorePattern(path, 'data folder'));
}

export const BUILD_ONLY_SECRET_KEY = 'collectstatic-build-only-not-a-secret';

/**
 * The build's collectstatic step: the container settings, plus a throw-away value for each
 * variable the project's settings cannot be imported without (on this RUN only, so none of
 * them is in the image's environment), then `compress` when django-compressor works offline.
 */
function collectStaticStep(options: NormalizedInitOptions): string {
  const assignments = [
    `DJANGO_SETTINGS_MODULE=${options.containerSettingsModule}`,
    // The container settings refuse to start without a key; the running container gets the
    // real one from its secret file.
    `DJANGO_SECRET_KEY=${BUILD_ONLY_SECRET_KEY}`,
    ...Object.entries(options.environment.buildValues)
      .filter(([name]) => name !== 'DJANGO_SECRET_KEY')
      .map(([name, value]) => `${name}=${value === '' ? '' : shellWord(value, name)}`),
  ];
  const commands = ['python manage.py collectstatic --noinput'];
  // --force: COMPRESS_ENABLED is off when DEBUG is, and compress refuses to run then.
  if (options.layout.staticFiles.compressOffline)
    commands.push('python manage.py compress --force');
  const continued = ' \\\n    ';
  const prefix = assignments.join(continued);
  const run =
    assignments.length === 1 && commands.length === 1
      ? `RUN ${prefix} ${commands[0]}`
      : `RUN ${commands.map((c) => `${prefix}${continued}${c}`).join(`${continued}&& `)}`;
  const names = Object.keys(options.environment.buildValues);
  if (names.length === 0) return run;
  const comment = wrapComment(
    commentText(
      `Your settings read ${names.join(', ')} at import with no default: throw-away values ` +
        "on this step only (not in the image's environment); compose sets the real ones.",
    ),
  );
  return `${comment}\n${run}`;
}

function wrapComment(text: string, width = 96): string {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > width && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line].join('\n');
}

// Every path and name as the line it lands in needs it (see syntax/): the templates print
// these with `<%- %>` and escape nothing themselves.
function dockerfileLines(options: NormalizedInitOptions) {
  const layout = options.buildLayout;
  const libraries = layout.libraries.map((lib) =>
    copyInstruction([lib.root, lib.imagePath], `folder of workspace library "${lib.name}"`),
  );
  const appHome = workdirInstruction(layout.appHome, `root of project "${options.projectName}"`);
  return {
    libraryCopies: libraries,
    appHomeWorkdir: appHome,
    sourceCopy: copyInstruction(
      [layout.contextPrefix || '.', '.'],
      `root of project "${options.projectName}"`,
    ),
    readOnlyPaths: [layout.appHome, ...layout.libraries.map((lib) => lib.imagePath)]
      .map((path) => shellWord(path, 'image path'))
      .join(' '),
    appDirWorkdir: workdirInstruction(options.appDir, 'Django root (--djangoRoot)'),
    includedPatterns: [
      layout.contextPrefix.replace(/\/$/, ''),
      ...layout.libraries.map((l) => l.root),
    ]
      .filter((path) => path !== '')
      .map((path) => ignorePattern(path, 'build context path')),
  };
}

function templateVariables(options: NormalizedInitOptions) {
  const dependencies = options.dependencies;
  return {
    quotedForComment,
    pythonStringBody,
    pythonList,
    projectName: options.projectName,
    pythonVersion: options.pythonVersion,
    port: options.port,
    appDir: options.appDir,
    layout: options.buildLayout,
    ...dockerfileLines(options),
    cmd: execForm(options.command),
    syntaxLine: options.syntaxDirective ? '# syntax=docker/dockerfile:1\n' : '',
    localDataDirs: localDataDirs(options),
    collectStatic: options.collectStatic,
    collectStaticStep: collectStaticStep(options),
    secretFileNames: options.environment.fromSecretFile,
    databaseUrlNames: options.environment.databaseUrls,
    containerSettingsModule: options.containerSettingsModule,
    baseSettingsModule: pythonModulePath(
      options.layout.imageSettingsModule,
      `--settingsModule of project "${options.projectName}"`,
    ),
    hardening: options.hardening,
    dataDirs: APP_DATA_DIRS,
    ...dependencyStages({
      manager: dependencies?.manager ?? 'pip',
      dependencyFile: inContext(options.buildLayout, dependencies?.file ?? 'requirements.txt'),
      lockFile: dependencies?.lockFile
        ? inContext(options.buildLayout, dependencies.lockFile)
        : null,
      requirementFiles: options.requirementFiles.map((file) =>
        inContext(options.buildLayout, file),
      ),
      layout: options.buildLayout,
      groups: options.dependencyDetails?.productionGroups,
      extras: options.dependencyDetails?.productionExtras,
      systemPackages: options.systemPackages,
      editableVcs: options.dependencyDetails?.editableVcs,
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
