import { parse } from 'yaml';

/** A compose healthcheck in seconds, with the command in exec form (no `CMD`). */
export interface HealthcheckModel {
  command: string[];
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  startPeriodSeconds: number;
}

export interface SecretModel {
  /** The name the container sees under /run/secrets. */
  name: string;
  /** The file compose reads it from, relative to the project root. */
  file: string;
}

export interface DatabaseModel {
  image: string;
  user?: string;
  dataPath: string;
  volume: string;
  environment: Record<string, string>;
  secrets: string[];
  /** The files of the db's secrets, which the server may not use (the superuser password). */
  secretFiles: Array<{ name: string; file: string }>;
  /** The entrypoint and command init wrote (the app role's init wrapper), when any. */
  entrypoint?: string[];
  command?: string[];
  healthcheck: HealthcheckModel;
}

/**
 * What an orchestrator needs to know about a Django project's stack, read from the
 * compose.yaml the init generator wrote, so the compose file, the Swarm stack file and the
 * Kubernetes manifests can never disagree on a port, a command or a healthcheck.
 */
export interface DeploymentModel {
  projectName: string;
  /** The image repository compose tags (`api` for `image: api:latest`). */
  imageName: string;
  /** gunicorn's port inside the container. */
  port: number;
  /** The port compose publishes on the host. */
  hostPort: number;
  /** The Python of the image's base, whose slim image runs the proxy in front of replicas. */
  pythonVersion: string;
  /** The server's command in exec form (compose's `command`, else the recorded one). */
  command: string[];
  environment: Record<string, string>;
  secrets: SecretModel[];
  /** The server's named volumes, `name:/path` (media, SQLite): writable paths on a read-only root. */
  volumes: string[];
  healthcheck: HealthcheckModel;
  stopGracePeriodSeconds: number;
  /** The one-shot migration step, when the stack has one. */
  migrate?: { command: string[]; environment: Record<string, string> };
  database?: DatabaseModel;
}

type Mapping = Record<string, unknown>;

function modelError(file: string, problem: string): Error {
  return new Error(
    `${file} ${problem}. Write it with \`nx g docker-django:init\` (or restore its server service), then run this generator again.`,
  );
}

/** Compose durations: `1m30s`, `5s`, `500ms`, or a bare number of seconds. */
export function durationSeconds(value: unknown, fallback: number): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return fallback;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6 };
  let total = 0;
  let rest = value.trim();
  while (rest) {
    const match = /^(\d+(?:\.\d+)?)(h|ms|us|m|s)/.exec(rest);
    if (!match) return fallback;
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return total;
}

function healthcheckOf(raw: unknown, file: string, service: string): HealthcheckModel {
  const check = (raw ?? {}) as Mapping;
  const test = check.test;
  let command: string[];
  if (Array.isArray(test) && (test[0] === 'CMD' || test[0] === 'CMD-SHELL')) {
    command = test[0] === 'CMD' ? test.slice(1).map(String) : ['sh', '-c', String(test[1])];
  } else if (typeof test === 'string') {
    command = ['sh', '-c', test];
  } else {
    throw modelError(file, `has no healthcheck test for the ${service} service`);
  }
  return {
    command,
    intervalSeconds: durationSeconds(check.interval, 30),
    timeoutSeconds: durationSeconds(check.timeout, 30),
    retries: typeof check.retries === 'number' ? check.retries : 3,
    startPeriodSeconds: durationSeconds(check.start_period, 0),
  };
}

/** Compose's environment as a mapping (it also accepts a list of `KEY=value`). */
function environmentOf(raw: unknown): Record<string, string> {
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((entry) => {
        const [key, ...value] = String(entry).split('=');
        return [key, value.join('=')];
      }),
    );
  }
  const mapping = (raw ?? {}) as Mapping;
  return Object.fromEntries(
    Object.entries(mapping).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
}

