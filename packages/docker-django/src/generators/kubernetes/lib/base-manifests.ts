import type { DeploymentModel } from '../../lib/deployment-model';
import { kubernetesName, labels, selectorLabels } from './kubernetes-names';
import {
  appContainer,
  appVolumes,
  execProbe,
  podSecurityContext,
  settingsData,
  waitForMigrationsContainer,
  type PodNames,
} from './pod-spec';

export interface KubernetesOptions {
  /** Adds an Ingress for this host. */
  ingressHost?: string;
  /** Adds a HorizontalPodAutoscaler with this many replicas at most. */
  maxReplicas?: number;
}

export type Manifest = Record<string, unknown>;

export function podNames(model: DeploymentModel): PodNames {
  const app = kubernetesName(model.projectName);
  return { app, settings: `${app}-settings`, secrets: `${app}-secrets` };
}

function podSpec(model: DeploymentModel, names: PodNames) {
  return {
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(),
    volumes: appVolumes(model, names),
  };
}

function deployment(model: DeploymentModel, names: PodNames): Manifest {
  const check = model.healthcheck;
  const server = {
    ...appContainer(model, names, 'server', model.command),
    ports: [{ name: 'http', containerPort: model.port }],
    readinessProbe: { ...execProbe(check), failureThreshold: 3 },
    livenessProbe: {
      ...execProbe(check),
      initialDelaySeconds: Math.round(check.startPeriodSeconds),
      failureThreshold: check.retries,
    },
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: names.app, labels: labels(names.app, 'server') },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(names.app, 'server') },
      // A new pod serves before an old one stops, as Swarm's start-first.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(names.app, 'server') },
        spec: {
          ...podSpec(model, names),
          terminationGracePeriodSeconds: Math.round(model.stopGracePeriodSeconds),
          ...(model.migrate ? { initContainers: [waitForMigrationsContainer(model, names)] } : {}),
          containers: [server],
        },
      },
    },
  };
}

function service(model: DeploymentModel, names: PodNames): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: names.app, labels: labels(names.app, 'server') },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(names.app, 'server'),
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
}

// A Job's pod template cannot change: it deletes itself an hour after it finished, so the
// next release's `kubectl apply` creates it again with the new image.
function migrationJob(
  model: DeploymentModel,
  names: PodNames,
  migrate: NonNullable<DeploymentModel['migrate']>,
): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${names.app}-migrate`, labels: labels(names.app, 'migrate') },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: labels(names.app, 'migrate') },
        spec: {
          ...podSpec(model, names),
          restartPolicy: 'Never',
          containers: [appContainer(model, names, 'migrate', migrate.command)],
        },
      },
    },
  };
}

function configMap(model: DeploymentModel, names: PodNames): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: names.settings, labels: labels(names.app, 'server') },
    data: settingsData(model),
  };
}

function ingress(names: PodNames, host: string): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: names.app, labels: labels(names.app, 'server') },
    spec: {
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: names.app, port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  };
}

function autoscaler(names: PodNames, maxReplicas: number): Manifest {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: names.app, labels: labels(names.app, 'server') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: names.app },
      minReplicas: Math.min(2, maxReplicas),
      maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  };
}

/** The base's manifests by file name, rendered from the deployment model. */
export function baseManifests(
  model: DeploymentModel,
  options: KubernetesOptions,
): Record<string, Manifest> {
  const names = podNames(model);
  return {
    'configmap.yaml': configMap(model, names),
    'deployment.yaml': deployment(model, names),
    'service.yaml': service(model, names),
    ...(model.migrate ? { 'migrate-job.yaml': migrationJob(model, names, model.migrate) } : {}),
    ...(options.ingressHost ? { 'ingress.yaml': ingress(names, options.ingressHost) } : {}),
    ...(options.maxReplicas ? { 'hpa.yaml': autoscaler(names, options.maxReplicas) } : {}),
  };
}
