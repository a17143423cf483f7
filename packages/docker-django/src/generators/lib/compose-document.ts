import { yamlText } from './syntax/yaml';
import { commentText, quotedForComment } from './syntax/comment';
import { Document, Scalar, type YAMLSeq } from 'yaml';
import type { NormalizedInitOptions } from './normalize-options';
import type { HardeningOptions } from './hardening-options';
import { SECRET_FILES } from '../init/lib/add-secrets';
import { postgresDataPath, postgresImage } from './postgres-version';
import { APP_DATA } from './app-data';
import {
  confinement,
  networksOf,
  POSTGRES_CAPABILITIES,
  topLevelNetworks,
} from './compose-hardening';
import { APP_DB_ROLE, appRoleEntrypoint } from './postgres-app-role';
import { PROXY_SCRIPT } from './proxy-script';
import { composeLiteral, composeLiterals } from './syntax/compose';

/**
 * The check compose runs inside the server container. Slim images have no curl, so it uses
 * Python's urllib. It sends a Host that ALLOWED_HOSTS accepts and the X-Forwarded-Proto a TLS
 * proxy would (with DJANGO_BEHIND_TLS the plain request would be redirected to HTTPS), and
 * counts any answer below 500 as healthy: a project with no view at / answers 404, and that
 * still proves gunicorn and Django are serving.
 */
export function webHealthcheckScript(port: number): string {
  return [
    'import sys, urllib.request, urllib.error',
    `request = urllib.request.Request("http://127.0.0.1:${port}/", headers={"Host": "localhost", "X-Forwarded-Proto": "https"})`,
    'try:',
    '    urllib.request.urlopen(request, timeout=4)',
    'except urllib.error.HTTPError as error:',
    '    sys.exit(1 if error.code >= 500 else 0)',
    'except Exception:',
    '    sys.exit(1)',
  ].join('\n');
}

const SECRETS_DIR = '/run/secrets';

function usesAppRole(options: NormalizedInitOptions): boolean {
  return options.database === 'postgres' && options.hardening.appDatabaseRole;
}

/** The secrets the server and migrate read: the Django key and the password they connect with. */
function appSecrets(options: NormalizedInitOptions): string[] {
  if (options.database !== 'postgres') return ['django-secret-key'];
  return ['django-secret-key', usesAppRole(options) ? 'app-db-password' : 'db-password'];
}

function djangoEnvironment(options: NormalizedInitOptions): Record<string, string> {
  const environment: Record<string, string> = {
    DJANGO_SETTINGS_MODULE: options.containerSettingsModule,
    DJANGO_SECRET_KEY_FILE: `${SECRETS_DIR}/django-secret-key`,
    DJANGO_ALLOWED_HOSTS: '${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1}',
    DJANGO_BEHIND_TLS: `\${DJANGO_BEHIND_TLS:-${options.hardening.behindTls}}`,
    [APP_DATA.media.env]: APP_DATA.media.dir,
  };
  if (options.database === 'postgres') {
    const appRole = usesAppRole(options);
    Object.assign(environment, {
      POSTGRES_HOST: 'db',
      POSTGRES_DB: options.databaseName,
      POSTGRES_USER: appRole ? APP_DB_ROLE : 'postgres',
      POSTGRES_PASSWORD_FILE: `${SECRETS_DIR}/${appRole ? 'app-db-password' : 'db-password'}`,
    });
  } else {
    environment[APP_DATA.sqlite.env] = APP_DATA.sqlite.dir;
  }
  // The project's own names for what its settings need: the secret key from the same secret
  // (the container settings read <NAME>_FILE before importing the project's settings).
  const { fromSecretFile, compose } = options.environment;
  for (const name of fromSecretFile) {
    environment[`${name}_FILE`] ??= `${SECRETS_DIR}/django-secret-key`;
  }
  for (const [name, value] of Object.entries(compose)) environment[name] ??= value;
  return environment;
}

