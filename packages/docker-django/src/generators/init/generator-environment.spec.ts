import { type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { addDjangoProject } from '../../testing/django-fixtures';
import { callbackWarnings } from '../../testing/generator-callback';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

/** Settings that cannot be imported without SECRET_KEY, DATABASE_URL, EMAIL_HOST and HOSTS. */
const SETTINGS = [
  'import os',
  'import environ',
  'env = environ.Env()',
  'SECRET_KEY = os.environ["SECRET_KEY"]',
  'DATABASES = {"default": env.db()}',
  'EMAIL_HOST = env("EMAIL_HOST")',
  'ALLOWED_HOSTS = os.environ.get("HOSTS").split(" ")',
  'INSTALLED_APPS = ["django.contrib.staticfiles"]',
  'ROOT_URLCONF = "mysite.urls"',
  'WSGI_APPLICATION = "mysite.wsgi.application"',
  'STATIC_URL = "static/"',
  '',
].join('\n');

describe('init generator: environment the settings need at import', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, {
      name: 'api',
      root: 'apps/api',
      pythonVersionFile: '3.12\n',
      extraFiles: { 'mysite/settings.py': SETTINGS },
    });
  });

  it('gives collectstatic throw-away values on its own RUN step, never an ENV of the image', async () => {
    await initGenerator(tree, base);
    const dockerfile = read(tree, 'apps/api/Dockerfile');
    expect(dockerfile).toContain(
      [
        'RUN DJANGO_SETTINGS_MODULE=container_settings \\',
        '    DJANGO_SECRET_KEY=collectstatic-build-only-not-a-secret \\',
        '    SECRET_KEY=docker-django-build-time-placeholder-not-a-secret-key \\',
        '    DATABASE_URL=sqlite:////tmp/build-only.sqlite3 \\',
        '    EMAIL_HOST=localhost \\',
        "    HOSTS='localhost 127.0.0.1' \\",
        '    python manage.py collectstatic --noinput',
      ].join('\n'),
    );
    expect(dockerfile).not.toMatch(/^ENV[^\n]*SECRET_KEY/m);
  });

  it('feeds the secret key from the compose secret under the project name, and hosts with its separator', async () => {
    await initGenerator(tree, base);
    const { server } = parse(read(tree, 'apps/api/compose.yaml')).services;
    expect(server.environment).toMatchObject({
      SECRET_KEY_FILE: '/run/secrets/django-secret-key',
      HOSTS: '${HOSTS:-localhost 127.0.0.1}',
    });
    expect(server.env_file).toEqual(['.env']);
    const settings = read(tree, 'apps/api/container_settings.py');
    expect(settings.indexOf('for _name in ["SECRET_KEY"]:')).toBeLessThan(
      settings.indexOf('from mysite.settings import *'),
    );
  });

  it('writes a .env with the rest, git-ignored, and records the names', async () => {
    await initGenerator(tree, base);
    const dotenv = read(tree, 'apps/api/.env');
    expect(dotenv).toMatch(/^EMAIL_HOST=localhost$/m);
    expect(dotenv).toMatch(/^DATABASE_URL=sqlite:\/\/\/\/data\/sqlite\/db\.sqlite3$/m);
    expect(dotenv).not.toMatch(/^SECRET_KEY=/m);
    expect(read(tree, 'apps/api/.gitignore')).toMatch(/^\.env$/m);
    const record = parse(read(tree, 'apps/api/compose.yaml'))['x-docker-django'];
    expect(record.importEnvironment).toEqual(['SECRET_KEY', 'DATABASE_URL', 'EMAIL_HOST', 'HOSTS']);
  });

  it('builds DATABASE_URL for the generated database instead of putting it in .env', async () => {
    await initGenerator(tree, { ...base, database: 'postgres' });
    expect(read(tree, 'apps/api/container_settings.py')).toContain(
      'for _name in ["DATABASE_URL"]:',
    );
    expect(read(tree, 'apps/api/.env')).not.toMatch(/^DATABASE_URL=/m);
  });

  it('never overwrites an existing .env, and says which names it lacks', async () => {
    tree.write('apps/api/.env', 'EMAIL_HOST=mail.example.com\n');
    const warnings = await callbackWarnings(
      await initGenerator(tree, { ...base, overwrite: true }),
    );
    expect(read(tree, 'apps/api/.env')).toBe('EMAIL_HOST=mail.example.com\n');
    expect(warnings).toContain(
      'it does not set them. Add them, e.g. DATABASE_URL=sqlite:////data/sqlite/db.sqlite3.',
    );
  });

  it('leaves a project whose settings need nothing as it was: no .env, no env_file', async () => {
    tree.write(
      'apps/api/mysite/settings.py',
      'SECRET_KEY = "x"\nWSGI_APPLICATION = "mysite.wsgi.application"\n',
    );
    await initGenerator(tree, base);
    expect(tree.exists('apps/api/.env')).toBe(false);
    expect(parse(read(tree, 'apps/api/compose.yaml')).services.server.env_file).toBeUndefined();
  });
});
