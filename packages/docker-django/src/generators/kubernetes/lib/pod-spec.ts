import { composeLiteralValue } from '../../lib/syntax/compose';
import {
  WAIT_FOR_MIGRATIONS,
  interpolationDefault,
  type DeploymentModel,
  type HealthcheckModel,
} from '../../lib/deployment-model';

/** The image's fixed user (init's Dockerfile makes appuser with this UID and GID). */
export const APP_UID = 10001;

const SECRETS_MOUNT = '/run/secrets';

export interface PodNames {
  app: string;
  settings: string;
  secrets: string;
}

// The model holds commands as compose writes them, with a literal `$` doubled. A probe's exec
// command is read as it is; a container's command expands `$(NAME)` and reads `$$` as `$`, so
// there every `$` is doubled again (a literal `$(date)` in --command stays literal).
function unescapeCompose(args: string[]): string[] {
  return args.map(composeLiteralValue);
}

function kubernetesCommand(args: string[]): string[] {
  return unescapeCompose(args).map((arg) => arg.replaceAll('$', '$$$$'));
}

/** The pod-level part of the restricted Pod Security Standard, for every pod of the app. */
export function podSecurityContext() {
  return {
    runAsNonRoot: true,
    runAsUser: APP_UID,
    runAsGroup: APP_UID,
    fsGroup: APP_UID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function containerSecurityContext() {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: APP_UID,
    runAsGroup: APP_UID,
    capabilities: { drop: ['ALL'] },
  };
}

/** The ConfigMap's data: the compose environment with its interpolation defaults filled in. */
export function settingsData(model: DeploymentModel): Record<string, string> {
  const all = { ...model.migrate?.environment, ...model.environment };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, interpolationDefault(v)]));
}

export function execProbe(check: HealthcheckModel) {
  return {
    exec: { command: unescapeCompose(check.command) },
    periodSeconds: Math.max(1, Math.round(check.intervalSeconds)),
    timeoutSeconds: Math.max(1, Math.round(check.timeoutSeconds)),
  };
}

/**
 * What every container of the app shares: the image, the settings, the secrets as files
 * where the `*_FILE` variables point, a writable /tmp (gunicorn's worker heartbeat files)
 * on a read-only root, and the restricted security context.
 */
export function appContainer(
  model: DeploymentModel,
  names: PodNames,
  name: string,
  command: string[],
) {
  return {
    name,
    image: model.imageName,
    command: kubernetesCommand(command),
    envFrom: [{ configMapRef: { name: names.settings } }],
    volumeMounts: [
      { name: 'secrets', mountPath: SECRETS_MOUNT, readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
      ...dataVolumes(model).map(({ name, path }) => ({ name, mountPath: path })),
    ],
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    },
    securityContext: containerSecurityContext(),
  };
}

export function appVolumes(model: DeploymentModel, names: PodNames) {
  return [
    {
      name: 'secrets',
      secret: {
        secretName: names.secrets,
        items: model.secrets.map((s) => ({ key: s.name, path: s.name })),
        // Readable by the app's group (fsGroup), by nobody else.
        defaultMode: 0o440,
      },
    },
    { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
    // The compose file's named volumes (media): writable on the read-only root. An emptyDir
    // lives as long as its pod: give media a PersistentVolumeClaim (or object storage) in an overlay.
    ...dataVolumes(model).map(({ name }) => ({ name, emptyDir: {} })),
  ];
}

/** The server's compose volumes as pod volumes: `media:/data/media` is `data-media` at /data/media. */
export function dataVolumes(model: DeploymentModel): { name: string; path: string }[] {
  return model.volumes.map((entry) => {
    const [volume, path] = entry.split(':');
    return { name: `data-${volume.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`.slice(0, 63), path };
  });
}

/** Waits until the migration Job has applied every migration: no traffic before it. */
export function waitForMigrationsContainer(model: DeploymentModel, names: PodNames) {
  return appContainer(model, names, 'wait-for-migrations', ['sh', '-c', WAIT_FOR_MIGRATIONS]);
}
