import { type Tree } from '@nx/devkit';
import {
  kustomize,
  validateAgainstSchemas,
  type KubernetesObject,
} from '../../testing/kubernetes-render';
import { kubernetesGenerator } from './generator';
import { workspaceWithPostgresApi } from '../../testing/postgres-api';

// Rendered by a real `kubectl kustomize` and validated against the API's schemas: what a
// cluster would receive from `kubectl apply -k`, short of the cluster itself.
function layoutFiles(tree: Tree, folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const path = `${dir}/${child}`;
      if (tree.isFile(path)) files[path.slice(folder.length + 1)] = tree.read(path, 'utf-8') ?? '';
      else walk(path);
    }
  };
  walk(folder);
  return files;
}

const byKind = (objects: KubernetesObject[], kind: string) =>
  objects.filter((o) => o.kind === kind);

describe('kubernetes manifests, rendered with kubectl kustomize', () => {
  let files: Record<string, string>;

  beforeAll(async () => {
    const tree = await workspaceWithPostgresApi();
    await kubernetesGenerator(tree, {
      project: 'api',
      ingressHost: 'api.example.test',
      maxReplicas: 6,
    });
    files = layoutFiles(tree, 'apps/api/k8s');
  });

  it.each([
    ['overlays/dev', 1],
    ['overlays/prod', 3],
  ])(
    '%s renders every object, each valid against the Kubernetes API schemas',
    (overlay, replicas) => {
      const objects = kustomize(files, overlay);
      expect(objects.map((o) => o.kind).sort()).toEqual([
        'ConfigMap',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Ingress',
        'Job',
        'Service',
      ]);
      expect(validateAgainstSchemas(objects)).toEqual(
        objects.map((o) => ({ kind: o.kind, name: o.metadata.name })),
      );
      const [deployment] = byKind(objects, 'Deployment');
      expect(deployment.spec.replicas).toBe(replicas);
      expect(deployment.spec.template.spec.containers[0].image).toBe('127.0.0.1:5000/api:latest');
    },
  );

  it('the schema check rejects a broken object (it can fail)', () => {
    const [service] = byKind(kustomize(files, 'overlays/dev'), 'Service');
    service.spec.ports[0].port = 'eighty';
    expect(validateAgainstSchemas([service])[0].error).toMatch(/port must be integer/);
  });

  it('runs every container of every pod restricted: UID 10001, read-only root, no capabilities, RuntimeDefault seccomp', () => {
    const objects = kustomize(files, 'overlays/prod');
    const pods = [...byKind(objects, 'Deployment'), ...byKind(objects, 'Job')].map(
      (o) => o.spec.template.spec,
    );
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      const containers = [...(pod.initContainers ?? []), ...pod.containers];
      for (const container of containers) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          runAsUser: 10001,
          runAsGroup: 10001,
          capabilities: { drop: ['ALL'] },
        });
        // The only writable paths: emptyDirs at /tmp and the compose volume (media); the
        // secrets read-only.
        expect(container.volumeMounts).toEqual([
          { name: 'secrets', mountPath: '/run/secrets', readOnly: true },
          { name: 'tmp', mountPath: '/tmp' },
          { name: 'data-media', mountPath: '/data/media' },
        ]);
      }
      expect(pod.volumes.find((v: KubernetesObject) => v.name === 'tmp')).toMatchObject({
        emptyDir: {},
      });
    }
  });

  it('references the Secret by name and never carries a value', () => {
    const objects = kustomize(files, 'overlays/prod');
    expect(byKind(objects, 'Secret')).toEqual([]);
    const [deployment] = byKind(objects, 'Deployment');
    const secrets = deployment.spec.template.spec.volumes.find(
      (v: KubernetesObject) => v.name === 'secrets',
    );
    expect(secrets.secret).toEqual({
      secretName: 'api-secrets',
      items: [
        { key: 'django-secret-key', path: 'django-secret-key' },
        { key: 'app-db-password', path: 'app-db-password' },
      ],
      defaultMode: 0o440,
    });
    const rendered = JSON.stringify(objects);
    for (const value of Object.values(files))
      expect(value).not.toMatch(/SECRET_KEY\s*[:=]\s*\S{20}/);
    expect(rendered).not.toContain('django-insecure');
  });
});
