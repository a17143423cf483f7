import {
  readJson,
  readProjectConfiguration,
  updateNxJson,
  readNxJson,
  type Tree,
} from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { addDjangoProject } from '../../testing/django-fixtures';
import { DEFAULT_PYTHON_VERSION } from '../../python/python-version';
import { initGenerator } from './generator';

function read(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} was not written`);
  return text;
}

function snapshot(tree: Tree): Map<string, string | null> {
  const files = new Map<string, string | null>();
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const path = dir ? `${dir}/${child}` : child;
      if (tree.isFile(path)) files.set(path, tree.read(path, 'utf-8'));
      else walk(path);
    }
  };
  walk('');
  return files;
}

describe('init generator', () => {
  let tree: Tree;
  // Targets in project.json keep most tests independent of the plugin; the plugin has its own tests.
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, { name: 'api', root: 'apps/api', pythonVersionFile: '3.11\n' });
  });

  describe('Dockerfile', () => {
    it('builds from the detected Python version on a slim base', async () => {
      await initGenerator(tree, base);
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('ARG PYTHON_VERSION=3.11\n');
      expect(dockerfile).toContain('FROM python:${PYTHON_VERSION}-slim AS builder');
      expect(dockerfile).toContain('FROM python:${PYTHON_VERSION}-slim AS runtime');
      expect(dockerfile).toContain('PYTHONDONTWRITEBYTECODE=1');
      expect(dockerfile).toContain('PYTHONUNBUFFERED=1');
    });

    it('runs as a non-root user with a fixed UID and owns the source it copies', async () => {
      await initGenerator(tree, base);
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('ARG UID=10001');
      expect(dockerfile).toMatch(/--uid "\$\{UID\}" \\\n\s+appuser/);
      expect(dockerfile).toContain('COPY --chown=appuser:appuser . .');
      expect(dockerfile.indexOf('USER appuser')).toBeGreaterThan(
        dockerfile.indexOf('COPY --chown'),
      );
    });

    it('installs dependencies with a pip cache mount before the source is copied', async () => {
      await initGenerator(tree, base);
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      const install = dockerfile.indexOf('pip install --prefix=/install -r requirements.txt');
      expect(dockerfile).toContain('--mount=type=cache,target=/root/.cache/pip');
      expect(dockerfile).toContain(
        '--mount=type=bind,source=requirements.txt,target=/app/requirements.txt',
      );
      expect(install).toBeGreaterThan(0);
      expect(install).toBeLessThan(dockerfile.indexOf('COPY --chown=appuser:appuser . .'));
    });

    it('starts gunicorn in exec form on 0.0.0.0 with an access log on stdout', async () => {
      await initGenerator(tree, base);
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('EXPOSE 8000');
      expect(dockerfile).toContain(
        'CMD ["gunicorn","mysite.wsgi:application","--bind=0.0.0.0:8000","--access-logfile=-"]',
      );
    });

    it('has no syntax directive unless asked for, so a build pulls nothing but the base image', async () => {
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/Dockerfile')).not.toContain('# syntax=');

      await initGenerator(tree, { ...base, syntaxDirective: true, overwrite: true });
      expect(read(tree, 'apps/api/Dockerfile').startsWith('# syntax=docker/dockerfile:1\n')).toBe(
        true,
      );
    });

    it('runs gunicorn from the folder that holds manage.py', async () => {
      addDjangoProject(tree, {
        name: 'web',
        root: 'apps/web',
        djangoRoot: 'src',
        packageName: 'config',
      });
      await initGenerator(tree, { ...base, project: 'web' });
      const dockerfile = read(tree, 'apps/web/Dockerfile');
      expect(dockerfile).toContain('WORKDIR /app/src\n');
      expect(dockerfile).toContain('"config.wsgi:application"');
    });

    it('uses the port and the run command it is given, in exec form', async () => {
      await initGenerator(tree, {
        ...base,
        port: 9000,
        command: `gunicorn 'mysite.wsgi:application' --bind=0.0.0.0:9000 --workers "4"`,
      });
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('EXPOSE 9000');
      expect(dockerfile).toContain(
        'CMD ["gunicorn","mysite.wsgi:application","--bind=0.0.0.0:9000","--workers","4"]',
      );
    });

    it('takes --pythonVersion over the detected version', async () => {
      await initGenerator(tree, { ...base, pythonVersion: '3.12.4' });
      expect(read(tree, 'apps/api/Dockerfile')).toContain('ARG PYTHON_VERSION=3.12.4\n');
    });

    it('bind-mounts every requirements file pulled in with -r', async () => {
      addDjangoProject(tree, {
        name: 'split',
        root: 'apps/split',
        requirements: null,
        extraFiles: {
          'requirements/base.txt': 'Django>=3.2\ngunicorn\n',
          'requirements/production.txt': '-r base.txt\npsycopg2\n',
        },
      });
      await initGenerator(tree, { ...base, project: 'split' });
      const dockerfile = read(tree, 'apps/split/Dockerfile');
      expect(dockerfile).toContain(
        'source=requirements/production.txt,target=/app/requirements/production.txt',
      );
      expect(dockerfile).toContain(
        'source=requirements/base.txt,target=/app/requirements/base.txt',
      );
      expect(dockerfile).toContain('-r requirements/production.txt');
    });
  });

  describe('workspace libraries', () => {
    beforeEach(() => {
      tree.write(
        'libs/shared/project.json',
        JSON.stringify({ name: 'shared', root: 'libs/shared' }),
      );
      tree.write('libs/shared/pyproject.toml', '[project]\nname = "shared"\ndependencies = []\n');
      tree.write('libs/core/project.json', JSON.stringify({ name: 'core', root: 'libs/core' }));
      tree.write(
        'libs/core/pyproject.toml',
        '[project]\nname = "core"\n\n[tool.uv.sources]\nshared = { path = "../shared" }\n',
      );
      tree.write('apps/api/requirements.txt', 'Django>=3.2,<4\n-e ../../libs/core\n');
    });

    it('builds from the workspace root with the app and every library it installs, transitively', async () => {
      await initGenerator(tree, base);
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      expect(compose.services.server.build).toEqual({
        context: '../..',
        dockerfile: 'apps/api/Dockerfile',
      });
      const ignore = read(tree, 'apps/api/Dockerfile.dockerignore').split('\n');
      expect(ignore).toEqual(
        expect.arrayContaining(['*', '!apps/api', '!libs/core', '!libs/shared', '**/.venv']),
      );
      expect(ignore.indexOf('*')).toBeLessThan(ignore.indexOf('!apps/api'));
      expect(tree.exists('apps/api/.dockerignore')).toBe(false);
    });

    it('mirrors the workspace in the image so relative library paths resolve', async () => {
      await initGenerator(tree, base);
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('COPY libs/core /workspace/libs/core\n');
      expect(dockerfile).toContain('COPY libs/shared /workspace/libs/shared\n');
      expect(dockerfile).toContain(
        '--mount=type=bind,source=apps/api/requirements.txt,target=/workspace/apps/api/requirements.txt',
      );
      expect(dockerfile).toContain('COPY --chown=appuser:appuser libs/core /workspace/libs/core\n');
      expect(dockerfile).toContain('WORKDIR /workspace/apps/api\n');
      expect(dockerfile).toContain('COPY --chown=appuser:appuser apps/api/ .\n');
    });

    it('keeps the app folder as context for an app with no library', async () => {
      addDjangoProject(tree, { name: 'web', root: 'apps/web' });
      await initGenerator(tree, { ...base, project: 'web' });
      expect(parse(read(tree, 'apps/web/compose.yaml')).services.server.build).toEqual({
        context: '.',
      });
      expect(read(tree, 'apps/web/Dockerfile')).not.toContain('/workspace');
    });
  });

  describe('compose.yaml', () => {
    it('defines the server service with its build context, port mapping and healthcheck', async () => {
      await initGenerator(tree, base);
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      const server = compose.services.server;
      expect(server.build).toEqual({ context: '.' });
      expect(server.ports).toEqual(['8000:8000']);
      expect(server.image).toBe('api:latest');
      expect(server.environment.DJANGO_SETTINGS_MODULE).toBe('container_settings');
      expect(server.healthcheck.test.slice(0, 3)).toEqual(['CMD', 'python', '-c']);
      expect(server.healthcheck.test[3]).toContain('http://127.0.0.1:8000/');
    });

    it('publishes the host port it is given', async () => {
      await initGenerator(tree, { ...base, port: 8000, hostPort: 18080 });
      expect(parse(read(tree, 'apps/api/compose.yaml')).services.server.ports).toEqual([
        '18080:8000',
      ]);
    });

    it('points the container at the settings module wsgi.py uses when it differs from manage.py', async () => {
      addDjangoProject(tree, { name: 'cc', root: 'apps/cc', packageName: 'config' });
      tree.write(
        'apps/cc/config/wsgi.py',
        read(tree, 'apps/cc/config/wsgi.py').replace(
          'config.settings',
          'config.settings_production',
        ),
      );
      tree.write(
        'apps/cc/config/settings_production.py',
        'from .settings import *\nDEBUG = False\n',
      );
      await initGenerator(tree, { ...base, project: 'cc' });
      expect(read(tree, 'apps/cc/container_settings.py')).toContain(
        'from config.settings_production import *',
      );
    });

    it('has only the server service without a database', async () => {
      await initGenerator(tree, base);
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      expect(Object.keys(compose.services)).toEqual(['server']);
      expect(compose.volumes).toBeUndefined();
      expect(compose.secrets).toEqual({
        'django-secret-key': { file: 'secrets/django-secret-key.txt' },
      });
    });
  });

  describe('--database postgres', () => {
    const postgres = { ...base, database: 'postgres' as const };

    it('adds a db service with the password as a secret, a named volume and a pg_isready healthcheck', async () => {
      await initGenerator(tree, postgres);
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      const db = compose.services.db;
      expect(db.image).toBe('postgres');
      expect(db.user).toBe('postgres');
      expect(db.restart).toBe('always');
      expect(db.secrets).toEqual(['db-password']);
      expect(db.volumes).toEqual(['db-data:/var/lib/postgresql/data']);
      expect(db.environment).toEqual({
        POSTGRES_DB: 'api',
        POSTGRES_PASSWORD_FILE: '/run/secrets/db-password',
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
        POSTGRES_PASSWORD_FILE: '/run/secrets/db-password',
      });
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
      expect(settings).toContain('SECRET_KEY = _env("DJANGO_SECRET_KEY"');
      expect(settings).toContain('DEBUG = _env("DJANGO_DEBUG", "false")');
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
      expect(read(tree, 'apps/api/Dockerfile')).toContain(
        'RUN DJANGO_SETTINGS_MODULE=container_settings python manage.py collectstatic --noinput',
      );
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

  describe('targets and the plugin', () => {
    it('registers the inference plugin in nx.json by default and leaves project.json alone', async () => {
      const before = read(tree, 'apps/api/project.json');
      await initGenerator(tree, { project: 'api', skipFormat: true });
      expect(readNxJson(tree)?.plugins).toEqual(['docker-django']);
      expect(read(tree, 'apps/api/project.json')).toBe(before);
    });

    it('registers the plugin once however often it runs', async () => {
      await initGenerator(tree, { project: 'api', skipFormat: true });
      addDjangoProject(tree, { name: 'web', root: 'apps/web' });
      await initGenerator(tree, { project: 'web', skipFormat: true });
      expect(readNxJson(tree)?.plugins).toEqual(['docker-django']);
    });

    it('writes compose-build, compose-up and compose-down into project.json with --addPlugin=false', async () => {
      await initGenerator(tree, base);
      const targets = readProjectConfiguration(tree, 'api').targets ?? {};
      expect(targets['compose-build'].executor).toBe('docker-django:compose-build');
      expect(targets['compose-up'].dependsOn).toEqual([
        { target: 'compose-build', params: 'forward' },
      ]);
      expect(targets['compose-down'].executor).toBe('docker-django:compose-down');
      expect(readNxJson(tree)?.plugins ?? []).not.toContain('docker-django');
    });

    it('follows NX_ADD_PLUGINS=false when --addPlugin is not given', async () => {
      process.env.NX_ADD_PLUGINS = 'false';
      try {
        await initGenerator(tree, { project: 'api', skipFormat: true });
      } finally {
        delete process.env.NX_ADD_PLUGINS;
      }
      expect(readProjectConfiguration(tree, 'api').targets?.['compose-build']).toBeDefined();
    });

    it('writes no targets when the plugin is already registered', async () => {
      const nxJson = readNxJson(tree) ?? {};
      updateNxJson(tree, {
        ...nxJson,
        plugins: [...(nxJson.plugins ?? []), { plugin: 'docker-django', options: {} }],
      });
      const before = read(tree, 'apps/api/project.json');
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/project.json')).toBe(before);
    });

    it('names the up target the plugin options give in its next steps', async () => {
      const nxJson = readNxJson(tree) ?? {};
      updateNxJson(tree, {
        ...nxJson,
        plugins: [
          ...(nxJson.plugins ?? []),
          { plugin: 'docker-django', options: { upTargetName: 'up' } },
        ],
      });
      const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
      const callback = await initGenerator(tree, base);
      callback();
      const printed = info.mock.calls.flat().join('\n');
      info.mockRestore();
      expect(printed).toContain('Start the stack: nx run api:up');
      expect(printed).not.toContain(':compose-up');
    });

    it('names compose-up in its next steps when the targets are written with their default names', async () => {
      const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
      const callback = await initGenerator(tree, base);
      callback();
      const printed = info.mock.calls.flat().join('\n');
      info.mockRestore();
      expect(printed).toContain('Start the stack: nx run api:compose-up');
    });

    it('keeps a target the user already has under the same name', async () => {
      const project = readJson(tree, 'apps/api/project.json');
      project.targets = { 'compose-up': { command: 'echo mine' } };
      tree.write('apps/api/project.json', JSON.stringify(project));
      await initGenerator(tree, base);
      expect(readProjectConfiguration(tree, 'api').targets?.['compose-up']).toEqual({
        command: 'echo mine',
      });
    });

    it('only registers the plugin when no project is given (as `nx add docker-django` runs it)', async () => {
      const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
      const callback = await initGenerator(tree, { skipFormat: true });
      callback();
      expect(readNxJson(tree)?.plugins).toEqual(['docker-django']);
      expect(tree.exists('apps/api/Dockerfile')).toBe(false);
      expect(info.mock.calls.flat().join('\n')).toContain('Django projects here: api.');
      info.mockRestore();
    });
  });

  describe('re-running', () => {
    it('changes nothing when run again with the same options', async () => {
      await initGenerator(tree, base);
      const first = snapshot(tree);
      await initGenerator(tree, base);
      expect(snapshot(tree)).toEqual(first);
    });

    it.each(['Dockerfile', 'compose.yaml', '.dockerignore'])(
      'keeps a %s the user changed',
      async (file) => {
        await initGenerator(tree, base);
        tree.write(`apps/api/${file}`, '# mine\n');
        await initGenerator(tree, { ...base, port: 9000 });
        expect(read(tree, `apps/api/${file}`)).toBe('# mine\n');
      },
    );

    it('replaces a changed file with --overwrite', async () => {
      await initGenerator(tree, base);
      tree.write('apps/api/Dockerfile', '# mine\n');
      await initGenerator(tree, { ...base, overwrite: true });
      expect(read(tree, 'apps/api/Dockerfile')).toContain(
        'FROM python:${PYTHON_VERSION}-slim AS runtime',
      );
    });

    it('keeps a hand-written Dockerfile that was there before the first run', async () => {
      tree.write('apps/api/Dockerfile', 'FROM scratch\n');
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/Dockerfile')).toBe('FROM scratch\n');
      expect(tree.exists('apps/api/compose.yaml')).toBe(true);
    });
  });

  describe('bad input writes nothing', () => {
    it.each([
      [{ project: 'nope' }, /Project "nope" was not found/],
      [{ port: 70000 }, /Invalid --port "70000"/],
      [{ port: 0 }, /Invalid --port "0"/],
      [{ hostPort: -1 }, /Invalid --hostPort "-1"/],
      [{ pythonVersion: 'banana' }, /Invalid Python version "banana"/],
      [{ pythonVersion: '2.7' }, /Invalid Python version "2.7"/],
      [{ database: 'mysql' as 'postgres' }, /Invalid --database "mysql"/],
      [{ command: `gunicorn 'unclosed` }, /unclosed ' quote/],
    ])('rejects %j', async (options, message) => {
      const before = snapshot(tree);
      await expect(initGenerator(tree, { ...base, ...options })).rejects.toThrow(message);
      expect(snapshot(tree)).toEqual(before);
    });

    it('rejects a project with no manage.py', async () => {
      tree.write('libs/util/project.json', JSON.stringify({ name: 'util', root: 'libs/util' }));
      tree.write('libs/util/util.py', 'X = 1\n');
      const before = snapshot(tree);
      await expect(initGenerator(tree, { ...base, project: 'util' })).rejects.toThrow(/manage\.py/);
      expect(snapshot(tree)).toEqual(before);
    });

    it('passes over an unreadable .python-version and falls back to the default version', async () => {
      tree.write('apps/api/.python-version', 'three-eleven\n');
      await initGenerator(tree, base);
      expect(read(tree, 'apps/api/Dockerfile')).toContain(
        `ARG PYTHON_VERSION=${DEFAULT_PYTHON_VERSION}\n`,
      );
    });

    it('asks for --project when none is given and the plugin is not wanted', async () => {
      const before = snapshot(tree);
      await expect(initGenerator(tree, { skipFormat: true, addPlugin: false })).rejects.toThrow(
        /Pass --project <name>/,
      );
      expect(snapshot(tree)).toEqual(before);
    });
  });
});