function secretNames(raw: unknown): string[] {
  return Array.isArray(raw)
    ? raw.map((s) => (typeof s === 'string' ? s : String((s as Mapping).source)))
    : [];
}

/** `"8080:8000"`, `"127.0.0.1:8080:8000"`, `8000` or the long form: [host, container]. */
function portsOf(raw: unknown): [number, number] | undefined {
  const first = Array.isArray(raw) ? raw[0] : undefined;
  if (first === undefined) return undefined;
  if (typeof first === 'object' && first !== null) {
    const long = first as Mapping;
    return [Number(long.published ?? long.target), Number(long.target)];
  }
  const parts = String(first).split('/')[0].split(':');
  const container = Number(parts[parts.length - 1]);
  const host = parts.length > 1 ? Number(parts[parts.length - 2]) : container;
  return [host, container];
}

/** `name:/path[:mode]` entries of named volumes (bind mounts of host paths left out). */
function namedVolumes(raw: unknown): string[] {
  return Array.isArray(raw)
    ? raw.map(String).filter((entry) => /^[A-Za-z0-9][\w.-]*:\//.test(entry))
    : [];
}

function imageNameOf(image: unknown, fallback: string): string {
  if (typeof image !== 'string' || image === '') return fallback;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > lastSlash ? image.slice(0, colon) : image;
}

/** `${NAME:-default}` and `${NAME-default}` become the default; anything else is kept as it is. */
export function interpolationDefault(value: string): string {
  return value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');
}

function databaseOf(
  raw: Mapping | undefined,
  file: string,
  topSecrets: Record<string, Mapping>,
): DatabaseModel | undefined {
  if (!raw || typeof raw.image !== 'string') return undefined;
  const secrets = secretNames(raw.secrets);
  const volumes = Array.isArray(raw.volumes) ? raw.volumes.map(String) : [];
  const named = volumes.find((v) => /^[\w.-]+:\//.test(v)) ?? 'db-data:/var/lib/postgresql/data';
  const [volume, dataPath] = named.split(':');
  return {
    image: raw.image,
    ...(typeof raw.user === 'string' ? { user: raw.user } : {}),
    volume,
    dataPath,
    environment: environmentOf(raw.environment),
    secrets,
    secretFiles: secrets.map((name) => ({
      name,
      file: String(topSecrets[name]?.file ?? `secrets/${name}.txt`),
    })),
    ...(Array.isArray(raw.entrypoint) ? { entrypoint: raw.entrypoint.map(String) } : {}),
    ...(Array.isArray(raw.command) ? { command: raw.command.map(String) } : {}),
    healthcheck: healthcheckOf(raw.healthcheck, file, 'db'),
  };
}

/**
 * The deployment model of a project from its compose file's text. `file` names the file in
 * error messages. Throws when the file has no server service to deploy.
 */
export function deploymentModel(
  composeText: string,
  file: string,
  projectName: string,
): DeploymentModel {
  let doc: Mapping;
  try {
    doc = (parse(composeText) ?? {}) as Mapping;
  } catch (error) {
    throw modelError(file, `is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const services = (doc.services ?? {}) as Record<string, Mapping>;
  const server = services.server;
  if (!server) throw modelError(file, 'has no server service');
  // Read as written, `$` doubled, not through generatorRecordOf(): the model holds commands as
  // compose writes them (server.command too); the stack file keeps that form, pod-spec.ts
  // converts it for Kubernetes.
  const record = (doc['x-docker-django'] ?? {}) as Mapping;
  // Behind the compose proxy (init --proxy) the server only exposes its port.
  const ports = portsOf(server.ports) ?? portsOf(services.proxy?.ports);
  const exposed = Array.isArray(server.expose) ? Number(server.expose[0]) : undefined;
  const port = portsOf(server.ports)?.[1] ?? exposed ?? Number(record.port ?? 8000);
  const command = Array.isArray(server.command)
    ? server.command.map(String)
    : Array.isArray(record.command)
      ? record.command.map(String)
      : undefined;
  if (!command) throw modelError(file, 'records no command for the server service');
  const topSecrets = (doc.secrets ?? {}) as Record<string, Mapping>;
  const secrets = secretNames(server.secrets).map((name) => ({
    name,
    file: String(topSecrets[name]?.file ?? `secrets/${name}.txt`),
  }));
  const migrate = services.migrate;
  const database = databaseOf(services.db, file, topSecrets);
  return {
    projectName,
    imageName: imageNameOf(server.image, projectName),
    port,
    hostPort: ports?.[0] ?? Number(record.hostPort ?? port),
    pythonVersion: typeof record.pythonVersion === 'string' ? record.pythonVersion : '3.13',
    command,
    environment: environmentOf(server.environment),
    secrets,
    volumes: namedVolumes(server.volumes),
    healthcheck: healthcheckOf(server.healthcheck, file, 'server'),
    stopGracePeriodSeconds: durationSeconds(server.stop_grace_period, 10),
    // Without a database service, migrate writes the SQLite volume of one compose host: a
    // replicated stack has no shared database to migrate.
    ...(migrate && database && Array.isArray(migrate.command)
      ? {
          migrate: {
            command: migrate.command.map(String),
            environment: environmentOf(migrate.environment),
          },
        }
      : {}),
    ...(database ? { database } : {}),
  };
}

/** How long after a task starts its healthcheck may still fail it: Swarm's update monitor. */
export function healthWindowSeconds(check: HealthcheckModel): number {
  return check.startPeriodSeconds + check.intervalSeconds * check.retries;
}

/**
 * The server command wrapped so the server waits until every migration is applied: a new
 * version takes traffic (passes its healthcheck) only after the migration job has run.
 * `forCompose` doubles the script's `$`, which compose and stack files would interpolate.
 */
export function waitForMigrationsCommand(model: DeploymentModel, forCompose: boolean): string[] {
  if (!model.migrate) return model.command;
  return scriptThenCommand(
    `${WAIT_FOR_MIGRATIONS}; exec "$@"`,
    'server',
    model.command,
    forCompose,
  );
}

/**
 * `sh -c <script> <name> <command...>`: `script` ends by exec'ing the command (`exec "$@"`);
 * `forCompose` doubles its `$`, which compose and stack files would interpolate.
 */
function scriptThenCommand(
  script: string,
  name: string,
  command: string[],
  forCompose: boolean,
): string[] {
  return ['sh', '-c', forCompose ? script.replaceAll('$', () => '$$') : script, name, ...command];
}

/** A shell loop that returns once `manage.py migrate --check` finds nothing left to apply. */
export const WAIT_FOR_MIGRATIONS =
  'until python manage.py migrate --check >/dev/null 2>&1; do echo "[docker-django] waiting for migrations"; sleep 2; done';

/**
 * A shell loop that returns once Django can connect to its database, for at most two
 * minutes: Swarm has no depends_on, so the migration job may start before PostgreSQL.
 */
export const WAIT_FOR_DATABASE = [
  'tries=0',
  'until python -c "import django; django.setup(); from django.db import connection; connection.ensure_connection()" >/dev/null 2>&1; do',
  '  tries=$((tries + 1))',
  '  if [ "$tries" -ge 60 ]; then echo "[docker-django] the database did not answer in 120s" >&2; exit 1; fi',
  '  echo "[docker-django] waiting for the database"; sleep 2',
  'done',
].join('\n');

/** The migration command, run once the database answers (with `$` doubled for compose files). */
export function migrateAfterDatabaseCommand(
  migrate: NonNullable<DeploymentModel['migrate']>,
  forCompose: boolean,
): string[] {
  return scriptThenCommand(
    `${WAIT_FOR_DATABASE}\nexec "$@"`,
    'migrate',
    migrate.command,
    forCompose,
  );
}
