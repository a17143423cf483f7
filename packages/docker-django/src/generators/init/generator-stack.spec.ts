import { type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { addDjangoProject, settingsPy, workspaceWithApi } from '../../testing/django-fixtures';
import { initGenerator } from './generator';
import { read } from '../../testing/tree-files';

describe('init generator', () => {
  let tree: Tree;
  // Targets in project.json keep most tests independent of the plugin; the plugin has its own tests.
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = workspaceWithApi('3.11');
  });

  describe('--database postgres', () => {
    const postgres = { ...base, database: 'postgres' as const };

    it('adds a db service with the passwords as secrets, a named volume and a pg_isready healthcheck', async () => {
      await initGenerator(tree, postgres);
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      const db = compose.services.db;
      expect(db.image).toBe('postgres:18');
      // Started as root, as the official entrypoint expects; it drops to postgres itself.
      expect(db.user).toBeUndefined();
      expect(db.restart).toBe('always');
      expect(db.secrets).toEqual(['db-password', 'app-db-password']);
      expect(db.volumes).toEqual(['db-data:/var/lib/postgresql']);
      expect(db.environment).toEqual({
        POSTGRES_DB: 'api',
        POSTGRES_PASSWORD_FILE: '/run/secrets/db-password',
        APP_DB_USER: 'app',
      });
      expect(db.healthcheck.test).toEqual(['CMD', 'pg_isready', '-U', 'postgres', '-d', 'api']);
      expect(compose.volumes).toHaveProperty('db-data');
      expect(compose.secrets['db-password']).toEqual({ file: 'secrets/db-password.txt' });
    });

    it("quotes the migrate service's restart policy, which YAML 1.1 (docker-compose v1) reads as false", async () => {
      await initGenerator(tree, postgres);
      expect(read(tree, 'apps/api/compose.yaml')).toContain('restart: "no"');
    });

    it('starts the server after db is healthy and migrate has completed', async () => {
      await initGenerator(tree, postgres);
      const { server, migrate } = parse(read(tree, 'apps/api/compose.yaml')).services;
      expect(server.depends_on).toEqual({
        db: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
      expect(migrate.command).toEqual(['python', 'manage.py', 'migrate', '--noinput']);
      expect(migrate.depends_on).toEqual({ db: { condition: 'service_healthy' } });
      expect(server.environment).toMatchObject({
        POSTGRES_HOST: 'db',
        POSTGRES_DB: 'api',
        POSTGRES_USER: 'app',
        POSTGRES_PASSWORD_FILE: '/run/secrets/app-db-password',
      });
    });

    it("builds the image once: migrate runs the server's image with no build of its own and never pulls it", async () => {
      await initGenerator(tree, postgres);
      const { server, migrate } = parse(read(tree, 'apps/api/compose.yaml')).services;
      expect(server.build).toBeDefined();
      expect(migrate.build).toBeUndefined();
      expect(migrate.image).toBe(server.image);
      expect(migrate.pull_policy).toBe('never');
    });

    it('writes a random password once, git-ignored, and never rewrites it', async () => {
      await initGenerator(tree, postgres);
      const password = read(tree, 'apps/api/secrets/db-password.txt');
      expect(password.trim()).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(read(tree, 'apps/api/secrets/.gitignore')).toContain('*\n!.gitignore');
      await initGenerator(tree, { ...postgres, overwrite: true });
      expect(read(tree, 'apps/api/secrets/db-password.txt')).toBe(password);
    });

    it('gives two projects different passwords', async () => {
      addDjangoProject(tree, { name: 'web', root: 'apps/web' });
      await initGenerator(tree, postgres);
      await initGenerator(tree, { ...postgres, project: 'web' });
      expect(read(tree, 'apps/web/secrets/db-password.txt')).not.toBe(
        read(tree, 'apps/api/secrets/db-password.txt'),
      );
    });
  });

  describe('container settings', () => {
    it('imports the project settings and reads secrets, hosts and the database from the environment', async () => {
      await initGenerator(tree, base);
      const settings = read(tree, 'apps/api/container_settings.py');
      expect(settings).toContain('from mysite.settings import *');
      expect(settings).toContain('SECRET_KEY = _env("DJANGO_SECRET_KEY")\n');
      expect(settings).toContain('DEBUG = _env_flag("DJANGO_DEBUG")');
      expect(settings).toContain('ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS"');
      expect(settings).toContain('STATIC_ROOT = _env("DJANGO_STATIC_ROOT"');
      expect(settings).toContain('"ENGINE": "django.db.backends.postgresql"');
    });

    it('sits beside manage.py', async () => {
      addDjangoProject(tree, { name: 'web', root: 'apps/web', djangoRoot: 'src' });
      await initGenerator(tree, { ...base, project: 'web' });
      expect(tree.exists('apps/web/src/container_settings.py')).toBe(true);
    });

    it('collects static files at build time when staticfiles is installed', async () => {
      tree.write(
        'apps/api/mysite/settings.py',
        read(tree, 'apps/api/mysite/settings.py') +
          "INSTALLED_APPS = ['django.contrib.staticfiles']\n",
      );
      await initGenerator(tree, base);
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      // As root (the source is root's) and with a placeholder key, which container_settings
      // needs since it refuses to start without one; appuser only runs the server.
      expect(dockerfile).toContain(
        'RUN DJANGO_SETTINGS_MODULE=container_settings \\\n' +
          '    DJANGO_SECRET_KEY=collectstatic-build-only-not-a-secret \\\n' +
          '    python manage.py collectstatic --noinput\n',
      );
      expect(dockerfile.indexOf('collectstatic')).toBeLessThan(dockerfile.indexOf('USER appuser'));
    });

    it('skips collectstatic when staticfiles is not installed, or when asked to', async () => {
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/Dockerfile')).not.toContain('collectstatic');
      tree.write(
        'apps/api/mysite/settings.py',
        read(tree, 'apps/api/mysite/settings.py') +
          "INSTALLED_APPS = ['django.contrib.staticfiles']\n",
      );
      await initGenerator(tree, { ...base, collectStatic: false, overwrite: true });
      expect(read(tree, 'apps/api/Dockerfile')).not.toContain('collectstatic');
    });
  });

  describe('.dockerignore', () => {
    it.each([
      '**/.venv',
      '**/node_modules',
      '**/.git',
      '**/.env',
      '**/__pycache__',
      '**/*.sqlite3',
      'staticfiles',
      'media',
    ])('ignores %s', async (pattern) => {
      tree.write(
        'apps/api/mysite/settings.py',
        `${settingsPy('mysite')}INSTALLED_APPS = ['django.contrib.staticfiles']\nMEDIA_ROOT = BASE_DIR / 'media'\n`,
      );
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/.dockerignore').split('\n')).toContain(pattern);
    });

    it.each(['README.md', 'requirements.txt', '*.py', 'manage.py'])(
      'keeps %s in the build context',
      async (file) => {
        await initGenerator(tree, base);
        expect(read(tree, 'apps/api/.dockerignore').split('\n')).not.toContain(file);
      },
    );
  });

  describe('gunicorn', () => {
    it('appends gunicorn to a requirements file that lacks it and keeps the rest intact', async () => {
      tree.write('apps/api/requirements.txt', '# deps\nDjango>=3.2,<4');
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/requirements.txt')).toBe('# deps\nDjango>=3.2,<4\ngunicorn\n');
    });

    it('leaves a requirements file that lists gunicorn alone', async () => {
      tree.write('apps/api/requirements.txt', 'Django\ngunicorn==21.2.0\n');
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/requirements.txt')).toBe('Django\ngunicorn==21.2.0\n');
    });

    it('creates requirements.txt when the project has no dependency file', async () => {
      addDjangoProject(tree, { name: 'bare', root: 'apps/bare', requirements: null });
      await initGenerator(tree, { ...base, project: 'bare' });
      expect(read(tree, 'apps/bare/requirements.txt')).toMatch(/^Django\ngunicorn\n$/m);
    });

    it('does not edit a Poetry project but tells the user the command', async () => {
      addDjangoProject(tree, {
        name: 'poetic',
        root: 'apps/poetic',
        requirements: null,
        extraFiles: {
          'pyproject.toml':
            '[tool.poetry]\nname = "poetic"\n\n[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^4.2"\n',
          'poetry.lock': '# lock\n',
        },
      });
      const pyproject = read(tree, 'apps/poetic/pyproject.toml');
      const callback = await initGenerator(tree, { ...base, project: 'poetic' });
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      callback();
      expect(read(tree, 'apps/poetic/pyproject.toml')).toBe(pyproject);
      expect(warn.mock.calls.flat().join('\n')).toContain('poetry add gunicorn');
      warn.mockRestore();
    });
  });
});
