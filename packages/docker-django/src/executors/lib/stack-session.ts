import { logger } from '@nx/devkit';
import { ComposeError, commandFailedError } from './errors';
import type { NormalizedStack } from './normalize-stack-options';
import { LOG_PREFIX, firstLine, formatCommand, runCommand, type CommandSpec } from './run-compose';
import {
  inspectCommand,
  lines,
  serviceInspectCommand,
  servicePsCommand,
  serviceTasksCommand,
  stackObjectsCommand,
  swarmStateCommand,
} from './swarm-commands';
import {
  serviceVerdict,
  type ServiceVerdict,
  type SwarmService,
  type SwarmTask,
} from './swarm-state';

const POLL_MS = 2000;

async function capture(spec: CommandSpec, o: NormalizedStack) {
  const result = await runCommand(spec, {
    cwd: o.projectRoot,
    capture: true,
    quiet: true,
    verbose: o.verbose,
  });
  if (result.notFound) {
    throw new ComposeError(
      `The "docker" CLI is needed to run ${o.target} for project "${o.project}" but was not found on PATH. Install Docker's CLI.`,
    );
  }
  return result;
}

async function captureJson<T>(spec: CommandSpec, o: NormalizedStack): Promise<T[]> {
  const result = await capture(spec, o);
  if (result.exitCode !== 0) return [];
  return JSON.parse(result.stdout || '[]') as T[];
}

/** Stack commands need a Swarm manager: say how to get one rather than show Docker's error. */
export async function assertSwarmManager(o: NormalizedStack): Promise<void> {
  const result = await capture(swarmStateCommand(), o);
  if (result.exitCode !== 0) {
    throw new ComposeError(
      `${o.target} for project "${o.project}": the Docker daemon did not answer (${firstLine(result)}). ` +
        'Start Docker or fix DOCKER_HOST, then check with `docker info`.',
    );
  }
  const [state, control] = result.stdout.trim().split(/\s+/);
  if (state !== 'active' || control !== 'true') {
    throw new ComposeError(
      `${o.target} for project "${o.project}" needs a Docker Swarm manager, and this engine is ` +
        `${state === 'active' ? 'a worker' : `not in a swarm (${state || 'unknown'})`}. Run \`docker swarm init\` ` +
        '(one node is enough), or point DOCKER_HOST at a manager.',
    );
  }
}

/**
 * Runs a stack command as both stack executors do: a dry run only prints it; otherwise the
 * engine must be a Swarm manager, and a failed command throws the error template ending in
 * `fix`. Undefined on a dry run, else when the command was started (ms since the epoch).
 */
export async function runStackCommand(
  o: NormalizedStack,
  command: CommandSpec,
  fix: string,
): Promise<{ startedAt: number } | undefined> {
  if (o.dryRun) {
    logger.info(`${LOG_PREFIX} Dry run: ${formatCommand(command)}`);
    return undefined;
  }
  await assertSwarmManager(o);
  const startedAt = Date.now();
  const result = await runCommand(command, { cwd: o.projectRoot, verbose: o.verbose });
  if (result.exitCode !== 0) {
    throw commandFailedError(o.project, o.target, formatCommand(command), result.exitCode, fix);
  }
  return { startedAt };
}

export interface StackState {
  services: SwarmService[];
  tasks: SwarmTask[];
}

export async function stackIds(kind: 'service' | 'network', o: NormalizedStack): Promise<string[]> {
  const result = await capture(stackObjectsCommand(kind, o.stackName), o);
  return result.exitCode === 0 ? lines(result.stdout) : [];
}

async function readStack(o: NormalizedStack): Promise<StackState> {
  const ids = await stackIds('service', o);
  if (ids.length === 0) return { services: [], tasks: [] };
  const services = await captureJson<SwarmService>(serviceInspectCommand(ids), o);
  const taskIds = lines((await capture(serviceTasksCommand(ids), o)).stdout);
  const tasks = taskIds.length ? await captureJson<SwarmTask>(inspectCommand(taskIds), o) : [];
  return { services, tasks };
}

function verdicts(state: StackState, since: number): Map<string, ServiceVerdict> {
  const result = new Map<string, ServiceVerdict>();
  for (const service of state.services) {
    const tasks = state.tasks.filter((t) => t.ServiceID === service.ID);
    result.set(service.Spec.Name, serviceVerdict(service, tasks, since));
  }
  return result;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Polls the stack until every service converged (jobs completed, replicas running on the new
 * spec), a service failed (a job's task failed, an update rolled back or paused), or the
 * timeout passed. On failure it prints `docker service ps --no-trunc` of the failed services
 * and throws an error naming each with its task's error.
 */
export async function waitForConvergence(o: NormalizedStack, since: number): Promise<void> {
  const deadline = Date.now() + o.timeout * 1000;
  const shown = new Map<string, string>();
  for (;;) {
    const state = await readStack(o);
    const current = verdicts(state, since);
    for (const [name, verdict] of current) {
      if (shown.get(name) !== verdict.summary)
        logger.info(`${LOG_PREFIX} ${name}: ${verdict.summary}`);
      shown.set(name, verdict.summary);
    }
    const failed = [...current].filter(([, v]) => v.state === 'failed');
    const pending = [...current].filter(([, v]) => v.state === 'pending');
    if (state.services.length > 0 && failed.length === 0 && pending.length === 0) return;
    const timedOut = Date.now() >= deadline;
    if (failed.length > 0 || timedOut) {
      const problems = failed.length > 0 ? failed : pending;
      for (const [name] of problems) {
        await runCommand(servicePsCommand(name), { cwd: o.projectRoot, verbose: o.verbose });
      }
      const list = problems.map(([name, v]) => `${name} (${v.summary})`).join(', ');
      const what = failed.length > 0 ? 'failed' : `did not converge within ${o.timeout}s`;
      throw new ComposeError(
        `Stack "${o.stackName}" of project "${o.project}" ${what}: ${list || 'no services'}. ` +
          'The tasks and their errors are above. Fix the image or the stack file, push, and run ' +
          `\`nx run ${o.project}:${o.target}\` again${failed.length ? '' : ', or raise --timeout'}.`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Polls until the stack's services and networks are gone (`docker stack rm` returns before). */
export async function waitForRemoval(o: NormalizedStack): Promise<void> {
  const deadline = Date.now() + o.timeout * 1000;
  for (;;) {
    const services = await stackIds('service', o);
    const networks = await stackIds('network', o);
    if (services.length === 0 && networks.length === 0) return;
    if (Date.now() >= deadline) {
      throw new ComposeError(
        `Stack "${o.stackName}" of project "${o.project}" still has ${services.length} service(s) and ` +
          `${networks.length} network(s) after ${o.timeout}s. Check \`docker stack ps ${o.stackName}\`, ` +
          'then run the target again or raise --timeout.',
      );
    }
    await sleep(POLL_MS);
  }
}

/** http://localhost:<port>/ for each port a service of the stack publishes. */
export async function publishedUrls(o: NormalizedStack): Promise<string[]> {
  const ids = await stackIds('service', o);
  if (ids.length === 0) return [];
  const services = await captureJson<{
    Endpoint?: { Spec?: { Ports?: { PublishedPort?: number }[] } };
  }>(serviceInspectCommand(ids), o);
  return services
    .flatMap((s) => s.Endpoint?.Spec?.Ports ?? [])
    .filter((p) => p.PublishedPort)
    .map((p) => `http://localhost:${p.PublishedPort}/`);
}
