import { serviceVerdict, type SwarmService, type SwarmTask } from './swarm-state';

const SINCE = Date.parse('2026-01-01T10:00:00Z');
const AFTER = '2026-01-01T10:00:30Z';
const BEFORE = '2026-01-01T09:00:00Z';
const specV2 = { Image: 'reg/api:v2', Args: ['gunicorn'] };
const specV1 = { Image: 'reg/api:v1', Args: ['gunicorn'] };

function server(update?: SwarmService['UpdateStatus'], replicas = 3): SwarmService {
  return {
    ID: 's1',
    Spec: {
      Name: 'api_server',
      Mode: { Replicated: { Replicas: replicas } },
      TaskTemplate: { ContainerSpec: specV2 },
    },
    ...(update ? { UpdateStatus: update } : {}),
  };
}

function task(
  state: string,
  spec: Record<string, unknown> = specV2,
  extra: Partial<SwarmTask> = {},
): SwarmTask {
  return {
    ID: `t-${Math.random()}`,
    ServiceID: 's1',
    DesiredState: state === 'running' ? 'running' : 'shutdown',
    Status: { State: state, Timestamp: AFTER },
    Spec: { ContainerSpec: spec },
    ...extra,
  };
}

const job = (iteration: number, completions = 1): SwarmService => ({
  ID: 's1',
  Spec: {
    Name: 'api_migrate',
    Mode: { ReplicatedJob: { TotalCompletions: completions } },
    TaskTemplate: { ContainerSpec: specV2 },
  },
  JobStatus: { JobIteration: { Index: iteration } },
});

describe('serviceVerdict', () => {
  it('converges when the desired replicas run the current spec', () => {
    const tasks = [task('running'), task('running'), task('running'), task('shutdown', specV1)];
    expect(serviceVerdict(server({ State: 'completed', StartedAt: AFTER }), tasks, SINCE)).toEqual({
      state: 'converged',
      summary: '3/3 running',
    });
  });

  it('waits while tasks still run the previous spec (the update has not started yet)', () => {
    const tasks = [task('running', specV1), task('running', specV1), task('running', specV1)];
    expect(serviceVerdict(server(), tasks, SINCE)).toMatchObject({
      state: 'pending',
      summary: '0/3 running',
    });
  });

  it('counts a task whose spec lacks the empty DNSConfig the service keeps as current', () => {
    const service = server();
    service.Spec.TaskTemplate.ContainerSpec = { ...specV2, DNSConfig: {} };
    const tasks = [0, 1, 2].map(() => task('running'));
    expect(serviceVerdict(service, tasks, SINCE).state).toBe('converged');
  });

  it('counts a task as current when the service alone carries a StopGracePeriod (seen on a real engine)', () => {
    const service = server();
    service.Spec.TaskTemplate.ContainerSpec = { ...specV2, StopGracePeriod: 10_000_000_000 };
    const tasks = [0, 1, 2].map(() => task('running'));
    expect(serviceVerdict(service, tasks, SINCE).state).toBe('converged');
  });

  it('waits while tasks run a previous environment of the same image', () => {
    const service = server();
    service.Spec.TaskTemplate.ContainerSpec = { ...specV2, Env: ['RELEASE=2'] };
    const tasks = [0, 1, 2].map(() => task('running', { ...specV2, Env: ['RELEASE=1'] }));
    expect(serviceVerdict(service, tasks, SINCE).state).toBe('pending');
  });

  it('compares specs whatever the order of their keys', () => {
    const tasks = [0, 1, 2].map(() => task('running', { Args: ['gunicorn'], Image: 'reg/api:v2' }));
    expect(serviceVerdict(server(), tasks, SINCE).state).toBe('converged');
  });

  it('waits while an update is under way, even with every replica running', () => {
    const tasks = [task('running'), task('running'), task('running')];
    expect(
      serviceVerdict(server({ State: 'updating', StartedAt: AFTER }), tasks, SINCE).state,
    ).toBe('pending');
  });

  it.each(['rollback_completed', 'paused', 'rollback_paused'])(
    'fails on an update %s by this deploy, with its message',
    (state) => {
      const verdict = serviceVerdict(
        server({ State: state, StartedAt: AFTER, Message: 'update rolled back due to failure' }),
        [task('running', specV1)],
        SINCE,
      );
      expect(verdict.state).toBe('failed');
      expect(verdict.summary).toContain('update rolled back due to failure');
    },
  );

  it('ignores a rollback left over from an earlier deploy', () => {
    const tasks = [task('running'), task('running'), task('running')];
    expect(
      serviceVerdict(server({ State: 'rollback_completed', StartedAt: BEFORE }), tasks, SINCE)
        .state,
    ).toBe('converged');
  });

  it('names the last task error while it waits', () => {
    const failed = task('failed', specV2, {
      Status: { State: 'failed', Err: 'task: non-zero exit (1)', Timestamp: AFTER },
    });
    expect(serviceVerdict(server(), [task('running'), failed], SINCE).summary).toBe(
      '1/3 running; last task error: task: non-zero exit (1)',
    );
  });

  it('completes a job when its current iteration completed', () => {
    const old = task('failed', specV1, { JobIteration: { Index: 1 } });
    const done = task('complete', specV2, { JobIteration: { Index: 2 } });
    expect(serviceVerdict(job(2), [old, done], SINCE)).toEqual({
      state: 'converged',
      summary: '1/1 completed',
    });
  });

  it('waits for a job that has not completed, and fails one whose task failed', () => {
    expect(
      serviceVerdict(job(2), [task('running', specV2, { JobIteration: { Index: 2 } })], SINCE)
        .state,
    ).toBe('pending');
    const failed = task('failed', specV2, {
      JobIteration: { Index: 2 },
      Status: { State: 'failed', Err: 'task: non-zero exit (1)' },
    });
    expect(serviceVerdict(job(2), [failed], SINCE)).toEqual({
      state: 'failed',
      summary: 'job failed: task: non-zero exit (1)',
    });
  });
});
