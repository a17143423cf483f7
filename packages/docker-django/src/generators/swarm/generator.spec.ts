import { type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { addDjangoProject, workspaceWithApi } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { initGenerator } from '../init/generator';
import { swarmGenerator } from './generator';
import { POSTGRES_API_INIT } from '../../testing/postgres-api';

describe('swarm generator', () => {
  let tree: Tree;
  const init = POSTGRES_API_INIT;

  beforeEach(async () => {
    tree = workspaceWithApi('3.13');
    await initGenerator(tree, init);
  });

  const stack = () => parse(read(tree, 'apps/api/stack.yaml'));

  it('replicates the server with start-first updates rolled back on a failed healthcheck', async () => {
    await swarmGenerator(tree, { project: 'api' });
    const { server } = stack().services;
    expect(server.image).toBe(`\${REGISTRY:-127.0.0.1:5000}/api:\${TAG:-latest}`);
    expect(server.deploy).toMatchObject({
      replicas: 3,
      endpoint_mode: 'dnsrr',
      update_config: { order: 'start-first', failure_action: 'rollback', monitor: '40s' },
      rollback_config: { order: 'start-first' },
      restart_policy: { condition: 'any' },
      resources: { limits: { cpus: '1', memory: '512M' } },
    });
    const compose = parse(read(tree, 'apps/api/compose.yaml'));
    expect(server.healthcheck).toEqual(compose.services.server.healthcheck);
    expect(server.secrets).toEqual(['django-secret-key', 'app-db-password']);
  });

  it('runs migrations as a one-shot job and makes the server wait for them', async () => {
    await swarmGenerator(tree, { project: 'api' });
    const { migrate, server } = stack().services;
    expect(migrate.deploy).toMatchObject({
      mode: 'replicated-job',
      restart_policy: { condition: 'none' },
    });
    // Swarm has no depends_on: the job waits (bounded) until the database answers.
    expect(migrate.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(migrate.command[2]).toContain('connection.ensure_connection()');
    expect(migrate.command[2]).toContain('tries=$$((tries + 1))');
    expect(migrate.command.slice(4)).toEqual(['python', 'manage.py', 'migrate', '--noinput']);
    expect(server.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(server.command[2]).toContain('manage.py migrate --check');
    // Doubled, or the stack's interpolation would read "$@" as a variable.
    expect(server.command[2]).toContain('exec "$$@"');
    expect(server.command.slice(4)).toEqual([
      'gunicorn',
      'mysite.wsgi:application',
      '--bind=0.0.0.0:8000',
      '--access-logfile=-',
    ]);
  });

  it('publishes only the proxy, in host mode (no ingress mesh)', async () => {
    await swarmGenerator(tree, { project: 'api' });
    const { services } = stack();
    expect(services.proxy.ports).toEqual([
      { target: 8000, published: 8000, protocol: 'tcp', mode: 'host' },
    ]);
    expect(services.proxy.environment).toMatchObject({
      UPSTREAM_HOST: 'server',
      UPSTREAM_PORT: '8000',
    });
    expect(services.proxy.image).toBe('python:3.13-slim');
    expect(services.server.ports).toBeUndefined();
  });

  it('keeps the database volume, secret files and a stop-first database', async () => {
    await swarmGenerator(tree, { project: 'api' });
    const doc = stack();
    expect(doc.services.db.volumes).toEqual(['db-data:/var/lib/postgresql']);
    expect(doc.services.db.deploy.update_config.order).toBe('stop-first');
    // No VIP: without IPVS a service's virtual IP has no route (seen on the test engine).
    expect(doc.services.db.deploy.endpoint_mode).toBe('dnsrr');
    expect(doc.volumes).toEqual({ 'db-data': {}, media: {} });
    expect(doc.services.server.volumes).toEqual(['media:/data/media']);
    expect(doc.secrets).toEqual({
      'django-secret-key': { file: './secrets/django-secret-key.txt' },
      'app-db-password': { file: './secrets/app-db-password.txt' },
      'db-password': { file: './secrets/db-password.txt' },
    });
    // The db keeps the app role's init wrapper, so the role exists in the swarm's database too.
    expect(doc.services.db.entrypoint[0]).toBe('sh');
    expect(doc.services.db.secrets).toEqual(['db-password', 'app-db-password']);
  });

  it('has no migrate job and no wait without a database', async () => {
    tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, { name: 'web', root: 'apps/web' });
    await initGenerator(tree, { project: 'web', skipFormat: true, addPlugin: false });
    await swarmGenerator(tree, {
      project: 'web',
      replicas: 2,
      registry: 'registry.local:5000/team',
    });
    const { services } = parse(read(tree, 'apps/web/stack.yaml'));
    expect(Object.keys(services).sort()).toEqual(['proxy', 'server']);
    expect(services.server.command[0]).toBe('gunicorn');
    expect(services.server.deploy.replicas).toBe(2);
    expect(services.server.image).toBe(
      `\${REGISTRY:-registry.local:5000/team}/web:\${TAG:-latest}`,
    );
  });

  it('keeps a changed stack file unless --overwrite', async () => {
    await swarmGenerator(tree, { project: 'api' });
    tree.write('apps/api/stack.yaml', 'services: {}\n');
    await swarmGenerator(tree, { project: 'api', replicas: 5 });
    expect(read(tree, 'apps/api/stack.yaml')).toBe('services: {}\n');
    await swarmGenerator(tree, { project: 'api', replicas: 5, overwrite: true });
    expect(stack().services.server.deploy.replicas).toBe(5);
  });

  it.each([
    [{ project: 'nope' }, /Project "nope" is not in this workspace \(projects: api\)/],
    [{ project: 'api', replicas: 0 }, /Invalid --replicas "0"/],
    [{ project: 'api', registry: 'http://x' }, /Invalid --registry "http:\/\/x"/],
    [{ project: 'api', stackFile: '../x.yaml' }, /Invalid --stackFile/],
  ])('refuses %j before writing anything', async (schema, message) => {
    await expect(swarmGenerator(tree, schema)).rejects.toThrow(message);
    expect(tree.exists('apps/api/stack.yaml')).toBe(false);
  });

  it('asks for init first when the project has no compose file', async () => {
    addDjangoProject(tree, { name: 'bare', root: 'apps/bare' });
    await expect(swarmGenerator(tree, { project: 'bare' })).rejects.toThrow(
      'Run `nx g docker-django:init --project bare` first.',
    );
  });
});