/** The .env the generator writes for the other variables the settings need (see add-env-file.ts). */
export const ENV_FILE = '.env';

// compose refuses to start without the file: clearer than the app's KeyError for a missing
// variable, and the short form works with docker-compose v1 and podman-compose too.
function envFileSection(options: NormalizedInitOptions) {
  return Object.keys(options.environment.dotenv).length > 0 ? { env_file: [ENV_FILE] } : {};
}

function buildSection(options: NormalizedInitOptions) {
  const { context, dockerfile } = options.buildLayout;
  // Folder names are literal: a `$` in one is not compose interpolation.
  const section: Record<string, unknown> = dockerfile
    ? { context: composeLiteral(context), dockerfile: composeLiteral(dockerfile) }
    : { context: composeLiteral(context) };
  if (options.registry) {
    // The layer cache of a fresh CI runner: the last image compose-push sent (its moving tag),
    // which carries its cache metadata inline. The engine's default (docker) builder imports
    // inline cache; type=registry cache export would need a docker-container builder. A missing
    // or unreachable cache image is a warning, never a failed build.
    section.cache_from = [`${options.registry}/${options.imageName}:latest`];
    section.args = { BUILDKIT_INLINE_CACHE: '1' };
  }
  return section;
}

/** The named volumes the app writes to: media always, the SQLite folder without PostgreSQL. */
function appVolumes(options: NormalizedInitOptions, withMedia: boolean): string[] {
  return [
    ...(withMedia ? [`${APP_DATA.media.volume}:${APP_DATA.media.dir}`] : []),
    ...(options.database === 'postgres'
      ? []
      : [`${APP_DATA.sqlite.volume}:${APP_DATA.sqlite.dir}`]),
  ];
}

function serverService(options: NormalizedInitOptions) {
  const postgres = options.database === 'postgres';
  return {
    build: buildSection(options),
    image: `${options.imageName}:latest`,
    // Behind the proxy the server publishes nothing, so it can run as several containers.
    ...(options.proxy
      ? { expose: [String(options.port)] }
      : { ports: [`${options.hostPort}:${options.port}`] }),
    ...envFileSection(options),
    environment: { ...djangoEnvironment(options), WEB_CONCURRENCY: '${WEB_CONCURRENCY:-2}' },
    secrets: appSecrets(options),
    volumes: appVolumes(options, true),
    depends_on: {
      ...(postgres ? { db: { condition: 'service_healthy' } } : {}),
      migrate: { condition: 'service_completed_successfully' },
    },
    ...networksOf(options.hardening, postgres, { backend: true, published: true }),
    healthcheck: {
      test: ['CMD', 'python', '-c', webHealthcheckScript(options.port)],
      interval: '5s',
      timeout: '4s',
      retries: 6,
      start_period: '10s',
    },
    restart: 'unless-stopped',
    // gunicorn finishes the requests in flight on SIGTERM; give it the time to.
    stop_grace_period: '30s',
    ...confinement(options.hardening, ['/tmp']),
  };
}

// Migrations run once per `up`, before the server starts: running them in every server
// container would race as soon as there is more than one replica. With SQLite they write to
// the same volume the server then reads. The service runs the image the server builds: a
// build section of its own would build the same image a second time (and leave the first one
// dangling), and `never` keeps compose from looking for it in a registry; compose builds the
// server's image before it creates any container.
function migrateService(options: NormalizedInitOptions) {
  const postgres = options.database === 'postgres';
  const volumes = appVolumes(options, false);
  return {
    image: `${options.imageName}:latest`,
    pull_policy: 'never',
    command: ['python', 'manage.py', 'migrate', '--noinput'],
    ...envFileSection(options),
    environment: djangoEnvironment(options),
    secrets: appSecrets(options),
    ...(volumes.length ? { volumes } : {}),
    ...(postgres ? { depends_on: { db: { condition: 'service_healthy' } } } : {}),
    ...networksOf(options.hardening, postgres, { backend: true, published: false }),
    restart: 'no',
    ...confinement(options.hardening, ['/tmp']),
  };
}

