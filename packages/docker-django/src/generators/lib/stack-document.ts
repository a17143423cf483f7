import { yamlText } from './syntax/yaml';
import { commentText, quotedForComment } from './syntax/comment';
import { Document } from 'yaml';
import {
  healthWindowSeconds,
  migrateAfterDatabaseCommand,
  waitForMigrationsCommand,
  type DeploymentModel,
  type HealthcheckModel,
} from './deployment-model';
import { PROXY_SCRIPT } from './proxy-script';

export interface StackOptions {
  /** Server replicas. */
  replicas: number;
  /** The registry the images are pulled from when REGISTRY is not set at deploy time. */
  registry: string;
}

export { DEFAULT_STACK_FILE } from '../../nx/compose-targets';

function seconds(value: number): string {
  return `${value}s`;
}

function composeHealthcheck(check: HealthcheckModel) {
  return {
    test: ['CMD', ...check.command],
    interval: seconds(check.intervalSeconds),
    timeout: seconds(check.timeoutSeconds),
    retries: check.retries,
    start_period: seconds(check.startPeriodSeconds),
  };
}

/** The image the executors push and deploy: registry and tag are chosen at deploy time. */
export function stackImage(model: DeploymentModel, registry: string): string {
  return `\${REGISTRY:-${registry}}/${model.imageName}:\${TAG:-latest}`;
}

function serverService(model: DeploymentModel, options: StackOptions) {
  // Long enough for a new task's healthcheck to fail it: a task that turns unhealthy inside
  // this window counts as a failed update, and failure_action rolls the service back.
  const monitor = seconds(healthWindowSeconds(model.healthcheck));
  return {
    image: stackImage(model, options.registry),
    command: waitForMigrationsCommand(model, true),
    environment: model.environment,
    secrets: model.secrets.map((secret) => secret.name),
    // Media (and SQLite without a database): one volume per node, shared by its replicas.
    ...(model.volumes.length ? { volumes: model.volumes } : {}),
    healthcheck: composeHealthcheck(model.healthcheck),
    stop_grace_period: seconds(model.stopGracePeriodSeconds),
    deploy: {
      replicas: options.replicas,
      // DNS round-robin, not a virtual IP: the proxy resolves every replica itself. A VIP
      // needs IPVS in the kernel, which some hosts (and this project's test machine) lack.
      endpoint_mode: 'dnsrr',
      update_config: {
        parallelism: 1,
        delay: '5s',
        order: 'start-first',
        failure_action: 'rollback',
        monitor,
        max_failure_ratio: 0,
      },
      rollback_config: { parallelism: 1, delay: '0s', order: 'start-first', monitor },
      restart_policy: { condition: 'any', delay: '5s', window: '60s' },
      resources: {
        limits: { cpus: '1', memory: '512M' },
        reservations: { cpus: '0.1', memory: '128M' },
      },
    },
  };
}

// A one-shot job: Swarm runs it to completion once per deploy that changes it (a new image
// tag), never restarts it, and the new server tasks wait for its migrations before serving.
function migrateService(
  model: DeploymentModel,
  options: StackOptions,
  migrate: NonNullable<DeploymentModel['migrate']>,
) {
  return {
    image: stackImage(model, options.registry),
    command: migrateAfterDatabaseCommand(migrate, true),
    environment: migrate.environment,
    secrets: model.secrets.map((secret) => secret.name),
    deploy: {
      mode: 'replicated-job',
      restart_policy: { condition: 'none' },
      resources: { limits: { cpus: '1', memory: '512M' } },
    },
  };
}

// The only service with a published port. Host mode: Swarm's ingress routing mesh needs IPVS
// in the kernel; publishing on the node itself does not. One replica, stopped before its
// replacement starts, since two tasks cannot hold the same host port.
function proxyService(model: DeploymentModel) {
  return {
    image: `python:${model.pythonVersion}-slim`,
    command: ['python', '-c', PROXY_SCRIPT],
    user: '65534:65534',
    environment: {
      UPSTREAM_HOST: 'server',
      UPSTREAM_PORT: String(model.port),
      LISTEN_PORT: String(model.port),
    },
    ports: [{ target: model.port, published: model.hostPort, protocol: 'tcp', mode: 'host' }],
    deploy: {
      replicas: 1,
      update_config: { order: 'stop-first', failure_action: 'rollback' },
      restart_policy: { condition: 'any', delay: '2s' },
      resources: { limits: { cpus: '0.5', memory: '128M' } },
    },
  };
}

function databaseService(db: NonNullable<DeploymentModel['database']>) {
  return {
    image: db.image,
    ...(db.entrypoint ? { entrypoint: db.entrypoint } : {}),
    ...(db.command ? { command: db.command } : {}),
    ...(db.user ? { user: db.user } : {}),
    environment: db.environment,
    secrets: db.secrets,
    volumes: [`${db.volume}:${db.dataPath}`],
    healthcheck: composeHealthcheck(db.healthcheck),
    stop_grace_period: '60s',
    deploy: {
      replicas: 1,
      // Reached by name through DNS: a service VIP needs IPVS in the kernel, like the mesh.
      endpoint_mode: 'dnsrr',
      // One PostgreSQL on one volume: the old task must stop before a new one opens the data.
      update_config: { order: 'stop-first', failure_action: 'rollback' },
      restart_policy: { condition: 'any', delay: '5s' },
      resources: { limits: { memory: '1G' } },
    },
  };
}

function volumeNames(model: DeploymentModel): string[] {
  const names = model.volumes.map((entry) => entry.split(':')[0]);
  if (model.database) names.push(model.database.volume);
  return [...new Set(names)];
}

/** The Swarm stack file of a project, rendered from its deployment model. */
export function stackDocument(model: DeploymentModel, options: StackOptions): Document {
  const services: Record<string, unknown> = {
    proxy: proxyService(model),
    server: serverService(model, options),
  };
  if (model.migrate) services.migrate = migrateService(model, options, model.migrate);
  if (model.database) services.db = databaseService(model.database);
  const doc = new Document({
    version: '3.9',
    services,
    ...(volumeNames(model).length
      ? { volumes: Object.fromEntries(volumeNames(model).map((name) => [name, {}])) }
      : {}),
    secrets: Object.fromEntries(
      [...model.secrets, ...(model.database?.secretFiles ?? [])].map((s) => [
        s.name,
        { file: `./${s.file}` },
      ]),
    ),
  });
  doc.commentBefore = [
    ` Swarm stack for the Django project ${quotedForComment(model.projectName)}, written by \`nx g docker-django:swarm\``,
    ' from its compose.yaml. Deploy it with `nx run ' +
      `${commentText(model.projectName)}:stack-deploy\` (images from \${REGISTRY}, tag \${TAG}).`,
    ' The proxy publishes the port in host mode and spreads requests over the server replicas',
    ' (endpoint_mode: dnsrr): the ingress routing mesh needs IPVS, which not every kernel has.',
    ' Swarm secrets cannot change in place: rename one to rotate it.',
  ].join('\n');
  return doc;
}

export function stackFileText(model: DeploymentModel, options: StackOptions): string {
  return yamlText(stackDocument(model, options), { lineWidth: 0 });
}
