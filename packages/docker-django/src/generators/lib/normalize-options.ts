import { posix } from 'node:path';
import { getProjects, joinPathFragments, type ProjectConfiguration, type Tree } from '@nx/devkit';
import {
  detectDjangoLayout,
  findDjangoRoot,
  type DjangoLayout,
} from '../../django/detect-django-layout';
import { chooseAppServer, type AppServerChoice } from '../../django/app-server';
import { detectDependencies, type DependencyInfo } from '../../python/dependency-manager';
import { readDependencyDetails, type DependencyDetails } from '../../python/dependency-details';
import { systemPackagesFor, type SystemPackages } from '../../python/system-packages';
import { isValidPythonVersion } from '../../python/python-version';
import { readLockedVersions } from '../../python/locked-versions';
import {
  choosePythonVersion,
  describePythonChoice,
  givenPythonVersion,
  type PythonChoice,
} from '../../python/python-choice';
import { treeFileSource } from '../../nx/tree-file-source';
import { assertManifestsParse } from './manifest-check';
import {
  composeProjectName,
  imageRepositoryName,
  workspaceComposeProjectName,
} from '../../nx/compose-project-name';
import { readRegistryAddress } from '../../nx/registry-address';
import {
  chooseHostPort,
  generatedStacks,
  otherStacks,
  type OtherStack,
  sharedComposeProjectWarning,
  stackNameFor,
} from './stack-names';
import { workspaceLibrariesOf, type WorkspaceLibrary } from './workspace-libraries';
import { buildLayout, inContext, type BuildLayout } from './build-layout';
import { smallestContext } from './smallest-context';
import { planEnvironment, type EnvironmentPlan } from './environment-plan';
import type { InitGeneratorSchema } from '../init/schema';
import {
  askDockerInitQuestions,
  askForProject,
  isInteractive,
} from './prompt-docker-init-questions';
import { pythonVersionOption } from './python-version-option';
import { filesOutsideContext, requirementFilesOf } from './requirement-files';
import { defaultPostgresVersion, existingPostgres, parsePostgresVersion } from './postgres-version';
import { joinCommand, splitCommand } from '../../shell/command-line';
import { normalizeHardening, type HardeningOptions } from './hardening-options';
import { refuseCharacters, refuseUnwritableNames, UNPAIRED_SURROGATE } from './syntax/unwritable';
import { refuseInMountList } from './syntax/dockerfile';

export interface NormalizedInitOptions {
  projectName: string;
  projectRoot: string;
  layout: DjangoLayout;
  /** Absolute path of the folder holding manage.py inside the image. */
  appDir: string;
  /** Build context and image paths, which depend on the workspace libraries the app installs. */
  buildLayout: BuildLayout;
  pythonVersion: string;
  /** Where the Python version came from: an option, a file of the project, or the default. */
  pythonVersionSource: string;
  /**
   * What the project says and its locks allow; the report prints it (file, line, what
   * narrowed it). Its version is pythonVersion unless --pythonVersion or an answer replaced it.
   */
  pythonChoice: PythonChoice;
  port: number;
  hostPort: number;
  /** A proxy service publishes hostPort in front of the server (compose-up --scale). */
  proxy: boolean;
  /** The run command in exec form. */
  command: string[];
  /** The dependency file; `null` when the project has none and the generator creates requirements.txt. */
  dependencies: DependencyInfo | null;
  /** The production requirements, the groups and extras that hold them, gunicorn's place, git. */
  dependencyDetails: DependencyDetails | null;
  /** The server the default command runs and why; null when --command replaces it. */
  appServer: AppServerChoice | null;
  /** Debian packages the dependencies need in the builder and runtime stages. */
  systemPackages: SystemPackages;
  /** Requirements files pip reads (main file and its -r/-c includes), relative to the project root. */
  requirementFiles: string[];
  /** The compose project (-p), unique per project and workspace; containers and volumes carry it. */
  composeProject: string;
  /** Whether compose.yaml records composeProject (files of earlier versions keep their plain name). */
  composeProjectRecorded: boolean;
  /** The compose project a new compose.yaml gets here (after the old one is moved away). */
  freshComposeProject: string;
  /** The image repository: unique per project, the same on every machine (see compose-project-name.ts). */
  imageName: string;
  /** Warnings for the user (a shared host port, a shared compose project). */
  notes: string[];
  database: 'none' | 'postgres';
  /** Database name and role for the postgres service. */
  databaseName: string;
  /** PostgreSQL major of the db service's image (postgres:<major>); its data path follows it. */
  postgresVersion: number;
  /** Whether --postgresVersion named the major, rather than the existing compose.yaml or the default. */
  postgresVersionGiven: boolean;
  collectStatic: boolean;
  /** The environment the project's settings need, and where each variable comes from. */
  environment: EnvironmentPlan;
  /** The generated settings module the container runs with (beside manage.py). */
  containerSettingsModule: string;
  syntaxDirective: boolean;
  /** `host[:port][/namespace]` whose pushed image the build takes its layer cache from. */
  registry: string | undefined;
  overwrite: boolean;
  skipFormat: boolean;
  addTargets: boolean;
  /** What the stack enforces: secret key, TLS settings, container confinement, database role. */
  hardening: HardeningOptions;
}