function dbService(options: NormalizedInitOptions) {
  const appRole = usesAppRole(options);
  return {
    // Pinned: a bare `postgres` moves to the next major on some pull, which cannot read the
    // volume's data; the mount path is the one that major's image expects.
    image: postgresImage(options.postgresVersion),
    // Started as root, as the official entrypoint expects: it reads the secret files whatever
    // their owner and mode, prepares its folders, then runs postgres as the postgres user.
    ...(appRole ? { entrypoint: appRoleEntrypoint(), command: ['postgres'] } : {}),
    restart: 'always',
    secrets: appRole ? ['db-password', 'app-db-password'] : ['db-password'],
    volumes: [`db-data:${postgresDataPath(options.postgresVersion)}`],
    environment: {
      POSTGRES_DB: options.databaseName,
      POSTGRES_PASSWORD_FILE: `${SECRETS_DIR}/db-password`,
      ...(appRole ? { APP_DB_USER: APP_DB_ROLE } : {}),
    },
    expose: ['5432'],
    ...networksOf(options.hardening, true, { backend: true, published: false }),
    healthcheck: {
      test: ['CMD', 'pg_isready', '-U', 'postgres', '-d', options.databaseName],
      interval: '5s',
      timeout: '5s',
      retries: 10,
    },
    ...confinement(
      options.hardening,
      ['/tmp', '/var/run/postgresql', '/docker-entrypoint-initdb.d'],
      POSTGRES_CAPABILITIES,
    ),
  };
}

// The reverse proxy of the Swarm stack (generators/lib/proxy-script.ts) on the project's own
// Python base: it resolves `server` on every request, so it spreads requests over however many
// containers `compose up --scale server=N` runs, and follows them as they come and go.
function proxyService(options: NormalizedInitOptions) {
  return {
    image: `python:${options.pythonVersion}-slim`,
    command: ['python', '-c', PROXY_SCRIPT],
    user: '65534:65534',
    ports: [`${options.hostPort}:${options.port}`],
    environment: {
      UPSTREAM_HOST: 'server',
      UPSTREAM_PORT: String(options.port),
      LISTEN_PORT: String(options.port),
    },
    depends_on: { server: { condition: 'service_healthy' } },
    ...networksOf(options.hardening, options.database === 'postgres', {
      backend: false,
      published: true,
    }),
    restart: 'unless-stopped',
    ...confinement(options.hardening, []),
  };
}

export interface GeneratorRecord {
  /** The compose project the executors pass with -p; absent from files of earlier versions. */
  composeProject?: string;
  pythonVersion: string;
  port: number;
  hostPort: number;
  /** Absent from files written before the option (no proxy). */
  proxy?: boolean;
  command: string[];
  database: 'none' | 'postgres';
  /** Only with database postgres; files written before it existed lack it. */
  postgresVersion?: number;
  collectStatic: boolean;
  syntaxDirective: boolean;
  /** The registry the build takes its cache from; absent when there is none. */
  registry?: string;
  djangoRoot: string;
  settingsModule: string;
  wsgiModule: string;
  libraries: string[];
  /** Variables the settings cannot be imported without, under the project's names (when any). */
  importEnvironment?: string[];
  /** The hardening answers; files written before they existed lack them (the defaults apply). */
  hardening?: HardeningOptions;
}

