import {
  getProjects,
  joinPathFragments,
  logger,
  type ProjectConfiguration,
  type Tree,
} from '@nx/devkit';
import { parseYaml } from '../../files/plain-yaml';
import { workspaceLibrariesOf, type WorkspaceLibrary } from '../lib/workspace-libraries';
import { generatedStacks, type OtherStack } from '../lib/stack-names';
import type { GeneratorRecord } from '../lib/compose-document';
import { dockerFiles } from '../lib/docker-files';
import {
  normalizeOptions,
  type KnownWorkspace,
  type NormalizedInitOptions,
} from '../lib/normalize-options';
import { postgresDataConflict } from '../lib/postgres-data-guard';
import { composeTargetNames } from '../init/lib/register-plugin';
import { joinCommand } from '../../shell/command-line';
import { assertChangesWritable } from '../lib/assert-writable';
import { generatorRecordOf } from '../../nx/generator-record';

export interface SyncResult {
  outOfSyncMessage?: string;
}

function recordOf(tree: Tree, composePath: string): GeneratorRecord | null {
  try {
    // Written with every `$` doubled (compose interpolates x- fields too), read back undoubled.
    const record = generatorRecordOf(parseYaml(tree.read(composePath, 'utf-8') ?? ''));
    return record && Array.isArray(record.libraries)
      ? (record as unknown as GeneratorRecord)
      : null;
  } catch {
    return null;
  }
}

/**
 * What one sync run reads once for all its apps. The stacks are read on the first render: an
 * app in step renders nothing, so a run with nothing to do never reads the compose files.
 */
class WorkspaceView {
  readonly projects: Map<string, ProjectConfiguration>;
  readonly list: WorkspaceLibrary[];
  private stacks: OtherStack[] | undefined;

  constructor(private readonly tree: Tree) {
    this.projects = getProjects(tree);
    this.list = [...this.projects].map(([name, config]) => ({ name, root: config.root }));
  }

  known(libraries: WorkspaceLibrary[]): KnownWorkspace {
    this.stacks ??= generatedStacks(this.tree, this.projects);
    return { projects: this.projects, libraries, stacks: this.stacks };
  }
}

async function renderFor(
  tree: Tree,
  project: string,
  record: GeneratorRecord,
  known: KnownWorkspace,
): Promise<{ options: NormalizedInitOptions; files: Record<string, string> }> {
  const options = await normalizeOptions(
    tree,
    {
      project,
      pythonVersion: record.pythonVersion,
      port: record.port,
      hostPort: record.hostPort,
      proxy: record.proxy,
      command: joinCommand(record.command),
      database: record.database,
      // Absent from records written before the option: normalizeOptions then reads the major
      // off the file, and the data guard below keeps a file it cannot tell.
      postgresVersion: record.postgresVersion,
      collectStatic: record.collectStatic,
      syntaxDirective: record.syntaxDirective,
      registry: record.registry,
      djangoRoot: record.djangoRoot,
      settingsModule: record.settingsModule,
      wsgiModule: record.wsgiModule,
      ...record.hardening,
    },
    true,
    known,
  );
  return { options, files: dockerFiles(options) };
}

interface ProjectOutcome {
  edited: string[];
  /** Why the project's files were left alone to protect its database, if they were. */
  guarded?: string;
}

/**
 * Brings one app's Docker files in step with the libraries it installs now. The files are
 * updated only when each is exactly what the generator wrote for the old set of libraries;
 * if one was edited, none changes (a new build context with an old Dockerfile would not
 * build) and the edited ones are reported.
 */
async function syncProject(
  tree: Tree,
  project: string,
  root: string,
  workspace: WorkspaceView,
): Promise<ProjectOutcome> {
  const composePath = joinPathFragments(root, 'compose.yaml');
  const record = recordOf(tree, composePath);
  if (!record) return { edited: [] };
  const current = workspaceLibrariesOf(tree, project, workspace.list);
  if (current.map((lib) => lib.root).join('\n') === record.libraries.join('\n'))
    return { edited: [] };

  const recorded = record.libraries.map((libRoot) => ({
    root: libRoot,
    name: workspace.list.find((p) => p.root === libRoot)?.name ?? libRoot,
  }));
  const { files: before } = await renderFor(tree, project, record, workspace.known(recorded));
  const { options, files: after } = await renderFor(
    tree,
    project,
    record,
    workspace.known(current),
  );
  // A new build context with the old Dockerfile would not build, so nothing of the project moves.
  const guarded = postgresDataConflict(
    tree.read(composePath, 'utf-8'),
    options,
    composeTargetNames(tree).downTargetName,
  );
  if (guarded) return { edited: [], guarded };
  const changes = Object.entries(after).filter(
    ([path, content]) => tree.read(path, 'utf-8') !== content,
  );
  // A file only the old layout had (.dockerignore once the context is the workspace root, or
  // Dockerfile.dockerignore when it goes back) is removed, or it would keep filtering builds.
  const dropped = Object.keys(before).filter((path) => !(path in after) && tree.exists(path));
  const edited = [...changes.map(([path]) => path), ...dropped].filter((path) => {
    const existing = tree.read(path, 'utf-8');
    return existing !== null && existing !== before[path];
  });
  if (edited.length > 0) return { edited };
  for (const [path, content] of changes) tree.write(path, content);
  for (const path of dropped) tree.delete(path);
  return { edited: [] };
}

export async function syncGenerator(tree: Tree): Promise<SyncResult | void> {
  const edited: string[] = [];
  // Read once: Nx runs this generator before every task that declares it, and once per app
  // the project list cost 700 of 900 ms in a workspace of 500 projects (BENCHMARKS.md, graph-time).
  const workspace = new WorkspaceView(tree);
  for (const { name, root } of workspace.list) {
    if (!tree.exists(joinPathFragments(root, 'compose.yaml'))) continue;
    const outcome = await syncProject(tree, name, root, workspace);
    edited.push(...outcome.edited);
    if (outcome.guarded) logger.warn(outcome.guarded);
  }
  // Nx writes the changes after this returns; a path it cannot write is found first.
  assertChangesWritable(tree);
  if (edited.length) {
    logger.warn(
      `[docker-django] The workspace libraries of some Django apps changed, but these files were ` +
        `edited by hand and were left alone: ${edited.join(', ')}. ` +
        'Re-run `nx g docker-django:init --project <name> --overwrite`, or update their build ' +
        'context and library COPY lines yourself.',
    );
  }
  return {
    outOfSyncMessage:
      'The Docker files of Django apps do not match the workspace libraries they install.',
  };
}

export default syncGenerator;