export const DEFAULT_PORT = 8000;
export const CONTAINER_SETTINGS_MODULE = 'container_settings';

export class InitOptionsError extends Error {}

export function defaultRunCommand(layout: DjangoLayout, port: number): string[] {
  return [
    'gunicorn',
    `${layout.wsgiModule}:${layout.wsgiCallable}`,
    `--bind=0.0.0.0:${port}`,
    '--access-logfile=-',
  ];
}

/** The projects of the workspace that hold a manage.py: the choices when --project is missing. */
export function djangoProjectsIn(tree: Tree): string[] {
  const source = treeFileSource(tree);
  return [...getProjects(tree).entries()]
    .filter(([, config]) => findDjangoRoot(source, config.root) !== null)
    .map(([name]) => name)
    .sort();
}

/**
 * The project to work on: --project, else the user's pick of the workspace's Django projects
 * when someone is at the terminal, else `null` (only the plugin is registered).
 */
export async function resolveProjectName(
  tree: Tree,
  schema: InitGeneratorSchema,
): Promise<string | null> {
  if (schema.project) return schema.project;
  const candidates = djangoProjectsIn(tree);
  if (candidates.length > 0 && isInteractive()) return askForProject(candidates);
  return null;
}

function validatePort(value: unknown, option: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InitOptionsError(
      `Invalid --${option} "${value}": a port is a whole number from 1 to 65535. Pass e.g. --${option}=8000.`,
    );
  }
  return port;
}

function validateRegistry(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const address = readRegistryAddress(value);
  if ('problem' in address)
    throw new InitOptionsError(`Invalid --registry "${value}". ${address.problem}`);
  return [address.host, address.namespace].filter(Boolean).join('/');
}

function validateDatabase(database: string | undefined): 'none' | 'postgres' {
  if (database === undefined || database === 'none' || database === 'postgres')
    return database ?? 'none';
  throw new InitOptionsError(`Invalid --database "${database}": choose none or postgres.`);
}

function validatePythonVersion(version: string, source: string): string {
  if (!isValidPythonVersion(version)) {
    throw new InitOptionsError(
      `Invalid Python version "${version}" (from ${source}): expected 3.<minor> or ` +
        `3.<minor>.<patch>, e.g. 3.12. Pass --pythonVersion.`,
    );
  }
  return version;
}

/**
 * What a caller already read of the workspace, so that rendering many apps in one run (the
 * sync generator) reads each thing once: every project.json and every other stack's
 * compose.yaml per app took 5 of 5.7 s of a sync of 50 apps over 500 projects.
 */
export interface KnownWorkspace {
  /** The workspace's projects (getProjects); read from the Tree when not given. */
  projects?: Map<string, ProjectConfiguration>;
  /** The libraries to build with; detected from the manifests when not given. */
  libraries?: WorkspaceLibrary[];
  /** Every stack the generator wrote (generatedStacks); read from the compose files when not given. */
  stacks?: OtherStack[];
}

