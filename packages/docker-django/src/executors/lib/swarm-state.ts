/**
 * Whether a deployed stack has converged, from `docker service inspect` and `docker inspect`
 * of its tasks (the engine API's JSON). Pure, so every case is a table test.
 */

/** The parts of a service (`docker service inspect`) the wait reads. */
export interface SwarmService {
  ID: string;
  Spec: {
    Name: string;
    Mode: {
      Replicated?: { Replicas?: number };
      ReplicatedJob?: { TotalCompletions?: number };
      Global?: object;
    };
    TaskTemplate: { ContainerSpec?: Record<string, unknown> };
  };
  UpdateStatus?: { State?: string; StartedAt?: string; Message?: string };
  JobStatus?: { JobIteration?: { Index?: number } };
}

/** The parts of a task (`docker inspect <task id>`) the wait reads. */
export interface SwarmTask {
  ID: string;
  ServiceID: string;
  Slot?: number;
  DesiredState: string;
  Status: { State: string; Err?: string; Message?: string; Timestamp?: string };
  Spec: { ContainerSpec?: Record<string, unknown> };
  JobIteration?: { Index?: number };
}

export type ServiceVerdict =
  | { state: 'converged'; summary: string }
  | { state: 'pending'; summary: string }
  | { state: 'failed'; summary: string };

const FAILED_TASK_STATES = new Set(['failed', 'rejected', 'orphaned']);

const EMPTY = new Set(['{}', '[]', 'null', undefined]);

// What makes one version of a service differ from the next (image, command, environment,
// user, secrets and mounts). The rest of the container spec is not compared: the engine fills
// some fields on the service and not on its tasks (`DNSConfig: {}`, a `StopGracePeriod` the
// stack file did not set), so a whole-spec comparison never sees the stack converge.
const VERSION_FIELDS = ['Image', 'Command', 'Args', 'Env', 'User', 'Dir', 'Secrets', 'Mounts'];

// Stable JSON (sorted keys, empty values dropped), so equal values compare equal whatever
// order or empty defaults the engine reports them with.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, canonical(v)] as const)
      .filter(([, v]) => !EMPTY.has(v))
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

function versionOf(spec: Record<string, unknown> | undefined): string {
  const picked = Object.fromEntries(VERSION_FIELDS.map((field) => [field, spec?.[field]]));
  return canonical(picked);
}

function isCurrentSpec(task: SwarmTask, service: SwarmService): boolean {
  return versionOf(task.Spec.ContainerSpec) === versionOf(service.Spec.TaskTemplate.ContainerSpec);
}

/** The error of a task that failed, as `docker service ps --no-trunc` shows it. */
export function taskError(task: SwarmTask): string {
  return task.Status.Err || task.Status.Message || task.Status.State;
}

function failedTasksSince(tasks: SwarmTask[], since: number): SwarmTask[] {
  return tasks.filter(
    (t) =>
      FAILED_TASK_STATES.has(t.Status.State) &&
      (!t.Status.Timestamp || Date.parse(t.Status.Timestamp) >= since),
  );
}

function jobVerdict(service: SwarmService, tasks: SwarmTask[]): ServiceVerdict {
  const iteration = service.JobStatus?.JobIteration?.Index ?? 0;
  const current = tasks.filter((t) => (t.JobIteration?.Index ?? 0) === iteration);
  const wanted = service.Spec.Mode.ReplicatedJob?.TotalCompletions ?? 1;
  const failed = current.filter((t) => FAILED_TASK_STATES.has(t.Status.State));
  if (failed.length > 0) {
    return { state: 'failed', summary: `job failed: ${taskError(failed[0])}` };
  }
  const complete = current.filter((t) => t.Status.State === 'complete').length;
  const summary = `${complete}/${wanted} completed`;
  return complete >= wanted ? { state: 'converged', summary } : { state: 'pending', summary };
}

/**
 * One service's state after a deploy that started at `since` (ms): a job converges when its
 * current iteration completed, a replicated service when it runs its desired replicas on the
 * current spec and no update or rollback is under way. A rollback or paused update started
 * by this deploy is a failure.
 */
export function serviceVerdict(
  service: SwarmService,
  tasks: SwarmTask[],
  since: number,
): ServiceVerdict {
  if (service.Spec.Mode.ReplicatedJob) return jobVerdict(service, tasks);
  const update = service.UpdateStatus;
  const updateIsOurs = !!update?.StartedAt && Date.parse(update.StartedAt) >= since;
  if (update?.State && updateIsOurs) {
    if (update.State === 'rollback_completed' || update.State.endsWith('paused')) {
      return {
        state: 'failed',
        summary: `update ${update.State.replace('_', ' ')}${update.Message ? `: ${update.Message}` : ''}`,
      };
    }
    if (update.State === 'updating' || update.State === 'rollback_started') {
      return { state: 'pending', summary: update.State.replace('_', ' ') };
    }
  }
  const desired = service.Spec.Mode.Replicated?.Replicas ?? 1;
  const running = tasks.filter(
    (t) =>
      t.DesiredState === 'running' && t.Status.State === 'running' && isCurrentSpec(t, service),
  ).length;
  const summary = `${running}/${desired} running`;
  const converged = service.Spec.Mode.Global ? running > 0 : running === desired;
  if (converged) return { state: 'converged', summary };
  const failed = failedTasksSince(tasks, since);
  const last = failed.length ? `; last task error: ${taskError(failed[failed.length - 1])}` : '';
  return { state: 'pending', summary: summary + last };
}
