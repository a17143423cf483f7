import { getProjects, joinPathFragments, type ProjectConfiguration, type Tree } from '@nx/devkit';
import { parseYaml } from '../../files/plain-yaml';
import {
  composeProjectName,
  hasGeneratorRecord,
  recordedComposeProject,
  workspaceComposeProjectName,
} from '../../nx/compose-project-name';

/** The compose project a stack runs as, and whether compose.yaml records it. */
export interface StackName {
  composeProject: string;
  /** False for an existing file without a recorded name: it keeps the plain name its volume has. */
  recorded: boolean;
}

/** Another generated stack of the workspace: its project, compose project and published ports. */
export interface OtherStack {
  project: string;
  composeFile: string;
  composeProject: string;
  hostPorts: number[];
}

function parsedCompose(tree: Tree, composeFile: string): unknown {
  const text = tree.exists(composeFile) && tree.isFile(composeFile) ? tree.read(composeFile) : null;
  if (!text) return null;
  try {
    // Every other stack's compose file is read for each app a sync renders: the plain reader
    // took that from 4.5 s to a fraction for 50 apps (BENCHMARKS.md, graph-time).
    return parseYaml(text.toString('utf-8'));
  } catch {
    return null;
  }
}

/**
 * The compose project of `projectName`: the one its compose.yaml records (stable across
 * re-runs, even when the workspace moved); the plain name for a compose.yaml that records none
 * (an earlier version's or a hand-written one: the executors ran it as such, and its database
 * volume is named after it); else a new name unique to this workspace and project.
 */
export function stackNameFor(tree: Tree, projectName: string, projectRoot: string): StackName {
  const composeFile = joinPathFragments(projectRoot, 'compose.yaml');
  const recorded = recordedComposeProject(parsedCompose(tree, composeFile));
  if (recorded) return { composeProject: recorded, recorded: true };
  if (tree.exists(composeFile)) {
    return { composeProject: composeProjectName(projectName), recorded: false };
  }
  return { composeProject: workspaceComposeProjectName(tree.root, projectName), recorded: true };
}

function hostPortsOf(doc: unknown): number[] {
  const services = (doc as { services?: unknown } | null)?.services;
  if (typeof services !== 'object' || services === null) return [];
  const ports = new Set<number>();
  for (const service of Object.values(services as Record<string, unknown>)) {
    const list = (service as { ports?: unknown } | null)?.ports;
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      // "8000:8000", "127.0.0.1:8000:8000", or the long syntax's `published`.
      const published =
        typeof entry === 'string'
          ? /^(?:.*:)?(\d+):\d+(?:\/\w+)?$/.exec(entry)?.[1]
          : (entry as { published?: unknown } | null)?.published;
      const port = Number(published);
      if (Number.isInteger(port) && port > 0) ports.add(port);
    }
  }
  return [...ports];
}

/** The stacks the generator wrote for the workspace's other projects. */
export function otherStacks(
  tree: Tree,
  exceptProject: string,
  stacks: readonly OtherStack[] = generatedStacks(tree),
): OtherStack[] {
  return stacks.filter((stack) => stack.project !== exceptProject);
}

/** Every stack the generator wrote in the workspace (compose.yaml with its record). */
export function generatedStacks(
  tree: Tree,
  projects: Map<string, ProjectConfiguration> = getProjects(tree),
): OtherStack[] {
  const stacks: OtherStack[] = [];
  for (const [project, config] of projects) {
    const composeFile = joinPathFragments(config.root, 'compose.yaml');
    const doc = parsedCompose(tree, composeFile);
    // Only the generator's stacks: they are the ones whose ports and names it chose.
    if (!hasGeneratorRecord(doc)) continue;
    stacks.push({
      project,
      composeFile,
      composeProject: recordedComposeProject(doc) ?? composeProjectName(project),
      hostPorts: hostPortsOf(doc),
    });
  }
  return stacks;
}

/**
 * A warning when another project's stack runs under the same compose project (possible only
 * for files written by earlier versions, whose names were not unique): the two would share
 * containers, image and database volume.
 */
export function sharedComposeProjectWarning(
  projectName: string,
  name: StackName,
  others: OtherStack[],
): string | null {
  const other = others.find((o) => o.composeProject === name.composeProject);
  if (!other) return null;
  return (
    `Projects "${projectName}" and "${other.project}" both run as compose project ` +
    `"${name.composeProject}": they share containers, the image and the database volume (their ` +
    `compose.yaml files record no name of their own). To give "${projectName}" ` +
    `its own, stop its stack, move its compose.yaml away and re-run init (a new name is recorded; ` +
    `the old volume keeps the data under "${name.composeProject}_db-data").`
  );
}

/**
 * The host port to publish: --hostPort as given (with a warning when another generated stack
 * publishes it), else the container port or, when another stack publishes that, the next free one.
 */
export function chooseHostPort(
  given: number | undefined,
  port: number,
  others: OtherStack[],
): { hostPort: number; note: string | null } {
  const owner = (p: number) => others.find((o) => o.hostPorts.includes(p));
  if (given !== undefined) {
    const other = owner(given);
    return {
      hostPort: given,
      note: other
        ? `Host port ${given} is also published by project "${other.project}" ` +
          `(${other.composeFile}): the two stacks cannot run at once. Pass another --hostPort.`
        : null,
    };
  }
  let hostPort = port;
  while (owner(hostPort) && hostPort < 65535) hostPort++;
  const taken = owner(port);
  return {
    hostPort,
    note:
      taken && hostPort !== port
        ? `Host port ${port} is published by project "${taken.project}" (${taken.composeFile}); ` +
          `this stack publishes ${hostPort} instead. Pass --hostPort to choose another.`
        : null,
  };
}