export async function normalizeOptions(
  tree: Tree,
  schema: InitGeneratorSchema & { project: string },
  pluginActive: boolean,
  known: KnownWorkspace = {},
): Promise<NormalizedInitOptions> {
  const projectName = schema.project;
  const projects = known.projects ?? getProjects(tree);
  const project = projects.get(projectName);
  if (!project) {
    throw new InitOptionsError(
      `Project "${projectName}" was not found in this workspace. Run \`nx show projects\` to ` +
        `list them, then pass one with --project.`,
    );
  }
  const projectRoot = project.root;
  if (schema.settingsModule?.trim() === CONTAINER_SETTINGS_MODULE) {
    // The generated module imports the project's settings: as the project's own, it would
    // import itself.
    throw new InitOptionsError(
      `Invalid --settingsModule "${schema.settingsModule}" for project "${projectName}": ` +
        `${CONTAINER_SETTINGS_MODULE} is the module the generator writes on top of your settings. ` +
        "Pass your project's own settings module, e.g. --settingsModule mysite.settings.",
    );
  }
  const source = treeFileSource(tree);
  const layout = detectDjangoLayout(source, projectRoot, {
    djangoRoot: schema.djangoRoot,
    settingsModule: schema.settingsModule,
    wsgiModule: schema.wsgiModule,
    commandGiven: schema.command !== undefined,
  });
  const hardening = normalizeHardening(schema, projectName);
  if (schema.port !== undefined) validatePort(schema.port, 'port');
  if (schema.hostPort !== undefined) validatePort(schema.hostPort, 'hostPort');
  const postgresVersionGiven = parsePostgresVersion(schema.postgresVersion, projectName);
  const pythonVersionGiven = pythonVersionOption(schema.pythonVersion);
  if (pythonVersionGiven !== undefined)
    validatePythonVersion(pythonVersionGiven, '--pythonVersion');

  assertManifestsParse(tree, projectRoot, layout.djangoRoot);
  const detected = detectDependencies(source, projectRoot, layout.djangoRoot);
  const dependencyDetails = detected && readDependencyDetails(source, projectRoot, detected);
  // gunicorn in a production group counts: the builder installs those groups too.
  const dependencies =
    detected !== null && !detected.hasGunicorn && dependencyDetails?.gunicornIn
      ? { ...detected, hasGunicorn: true }
      : detected;
  const locked = detected
    ? readLockedVersions(source, projectRoot, detected, dependencyDetails?.requirements)
    : [];
  const detectedPython = choosePythonVersion(source, projectRoot, layout.djangoRoot, locked);
  let pythonVersion = pythonVersionGiven ?? detectedPython.version;
  let pythonVersionSource = pythonVersionGiven
    ? '--pythonVersion'
    : detectedPython.source !== null
      ? `${joinPathFragments(projectRoot, detectedPython.source)} line ${detectedPython.line}`
      : 'the default';
  let port = schema.port ?? DEFAULT_PORT;
  const serverFor = (p: number) =>
    layout.entryPoint === null
      ? null
      : chooseAppServer(
          layout.entryPoint,
          dependencyDetails?.requirements ?? [],
          p,
          layout.extraPythonPath,
        );
  let commandText =
    schema.command ?? joinCommand(serverFor(port)?.command ?? defaultRunCommand(layout, port));

  if (isInteractive()) {
    const answers = await askDockerInitQuestions(
      { pythonVersion, port, command: commandText },
      {
        pythonVersion: pythonVersionGiven !== undefined,
        port: schema.port !== undefined,
        command: schema.command !== undefined,
      },
    );
    if (answers.pythonVersion !== pythonVersion) pythonVersionSource = 'your answer';
    ({ pythonVersion, port, command: commandText } = answers);
    port = validatePort(port, 'port');
  }
  validatePythonVersion(pythonVersion, pythonVersionSource);
  const pythonChoice =
    pythonVersionSource === '--pythonVersion' || pythonVersionSource === 'your answer'
      ? givenPythonVersion(detectedPython, pythonVersion, pythonVersionSource, locked)
      : detectedPython;
  const pythonNotes = describePythonChoice(pythonChoice, projectRoot).warnings;

  const command = splitCommand(commandText);
  if (command.length === 0) {
    throw new InitOptionsError(
      'The run command is empty. Pass --command, e.g. --command="gunicorn mysite.wsgi --bind=0.0.0.0:8000".',
    );
  }

  // Line breaks and quotes are fine (exec form and YAML hold them); this is not.
  for (const arg of command)
    refuseCharacters(arg, UNPAIRED_SURROGATE, {
      label: '--command argument',
      project: projectName,
      where: 'a UTF-8 file',
      fix: 'Pass the command as text.',
    });

  const requirementFiles =
    dependencies?.manager === 'pip' && !dependencies.file.endsWith('.toml')
      ? requirementFilesOf(tree, projectRoot, dependencies.file)
      : ['requirements.txt'];

  const stackName = stackNameFor(tree, projectName, projectRoot);
  const others = otherStacks(tree, projectName, known.stacks ?? generatedStacks(tree, projects));
  const { hostPort, note: portNote } = chooseHostPort(schema.hostPort, port, others);
  const sharedName = sharedComposeProjectWarning(projectName, stackName, others);

  const libraries = known.libraries ?? workspaceLibrariesOf(tree, projectName);
  const dependencyFiles = dependencies
    ? [
        ...new Set([
          dependencies.file,
          ...(dependencies.lockFile ? [dependencies.lockFile] : []),
          ...(dependencies.manager === 'pip' && !dependencies.file.endsWith('.toml')
            ? requirementFiles
            : []),
        ]),
      ]
    : requirementFiles;
  const imageLayout = buildLayout(
    projectRoot,
    libraries,
    libraries.length ? '' : smallestContext(tree, projectRoot, layout, dependencyFiles),
  );
  const outside = filesOutsideContext(projectRoot, requirementFiles, imageLayout.context);
  if (outside.length > 0) {
    throw new InitOptionsError(
      `The requirements of project "${projectName}" include ${outside.map((f) => `"${f}"`).join(', ')} ` +
        `(with -r or -c), outside the image's build context ` +
        `(${posix.normalize(posix.join(projectRoot, imageLayout.context))}): the Dockerfile could not ` +
        `mount ${outside.length > 1 ? 'them' : 'it'}. Move the file into ${projectRoot}, or make its ` +
        'folder a workspace library the app installs (the context then becomes the workspace root).',
    );
  }
  // Names that reach the generated files: one no file can hold is refused here, with the
  // option or folder it came from, before anything is rendered or written (see syntax/).
  refuseUnwritableNames(
    [
      { label: 'project root', value: projectRoot },
      {
        label:
          schema.djangoRoot === undefined
            ? 'Django root (the folder of manage.py)'
            : '--djangoRoot',
        value: layout.djangoRoot,
      },
      ...libraries.map((lib) => ({
        label: `folder of workspace library "${lib.name}"`,
        value: lib.root,
      })),
      ...dependencyFiles.map((file) => ({ label: 'dependency file', value: file })),
    ],
    projectName,
  );
  // The Dockerfile bind-mounts each dependency file at its place in the image.
  for (const file of dependencyFiles) {
    const path = inContext(imageLayout, file);
    refuseInMountList(`${imageLayout.contextPrefix}${path}`, 'dependency file', projectName);
    refuseInMountList(
      `${imageLayout.appHome}/${path}`,
      'dependency file in the image',
      projectName,
    );
  }
  // The server, when the command is the one chosen for it (not --command or another answer).
  const chosen = serverFor(port);
  const appServer = chosen !== null && joinCommand(chosen.command) === commandText ? chosen : null;
  const djangoInContext = inContext(imageLayout, layout.djangoRoot);
  const appDir = djangoInContext
    ? `${imageLayout.appHome}/${djangoInContext}`
    : imageLayout.appHome;
  const database = validateDatabase(schema.database);
  return {
    projectName,
    projectRoot,
    layout,
    buildLayout: imageLayout,
    appDir,
    pythonVersion,
    pythonVersionSource,
    pythonChoice,
    port,
    hostPort,
    proxy: schema.proxy ?? false,
    command,
    dependencies,
    dependencyDetails,
    appServer,
    systemPackages: systemPackagesFor(dependencyDetails?.requirements ?? [], {
      needsGit: dependencyDetails?.needsGit,
      pythonVersion,
    }),
    requirementFiles,
    composeProject: stackName.composeProject,
    composeProjectRecorded: stackName.recorded,
    freshComposeProject: workspaceComposeProjectName(tree.root, projectName),
    imageName: imageRepositoryName(projectName),
    notes: [...pythonNotes, portNote, sharedName].filter((n): n is string => n !== null),
    database,
    databaseName: composeProjectName(projectName).replace(/-/g, '_'),
    postgresVersion:
      postgresVersionGiven ??
      defaultPostgresVersion(
        existingPostgres(tree.read(joinPathFragments(projectRoot, 'compose.yaml'), 'utf-8')),
      ),
    postgresVersionGiven: postgresVersionGiven !== undefined,
    collectStatic: schema.collectStatic ?? layout.staticFiles.collectStatic,
    environment: planEnvironment(layout.environment, {
      projectName,
      hostPort,
      postgres: database === 'postgres',
    }),
    containerSettingsModule: CONTAINER_SETTINGS_MODULE,
    syntaxDirective: schema.syntaxDirective ?? false,
    registry: validateRegistry(schema.registry),
    overwrite: schema.overwrite ?? false,
    skipFormat: schema.skipFormat ?? false,
    addTargets: !pluginActive,
    hardening,
  };
}
