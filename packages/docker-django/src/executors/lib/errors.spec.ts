import {
  commandFailedError,
  daemonUnreachableError,
  tagFailedError,
  waitFailedError,
} from './errors';

describe('daemonUnreachableError', () => {
  it.each<[string, 'docker' | 'podman', NodeJS.ProcessEnv, RegExp]>([
    [
      'docker with DOCKER_HOST',
      'docker',
      { DOCKER_HOST: 'tcp://10.0.0.5:2375' },
      /DOCKER_HOST is "tcp:\/\/10\.0\.0\.5:2375"\./,
    ],
    [
      'docker with the default socket',
      'docker',
      {},
      /DOCKER_HOST is not set, .*unix:\/\/\/var\/run\/docker\.sock/,
    ],
    [
      'docker with a context',
      'docker',
      { DOCKER_CONTEXT: 'remote' },
      /DOCKER_CONTEXT is "remote"\./,
    ],
    [
      'podman with CONTAINER_HOST',
      'podman',
      { CONTAINER_HOST: 'ssh://core@vm/run/podman.sock' },
      /CONTAINER_HOST is "ssh:\/\/core@vm\/run\/podman\.sock"/,
    ],
  ])('%s', (_, cli, env, where) => {
    const message = daemonUnreachableError('api', cli, 'Cannot connect', env).message;
    expect(message).toMatch(where);
    expect(message).toContain('project "api"');
    expect(message).toContain(`\`${cli} info\` failed: Cannot connect`);
  });
});

describe('commandFailedError', () => {
  it('names the target, project, command and exit code', () => {
    expect(
      commandFailedError('api', 'compose-build', 'docker compose build', 17, 'Fix it.').message,
    ).toBe(
      'compose-build failed for project "api": `docker compose build` exited with code 17 (its ' +
        'output is above). Fix it.',
    );
  });
});

describe('waitFailedError', () => {
  const problems = [{ service: 'web', container: 'api-web-1', detail: 'health "starting"' }];

  it('names the timeout and the services still starting', () => {
    expect(waitFailedError('api', 'api', 'timeout', problems, 60).message).toContain(
      'did not become healthy within 60s: "web" (api-web-1: health "starting")',
    );
  });

  it('points at compose-down to clean up', () => {
    expect(waitFailedError('api', 'api', 'failed', problems, undefined).message).toContain(
      '`nx run api:compose-down`',
    );
  });
});

describe('waitFailedError with renamed targets', () => {
  it('names the compose-down target the project has', () => {
    const problems = [{ service: 'web', container: 'api-web-1', detail: 'exited (1)' }];
    const message = waitFailedError('api', 'api', 'failed', problems, undefined, 'down').message;
    expect(message).toContain('`nx run api:down` removes the containers');
    expect(message).not.toContain('compose-down');
  });
});

describe('tagFailedError', () => {
  it('says what failed, the values, the project and the fix', () => {
    const message = tagFailedError(
      'api',
      'api:latest',
      'api:nx-abc',
      'docker tag api:latest api:nx-abc',
      1,
      'no space left on device',
      'docker-build',
    ).message;
    expect(message).toBe(
      'Could not tag image "api:latest" as "api:nx-abc" for project "api": `docker tag api:latest api:nx-abc` exited ' +
        'with code 1 (no space left on device). Check that the engine is running and has disk space ' +
        '(`docker system df`), then run `nx run api:docker-build` again.',
    );
  });
});
