import type { ContainerStatus } from './containers';
import { assessContainers, waitForContainers } from './wait';

function c(service: string, state: string, health?: string, exitCode = 0): ContainerStatus {
  return { name: `api-${service}-1`, service, state, health, exitCode, ports: [] };
}

describe('assessContainers', () => {
  it.each<[string, ContainerStatus[], string[], string]>([
    ['no containers', [], [], 'ready'],
    ['running without a healthcheck', [c('web', 'running')], [], 'ready'],
    ['running and healthy', [c('web', 'running', 'healthy')], [], 'ready'],
    ['health starting', [c('web', 'running', 'starting')], [], 'pending'],
    ['created, not started', [c('web', 'created')], [], 'pending'],
    ['restarting', [c('web', 'restarting')], [], 'pending'],
    ['unhealthy', [c('web', 'running', 'unhealthy')], [], 'failed'],
    ['exited with an error', [c('web', 'exited', undefined, 1)], [], 'failed'],
    ['exited 0 but nothing waits for it', [c('web', 'exited')], [], 'failed'],
    [
      'a completed migrate job',
      [c('migrate', 'exited'), c('web', 'running', 'healthy')],
      ['migrate'],
      'ready',
    ],
    ['a failed migrate job', [c('migrate', 'exited', undefined, 1)], ['migrate'], 'failed'],
    ['dead', [c('web', 'dead')], [], 'failed'],
    [
      'one unhealthy among healthy ones',
      [c('db', 'running', 'healthy'), c('web', 'running', 'unhealthy')],
      [],
      'failed',
    ],
    [
      'failure wins over pending',
      [c('db', 'running', 'starting'), c('web', 'exited', undefined, 2)],
      [],
      'failed',
    ],
  ])('%s: %s', (_, containers, completion, status) => {
    expect(assessContainers(containers, completion).status).toBe(status);
  });

  it('names the service, container and reason of each problem', () => {
    expect(
      assessContainers(
        [
          c('db', 'running', 'healthy'),
          c('web', 'exited', undefined, 3),
          c('worker', 'running', 'unhealthy'),
        ],
        [],
      ),
    ).toEqual({
      status: 'failed',
      problems: [
        { service: 'web', container: 'api-web-1', detail: 'exited with code 3' },
        { service: 'worker', container: 'api-worker-1', detail: 'unhealthy' },
      ],
    });
  });

  it('names what it is still waiting for', () => {
    expect(assessContainers([c('web', 'running', 'starting')], [])).toEqual({
      status: 'pending',
      pending: [{ service: 'web', container: 'api-web-1', detail: 'health "starting"' }],
    });
  });
});

describe('waitForContainers', () => {
  /** A fake clock: sleeping advances time, nothing really waits. */
  function clock() {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  }

  it('polls until every container is healthy', async () => {
    const states = [
      [c('web', 'created')],
      [c('web', 'running', 'starting')],
      [c('web', 'running', 'healthy')],
    ];
    let polls = 0;
    const outcome = await waitForContainers({
      poll: async () => states[Math.min(polls++, states.length - 1)],
      completionServices: [],
      timeoutMs: 60_000,
      intervalMs: 1000,
      ...clock(),
    });
    expect(outcome).toEqual({ ok: true, containers: [c('web', 'running', 'healthy')] });
    expect(polls).toBe(3);
  });

  it('stops at the first failure without waiting for the timeout', async () => {
    let polls = 0;
    const outcome = await waitForContainers({
      poll: async () =>
        polls++ === 0 ? [c('web', 'running', 'starting')] : [c('web', 'exited', undefined, 1)],
      completionServices: [],
      timeoutMs: 60_000,
      intervalMs: 1000,
      ...clock(),
    });
    expect(outcome).toEqual({
      ok: false,
      reason: 'failed',
      problems: [{ service: 'web', container: 'api-web-1', detail: 'exited with code 1' }],
    });
    expect(polls).toBe(2);
  });

  it('times out with the services still starting', async () => {
    const time = clock();
    const outcome = await waitForContainers({
      poll: async () => [c('db', 'running', 'healthy'), c('web', 'running', 'starting')],
      completionServices: [],
      timeoutMs: 5000,
      intervalMs: 1000,
      ...time,
    });
    expect(outcome).toEqual({
      ok: false,
      reason: 'timeout',
      problems: [{ service: 'web', container: 'api-web-1', detail: 'health "starting"' }],
    });
    expect(time.now()).toBe(5000);
  });

  it('propagates a polling error', async () => {
    await expect(
      waitForContainers({
        poll: async () => {
          throw new Error('inspect failed');
        },
        completionServices: [],
        timeoutMs: undefined,
        intervalMs: 1000,
        ...clock(),
      }),
    ).rejects.toThrow('inspect failed');
  });
});
