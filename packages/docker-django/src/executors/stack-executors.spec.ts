import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import stackDeployExecutor from './stack-deploy/executor';
import stackRmExecutor from './stack-rm/executor';
import { apiExecutorContext, FakeClis } from '../testing/fake-clis';

/**
 * The stack executors up to the point where Swarm would converge: the dry run, the manager
 * check and a failed stack command. A fake docker on PATH records every call and answers
 * `docker info` with the node state the test gives. Real stacks: swarm.e2e.spec.ts.
 */
describe('stack executors', () => {
  let ws: string;
  let clis: FakeClis;
  let info: jest.SpyInstance;
  let error: jest.SpyInstance;

  const context = (targetName: string) => apiExecutorContext(ws, targetName);
  const stackFile = () => join(ws, 'apps', 'api', 'stack.yaml');
  const recorded = () => clis.calls();
  const infoLines = () => info.mock.calls.map((c) => String(c[0]));
  const errorLines = () => error.mock.calls.map((c) => String(c[0]));

  /** A docker whose `info` says `swarmState`, and whose stack commands exit with `stackExit`. */
  function fakeDocker(swarmState: string, stackExit: number): void {
    clis.write('docker', [
      'case "$*" in',
      `  info*) echo '${swarmState}'; exit 0;;`,
      `  stack*) exit ${stackExit};;`,
      'esac',
      'exit 99',
    ]);
  }

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'docker-django-ws-'));
    clis = new FakeClis();
    mkdirSync(join(ws, 'apps', 'api'), { recursive: true });
    writeFileSync(stackFile(), 'services:\n  server:\n    image: api:latest\n');
    fakeDocker('active true', 0);
    info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    clis.dispose();
    info.mockRestore();
    error.mockRestore();
    rmSync(ws, { recursive: true, force: true });
  });

  it.each([
    [
      'stack-deploy',
      stackDeployExecutor,
      () => `stack deploy --compose-file ${stackFile()} --with-registry-auth api`,
    ],
    ['stack-rm', stackRmExecutor, () => 'stack rm api'],
  ])('%s --dryRun prints the command and runs no docker', async (target, executor, args) => {
    const result = await executor({ dryRun: true }, context(target));
    expect(result).toEqual({ success: true });
    expect(infoLines()).toContain(`[docker-django] Dry run: docker ${args()}`);
    expect(recorded()).toEqual([]);
  });

  it('stack-rm on an engine that is no Swarm manager says how to get one, and removes nothing', async () => {
    fakeDocker('inactive false', 0);
    await expect(stackRmExecutor({}, context('stack-rm'))).resolves.toEqual({ success: false });
    expect(errorLines().join('\n')).toContain(
      'stack-rm for project "api" needs a Docker Swarm manager, and this engine is not in a swarm (inactive).',
    );
    expect(recorded()).toHaveLength(1);
  });

  it.each([
    [
      'stack-deploy',
      stackDeployExecutor,
      'Check the stack file and that the images are in the registry (compose-push), then run it again.',
    ],
    ['stack-rm', stackRmExecutor, 'Check `docker stack ls`, then run it again.'],
  ])(
    '%s: a failed stack command gives the error template with its fix',
    async (target, executor, fix) => {
      fakeDocker('active true', 3);
      await expect(executor({}, context(target))).resolves.toEqual({ success: false });
      expect(errorLines().join('\n')).toContain(`${target} failed for project "api": \``);
      expect(errorLines().join('\n')).toContain(
        `\` exited with code 3 (its output is above). ${fix}`,
      );
      expect(recorded().map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
        'docker info --format',
        `docker stack ${target === 'stack-rm' ? 'rm' : 'deploy'}`,
      ]);
    },
  );
});
