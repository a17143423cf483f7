import { parse } from 'yaml';
import { read } from '../../testing/tree-files';
import { deploymentModel, durationSeconds, interpolationDefault } from './deployment-model';
import { stackFileText } from './stack-document';
import { kustomizeFiles } from '../kubernetes/lib/kustomize-layout';
import { workspaceWithPostgresApi } from '../../testing/postgres-api';

async function generatedCompose(port: number, command?: string): Promise<string> {
  const tree = await workspaceWithPostgresApi({ port, ...(command ? { command } : {}) });
  return read(tree, 'apps/api/compose.yaml');
}

const stackOptions = { replicas: 3, registry: '127.0.0.1:5000' };

describe('deployment model', () => {
  it('reads what init wrote: image, ports, command, healthcheck, secrets, migrate and db', async () => {
    const model = deploymentModel(await generatedCompose(9000), 'compose.yaml', 'api');
    expect(model).toMatchObject({
      imageName: 'api',
      port: 9000,
      hostPort: 9000,
      pythonVersion: '3.13',
      command: ['gunicorn', 'mysite.wsgi:application', '--bind=0.0.0.0:9000', '--access-logfile=-'],
      stopGracePeriodSeconds: 30,
      secrets: [
        { name: 'django-secret-key', file: 'secrets/django-secret-key.txt' },
        { name: 'app-db-password', file: 'secrets/app-db-password.txt' },
      ],
      migrate: { command: ['python', 'manage.py', 'migrate', '--noinput'] },
      database: { image: 'postgres:18', volume: 'db-data', dataPath: '/var/lib/postgresql' },
    });
    expect(model.healthcheck).toMatchObject({
      intervalSeconds: 5,
      timeoutSeconds: 4,
      retries: 6,
      startPeriodSeconds: 10,
    });
    expect(model.healthcheck.command.slice(0, 2)).toEqual(['python', '-c']);
    expect(model.healthcheck.command[2]).toContain('http://127.0.0.1:9000/');
  });

  it("keeps the record's command in compose form, `$` doubled like a server command", async () => {
    const composeText = await generatedCompose(9000, 'gunicorn mysite.wsgi --name=a$b');
    const model = deploymentModel(composeText, 'compose.yaml', 'api');
    expect(model.command).toEqual(['gunicorn', 'mysite.wsgi', '--name=a$$b']);
  });

  it('follows edits to compose.yaml: a published port, a command and a healthcheck', async () => {
    const compose = parse(await generatedCompose(8000));
    compose.services.server.ports = ['8080:8001'];
    compose.services.server.command = ['gunicorn', 'x.wsgi', '--bind=0.0.0.0:8001'];
    compose.services.server.healthcheck = { test: 'curl -f localhost:8001', interval: '1m30s' };
    const model = deploymentModel(JSON.stringify(compose), 'compose.yaml', 'api');
    expect(model.port).toBe(8001);
    expect(model.hostPort).toBe(8080);
    expect(model.command).toEqual(['gunicorn', 'x.wsgi', '--bind=0.0.0.0:8001']);
    expect(model.healthcheck).toMatchObject({
      command: ['sh', '-c', 'curl -f localhost:8001'],
      intervalSeconds: 90,
      retries: 3,
    });
    const stack = parse(stackFileText(model, stackOptions));
    expect(stack.services.proxy.ports[0]).toMatchObject({ target: 8001, published: 8080 });
    expect(stack.services.server.command.slice(4)).toEqual(model.command);
    expect(stack.services.server.healthcheck.test).toEqual([
      'CMD',
      'sh',
      '-c',
      'curl -f localhost:8001',
    ]);
  });

  it('carries a port, command and healthcheck from init into compose, the stack file and the manifests', async () => {
    const composeText = await generatedCompose(
      9001,
      'gunicorn mysite.wsgi --bind=0.0.0.0:9001 --workers=3',
    );
    const model = deploymentModel(composeText, 'compose.yaml', 'api');
    const compose = parse(composeText).services.server;
    const stack = parse(stackFileText(model, stackOptions)).services;
    const files = kustomizeFiles(model, { registry: '127.0.0.1:5000' });
    const pod = parse(files['base/deployment.yaml']).spec.template.spec;
    const command = ['gunicorn', 'mysite.wsgi', '--bind=0.0.0.0:9001', '--workers=3'];
    expect(compose.ports).toEqual(['9001:9001']);
    expect(compose.healthcheck.test[3]).toContain('127.0.0.1:9001');
    expect(stack.proxy.ports[0]).toMatchObject({ target: 9001, published: 9001 });
    expect(stack.proxy.environment.UPSTREAM_PORT).toBe('9001');
    expect(stack.server.command.slice(4)).toEqual(command);
    expect(stack.server.healthcheck.test).toEqual(compose.healthcheck.test);
    expect(pod.containers[0].ports[0].containerPort).toBe(9001);
    expect(pod.containers[0].command).toEqual(command);
    expect(pod.containers[0].readinessProbe.exec.command).toEqual(
      compose.healthcheck.test.slice(1),
    );
  });

  it.each([
    ['services: {}\n', 'has no server service'],
    ['services: [\n', 'is not valid YAML'],
    ['services:\n  server:\n    image: x\n', 'records no command for the server service'],
  ])('refuses %j with a message that says what to do', (text, problem) => {
    expect(() => deploymentModel(text, 'apps/api/compose.yaml', 'api')).toThrow(
      new RegExp(`apps/api/compose.yaml ${problem}.*nx g docker-django:init`),
    );
  });

  it.each([
    ['5s', 5],
    ['1m30s', 90],
    ['500ms', 0.5],
    [12, 12],
    ['nonsense', 7],
    [undefined, 7],
  ])('reads the compose duration %j as %d seconds', (value, seconds) => {
    expect(durationSeconds(value, 7)).toBe(seconds);
  });

  it('takes the default of an interpolated value', () => {
    expect(interpolationDefault('${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1}')).toBe(
      'localhost,127.0.0.1',
    );
    expect(interpolationDefault('plain')).toBe('plain');
  });
});
