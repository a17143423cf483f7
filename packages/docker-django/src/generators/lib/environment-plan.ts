// Where each environment variable the project's settings need comes from, under the project's
// own names: a throw-away value on the build's collectstatic step (never in the image's
// environment), the compose secret for the secret key, a DATABASE_URL built for the generated
// database, sane hosts in compose, and a git-ignored .env for the rest.
import type { EnvironmentNeed } from '../../django/detect-django-layout';
import { APP_DATA } from './app-data';

/** What the generator sets in compose itself: a project name that collides keeps these values. */
export const GENERATOR_OWNED = new Set([
  'DJANGO_SETTINGS_MODULE',
  'DJANGO_SECRET_KEY_FILE',
  'DJANGO_ALLOWED_HOSTS',
  'POSTGRES_HOST',
  'POSTGRES_DB',
  'POSTGRES_USER',
  'POSTGRES_PASSWORD_FILE',
  'WEB_CONCURRENCY',
]);

/** Long enough for every length check a project does; says what it is if it ever leaks. */
export const BUILD_SECRET_KEY = 'docker-django-build-time-placeholder-not-a-secret-key';

export interface EnvironmentPlan {
  /** Set on the collectstatic step only: what importing the settings needs, safe values. */
  buildValues: Record<string, string>;
  /** Loaded from `<NAME>_FILE` (the compose secret) by the container settings before import. */
  fromSecretFile: string[];
  /** Built from the generated database's POSTGRES_* by the container settings. */
  databaseUrls: string[];
  /** Set in compose's environment, overridable from the shell or .env. */
  compose: Record<string, string>;
  /** The rest: written to .env with a value that lets the app start, for the user to replace. */
  dotenv: Record<string, string>;
  /** Every need, for the generator to print. */
  needs: EnvironmentNeed[];
}

export interface PlanContext {
  projectName: string;
  hostPort: number;
  postgres: boolean;
}

const isHosts = (name: string) => /HOSTS|ORIGINS/.test(name);

/** A value that lets the settings import and the app start, by the need's kind and name. */
export function placeholderValue(need: EnvironmentNeed, context: PlanContext): string {
  const { name } = need;
  switch (need.kind) {
    case 'secret-key':
      return BUILD_SECRET_KEY;
    case 'database-url':
      return 'sqlite:////tmp/build-only.sqlite3';
    case 'cache-url':
      return 'locmemcache://';
    case 'redis-url':
      return 'redis://localhost:6379/0';
    case 'email-url':
      return 'consolemail://';
    case 'bool':
      return 'False';
    case 'number':
      return /PORT$/.test(name) ? '25' : '0';
    case 'list':
      return isHosts(name) ? ['localhost', '127.0.0.1'].join(need.separator) : '';
  }
  if (/EMAIL_BACKEND$/.test(name)) return 'django.core.mail.backends.console.EmailBackend';
  if (/(?:^|_)(?:FROM_)?EMAIL$|SERVER_EMAIL$/.test(name)) return 'webmaster@localhost';
  if (/ADMIN_URL$/.test(name)) return 'admin/';
  if (/(?:SITE|BASE|PUBLIC|FRONTEND|APP|SERVER)_URL$/.test(name))
    return `http://localhost:${context.hostPort}`;
  if (/(?:^|_)(?:DOMAIN|HOST|HOSTNAME)$/.test(name)) return 'localhost';
  if (/(?:^|_)(?:ENVIRONMENT|ENV)$/.test(name)) return 'production';
  // The name as a word that a .env line and the build's shell step hold as it is (no quotes,
  // `$`, `#` or line breaks): a placeholder, not the exact project name.
  if (/(?:PROJECT|SITE)_NAME$/.test(name))
    return context.projectName.replace(/[^\w.@+-]+/g, '-') || 'app';
  // DEBUG, USE_S3 and other switches read without a cast: any non-empty string is true.
  return '';
}

export function planEnvironment(needs: EnvironmentNeed[], context: PlanContext): EnvironmentPlan {
  const plan: EnvironmentPlan = {
    buildValues: {},
    fromSecretFile: [],
    databaseUrls: [],
    compose: {},
    dotenv: {},
    needs,
  };
  for (const need of needs) {
    const value = placeholderValue(need, context);
    if (need.atImport) plan.buildValues[need.name] = value;
    if (GENERATOR_OWNED.has(need.name)) continue;
    if (need.kind === 'secret-key') plan.fromSecretFile.push(need.name);
    else if (need.kind === 'database-url' && context.postgres) plan.databaseUrls.push(need.name);
    else if (need.kind === 'database-url')
      // On the SQLite volume: the source folder is read-only to the app.
      plan.dotenv[need.name] = `sqlite:///${APP_DATA.sqlite.dir}/db.sqlite3`;
    else if (need.kind === 'list' && isHosts(need.name))
      plan.compose[need.name] = `\${${need.name}:-${value}}`;
    else plan.dotenv[need.name] = value;
  }
  return plan;
}
