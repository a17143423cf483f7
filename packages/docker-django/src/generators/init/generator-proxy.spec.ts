import { type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { deploymentModel } from '../lib/deployment-model';
import { initGenerator } from './generator';

describe('init --proxy', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false, hostPort: 8081 };

  beforeEach(() => {
    tree = workspaceWithApi('3.13');
  });

  it('publishes the host port on a proxy in front of the server, which publishes none (compose up --scale)', async () => {
    await initGenerator(tree, { ...base, proxy: true, database: 'postgres' });
    const text = read(tree, 'apps/api/compose.yaml');
    const { services, 'x-docker-django': record } = parse(text);
    expect(services.server.ports).toBeUndefined();
    expect(services.server.expose).toEqual(['8000']);
    expect(services.proxy).toMatchObject({
      image: 'python:3.13-slim',
      user: '65534:65534',
      ports: ['8081:8000'],
      environment: { UPSTREAM_HOST: 'server', UPSTREAM_PORT: '8000', LISTEN_PORT: '8000' },
      depends_on: { server: { condition: 'service_healthy' } },
      networks: ['default'],
      read_only: true,
    });
    expect(services.proxy.command.slice(0, 2)).toEqual(['python', '-c']);
    expect(text).toContain('- "8081:8000"');
    expect(record.proxy).toBe(true);
    const model = deploymentModel(text, 'apps/api/compose.yaml', 'api');
    expect([model.port, model.hostPort]).toEqual([8000, 8081]);
  });

  it('is off by default: the server publishes its port', async () => {
    await initGenerator(tree, base);
    const { services, 'x-docker-django': record } = parse(read(tree, 'apps/api/compose.yaml'));
    expect(services.proxy).toBeUndefined();
    expect(services.server.ports).toEqual(['8081:8000']);
    expect(record.proxy).toBeUndefined();
  });
});