export function generatorRecord(options: NormalizedInitOptions): GeneratorRecord {
  const importEnvironment = Object.keys(options.environment.buildValues);
  return {
    ...(options.composeProjectRecorded ? { composeProject: options.composeProject } : {}),
    pythonVersion: options.pythonVersion,
    port: options.port,
    hostPort: options.hostPort,
    ...(options.proxy ? { proxy: true } : {}),
    command: options.command,
    database: options.database,
    ...(options.database === 'postgres' ? { postgresVersion: options.postgresVersion } : {}),
    collectStatic: options.collectStatic,
    syntaxDirective: options.syntaxDirective,
    ...(options.registry ? { registry: options.registry } : {}),
    djangoRoot: options.layout.djangoRoot,
    settingsModule: options.layout.imageSettingsModule,
    wsgiModule: `${options.layout.wsgiModule}:${options.layout.wsgiCallable}`,
    libraries: options.buildLayout.libraries.map((lib) => lib.root),
    ...(importEnvironment.length > 0 ? { importEnvironment } : {}),
    hardening: options.hardening,
  };
}

export function composeDocument(options: NormalizedInitOptions): Document {
  const postgres = options.database === 'postgres';
  const secrets: Record<string, { file: string }> = {
    'django-secret-key': { file: SECRET_FILES.djangoSecretKey },
  };
  if (postgres) secrets['db-password'] = { file: SECRET_FILES.dbPassword };
  if (usesAppRole(options)) secrets['app-db-password'] = { file: SECRET_FILES.appDbPassword };
  const services = {
    ...(options.proxy ? { proxy: proxyService(options) } : {}),
    server: serverService(options),
    migrate: migrateService(options),
    ...(postgres ? { db: dbService(options) } : {}),
  };
  const volumes: Record<string, null> = postgres
    ? { 'db-data': null, [APP_DATA.media.volume]: null }
    : { [APP_DATA.sqlite.volume]: null, [APP_DATA.media.volume]: null };
  const doc = new Document({
    // What the generator was asked for, so `nx sync` can re-render the files when the
    // app's workspace libraries change. Compose ignores top-level x- fields, but interpolates
    // them: a `$` of --command is written `$$` (read back with composeLiteralValues).
    'x-docker-django': composeLiterals(generatorRecord(options)),
    services,
    volumes,
    ...topLevelNetworks(options.hardening, postgres),
    secrets,
  });
  // Quoted, as Compose's docs advise: YAML 1.1 parsers (docker-compose v1) read an
  // unquoted `22:22` as a base-60 number.
  const ports = doc.getIn([
    'services',
    options.proxy ? 'proxy' : 'server',
    'ports',
  ]) as YAMLSeq<Scalar>;
  for (const port of ports.items) port.type = Scalar.QUOTE_DOUBLE;
  // Likewise `restart: no` is the boolean false to YAML 1.1, which v1 then rejects.
  const migrateRestart = doc.getIn(['services', 'migrate', 'restart'], true) as Scalar | undefined;
  if (migrateRestart) migrateRestart.type = Scalar.QUOTE_DOUBLE;
  doc.commentBefore = [
    ` Compose stack for the Django project ${quotedForComment(options.projectName)}, written by \`nx g docker-django:init\`.`,
    ` Start it with \`nx run ${commentText(options.projectName)}:compose-up\`, or \`docker compose -p ${options.composeProject} up --build\` here`,
    ` (-p: the stack's own compose project, which names its containers and volumes).`,
    ` Secrets live in ${SECRET_FILES.directory}/ (git-ignored, outside the image); the generator never rewrites them.`,
    ...(Object.keys(options.environment.dotenv).length > 0
      ? [
          ` ${ENV_FILE} (git-ignored, written once) holds the other variables the settings read at import:`,
          ` ${Object.keys(options.environment.dotenv).join(', ')}. Put your real values there.`,
        ]
      : []),
    ' Edit freely: re-running the generator keeps a changed file unless you pass --overwrite.',
    ...(postgres
      ? [
          ` PostgreSQL ${options.postgresVersion}: the data volume's path follows the major. A re-run never changes`,
          ' the major by itself, and keeps this file (even with --overwrite) rather than move or orphan the data.',
        ]
      : []),
  ].join('\n');
  return doc;
}

export function composeFileText(options: NormalizedInitOptions): string {
  return yamlText(composeDocument(options), { lineWidth: 0, nullStr: '' });
}
