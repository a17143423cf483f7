import { stackDeployCommand, stackObjectsCommand, stackRmCommand } from './swarm-commands';

describe('swarm commands', () => {
  const base = {
    stackFile: '/w/apps/api/stack.yaml',
    stackName: 'api',
    withRegistryAuth: true,
    prune: false,
  };

  it('deploys with the registry login and passes REGISTRY and TAG to the stack file', () => {
    expect(stackDeployCommand({ ...base, registry: '127.0.0.1:5000', tag: 'sha-abc' })).toEqual({
      file: 'docker',
      args: [
        'stack',
        'deploy',
        '--compose-file',
        '/w/apps/api/stack.yaml',
        '--with-registry-auth',
        'api',
      ],
      env: { REGISTRY: '127.0.0.1:5000', TAG: 'sha-abc' },
    });
  });

  it('leaves REGISTRY and TAG to the stack file when not given, and prunes on request', () => {
    expect(stackDeployCommand({ ...base, withRegistryAuth: false, prune: true })).toEqual({
      file: 'docker',
      args: ['stack', 'deploy', '--compose-file', '/w/apps/api/stack.yaml', '--prune', 'api'],
    });
  });

  it('removes the stack and lists what is left by its label', () => {
    expect(stackRmCommand('api').args).toEqual(['stack', 'rm', 'api']);
    expect(stackObjectsCommand('network', 'api').args).toEqual([
      'network',
      'ls',
      '--quiet',
      '--filter',
      'label=com.docker.stack.namespace=api',
    ]);
  });
});
