import { type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { addDjangoProject, workspaceWithApi } from '../../testing/django-fixtures';
import { initGenerator } from './generator';
import { read } from '../../testing/tree-files';

describe('init generator', () => {
  let tree: Tree;
  // Targets in project.json keep most tests independent of the plugin; the plugin has its own tests.
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = workspaceWithApi('3.11');
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

    it('runs as a non-root user with a fixed UID that cannot write the source it runs', async () => {
      await initGenerator(tree, base);
      const dockerfile = read(tree, 'apps/api/Dockerfile');
      expect(dockerfile).toContain('ARG UID=10001');
      expect(dockerfile).toContain('groupadd --system --gid "${UID}" appuser');
      expect(dockerfile).toMatch(
        /useradd --system --uid "\$\{UID\}" --gid appuser \\\n.*--shell \/usr\/sbin\/nologin appuser/,
      );
      expect(dockerfile).toContain('\nCOPY . .\n');
      expect(dockerfile).not.toContain('--chown');
      // Files made under umask 077 are 0600: readable to appuser only through this chmod.
      expect(dockerfile).toContain('\nRUN chmod -R u=rwX,go=rX /app\n');
      expect(dockerfile.indexOf('RUN chmod -R')).toBeGreaterThan(dockerfile.indexOf('COPY . .'));
      expect(dockerfile.indexOf('USER appuser')).toBeGreaterThan(dockerfile.indexOf('COPY . .'));
      // appuser owns only the folders the media and SQLite volumes are mounted on.
      expect(dockerfile).toContain(
        'install -d -o appuser -g appuser -m 0750 /data/media /data/sqlite',
      );
    });

    // Debian 13 slim (every python:*-slim since August 2025) has no adduser; the stand-in
    // python:3.13-slim pins that (e2e official-images spec).
    it('creates appuser with tools every slim image has: never adduser, curl or a compiler', async () => {
      await initGenerator(tree, base);
      const instructions = read(tree, 'apps/api/Dockerfile')
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('#'))
        .join('\n');
      expect(instructions).toContain('useradd');
      expect(instructions).not.toMatch(/\b(adduser|addgroup|curl|wget|gcc|apt-get)\b/);
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
      expect(install).toBeLessThan(dockerfile.indexOf('COPY . .'));
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
      expect(dockerfile.match(/^COPY libs\/core \/workspace\/libs\/core$/gm)).toHaveLength(2);
      expect(dockerfile).toContain('WORKDIR /workspace/apps/api\n');
      expect(dockerfile).toContain('COPY apps/api/ .\n');
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

    it('has server and migrate, with SQLite and media on named volumes, without a database', async () => {
      await initGenerator(tree, base);
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      expect(Object.keys(compose.services)).toEqual(['server', 'migrate']);
      expect(compose.volumes).toEqual({ 'sqlite-data': null, media: null });
      expect(compose.services.server.volumes).toEqual([
        'media:/data/media',
        'sqlite-data:/data/sqlite',
      ]);
      expect(compose.services.migrate.volumes).toEqual(['sqlite-data:/data/sqlite']);
      expect(compose.services.server.environment).toMatchObject({
        DJANGO_SQLITE_DIR: '/data/sqlite',
        DJANGO_MEDIA_ROOT: '/data/media',
      });
      expect(compose.services.server.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
      });
      expect(compose.secrets).toEqual({
        'django-secret-key': { file: 'secrets/django-secret-key.txt' },
      });
    });
  });
});
