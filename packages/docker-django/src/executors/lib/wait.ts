import type { ContainerStatus } from './containers';
import type { ServiceProblem } from './errors';

/**
 * The readiness rules of `docker compose up --wait`, as pure functions, so engines without
 * `--wait` (compose v1, podman-compose) get the same behaviour by polling, and so a failed
 * native wait can say which service was to blame.
 */
/** `detail` is e.g. `unhealthy`, `exited with code 1`, `health "starting"`. */
export type ContainerProblem = ServiceProblem;

export type WaitVerdict =
  | { status: 'ready' }
  | { status: 'pending'; pending: ContainerProblem[] }
  | { status: 'failed'; problems: ContainerProblem[] };

function problem(c: ContainerStatus, detail: string): ContainerProblem {
  return { service: c.service, container: c.name, detail };
}

/**
 * - running without a healthcheck, or healthy: ready;
 * - running and health `starting`, or created / restarting / paused: not yet;
 * - unhealthy, dead, or exited (except exit 0 of a service another one waits for with
 *   `service_completed_successfully`, such as a migrate job): failed.
 * No containers at all is ready: there is nothing to wait for.
 */
export function assessContainers(
  containers: ContainerStatus[],
  completionServices: readonly string[],
): WaitVerdict {
  const problems: ContainerProblem[] = [];
  const pending: ContainerProblem[] = [];
  for (const c of containers) {
    if (c.state === 'exited' || c.state === 'dead') {
      if (c.state === 'exited' && c.exitCode === 0 && completionServices.includes(c.service))
        continue;
      problems.push(
        problem(c, c.state === 'dead' ? 'dead' : `exited with code ${c.exitCode ?? 'unknown'}`),
      );
    } else if (c.state === 'running') {
      if (c.health === 'unhealthy') problems.push(problem(c, 'unhealthy'));
      else if (c.health !== undefined && c.health !== 'healthy') {
        pending.push(problem(c, `health "${c.health}"`));
      }
    } else {
      pending.push(problem(c, `state "${c.state}"`));
    }
  }
  if (problems.length > 0) return { status: 'failed', problems };
  if (pending.length > 0) return { status: 'pending', pending };
  return { status: 'ready' };
}

export type WaitOutcome =
  | { ok: true; containers: ContainerStatus[] }
  | { ok: false; reason: 'failed' | 'timeout'; problems: ContainerProblem[] };

export interface WaitLoopOptions {
  /** Reads the current containers; errors propagate. */
  poll: () => Promise<ContainerStatus[]>;
  completionServices: readonly string[];
  /** undefined: no limit, like `up --wait` without `--wait-timeout`. */
  timeoutMs: number | undefined;
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitForContainers(options: WaitLoopOptions): Promise<WaitOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const deadline = options.timeoutMs === undefined ? undefined : now() + options.timeoutMs;
  for (;;) {
    const containers = await options.poll();
    const verdict = assessContainers(containers, options.completionServices);
    if (verdict.status === 'ready') return { ok: true, containers };
    if (verdict.status === 'failed')
      return { ok: false, reason: 'failed', problems: verdict.problems };
    if (deadline !== undefined && now() >= deadline) {
      return { ok: false, reason: 'timeout', problems: verdict.pending };
    }
    await sleep(options.intervalMs);
  }
}
