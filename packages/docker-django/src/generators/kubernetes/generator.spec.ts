import { type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { read } from '../../testing/tree-files';
import { kubernetesGenerator } from './generator';
import { workspaceWithPostgresApi } from '../../testing/postgres-api';

describe('kubernetes generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = await workspaceWithPostgresApi();
  });

  const base = (file: string) => parse(read(tree, `apps/api/k8s/base/${file}`));

  it('writes a kustomize base and dev/prod overlays, without Ingress or HPA unless asked', async () => {
    await kubernetesGenerator(tree, { project: 'api' });
    expect(base('kustomization.yaml').resources).toEqual([
      'configmap.yaml',
      'deployment.yaml',
      'service.yaml',
      'migrate-job.yaml',
    ]);
    expect(read(tree, 'apps/api/k8s/base/kustomization.yaml')).toContain(
      'kubectl create secret generic api-secrets --from-file=django-secret-key=secrets/django-secret-key.txt --from-file=app-db-password=secrets/app-db-password.txt',
    );
    for (const overlay of ['dev', 'prod']) {
      expect(
        parse(read(tree, `apps/api/k8s/overlays/${overlay}/kustomization.yaml`)),
      ).toMatchObject({
        bases: ['../../base'],
        images: [{ name: 'api', newName: '127.0.0.1:5000/api', newTag: 'latest' }],
      });
    }
  });

  it('probes the server with the compose healthcheck', async () => {
    await kubernetesGenerator(tree, { project: 'api' });
    const [server] = base('deployment.yaml').spec.template.spec.containers;
    const compose = parse(read(tree, 'apps/api/compose.yaml'));
    const check = compose.services.server.healthcheck;
    expect(server.readinessProbe).toEqual({
      exec: { command: check.test.slice(1) },
      periodSeconds: 5,
      timeoutSeconds: 4,
      failureThreshold: 3,
    });
    expect(server.livenessProbe).toMatchObject({ initialDelaySeconds: 10, failureThreshold: 6 });
    expect(server.ports).toEqual([{ name: 'http', containerPort: 8000 }]);
    expect(server.command).toEqual([
      'gunicorn',
      'mysite.wsgi:application',
      '--bind=0.0.0.0:8000',
      '--access-logfile=-',
    ]);
  });

  it('migrates in a Job and holds the server back until the migrations are applied', async () => {
    await kubernetesGenerator(tree, { project: 'api' });
    const job = base('migrate-job.yaml');
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.template.spec.containers[0].command).toEqual([
      'python',
      'manage.py',
      'migrate',
      '--noinput',
    ]);
    const [wait] = base('deployment.yaml').spec.template.spec.initContainers;
    expect(wait.command[2]).toContain('manage.py migrate --check');
  });

  it('puts the settings in a ConfigMap, with the interpolation defaults filled in', async () => {
    await kubernetesGenerator(tree, { project: 'api' });
    expect(base('configmap.yaml').data).toEqual({
      DJANGO_SETTINGS_MODULE: 'container_settings',
      DJANGO_SECRET_KEY_FILE: '/run/secrets/django-secret-key',
      DJANGO_ALLOWED_HOSTS: 'localhost,127.0.0.1',
      DJANGO_BEHIND_TLS: 'false',
      DJANGO_MEDIA_ROOT: '/data/media',
      POSTGRES_HOST: 'db',
      POSTGRES_DB: 'api',
      POSTGRES_USER: 'app',
      POSTGRES_PASSWORD_FILE: '/run/secrets/app-db-password',
      WEB_CONCURRENCY: '2',
    });
  });

  it('adds an Ingress and an HPA when asked', async () => {
    await kubernetesGenerator(tree, {
      project: 'api',
      ingressHost: 'api.example.test',
      maxReplicas: 8,
    });
    expect(base('ingress.yaml').spec.rules[0].host).toBe('api.example.test');
    expect(base('hpa.yaml').spec).toMatchObject({ minReplicas: 2, maxReplicas: 8 });
  });

  it('keeps changed files unless --overwrite', async () => {
    await kubernetesGenerator(tree, { project: 'api' });
    tree.write('apps/api/k8s/base/service.yaml', 'kind: Service\n');
    await kubernetesGenerator(tree, { project: 'api', registry: 'registry.test' });
    expect(read(tree, 'apps/api/k8s/base/service.yaml')).toBe('kind: Service\n');
    expect(read(tree, 'apps/api/k8s/overlays/dev/kustomization.yaml')).not.toContain(
      'registry.test',
    );
    await kubernetesGenerator(tree, { project: 'api', overwrite: true });
    expect(base('service.yaml').kind).toBe('Service');
    expect(base('service.yaml').spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http' },
    ]);
  });

  it.each([
    [{ project: 'api', registry: 'https://x' }, /Invalid --registry/],
    [{ project: 'api', directory: '../out' }, /Invalid --directory/],
    [{ project: 'api', ingressHost: 'Bad Host' }, /Invalid --ingressHost "Bad Host"/],
    [{ project: 'api', maxReplicas: 1 }, /Invalid --maxReplicas "1"/],
    [{ project: 'ghost' }, /Project "ghost" is not in this workspace/],
  ])('refuses %j before writing anything', async (schema, message) => {
    await expect(kubernetesGenerator(tree, schema)).rejects.toThrow(message);
    expect(tree.exists('apps/api/k8s')).toBe(false);
  });
});
