import {
  readJson,
  readProjectConfiguration,
  updateNxJson,
  readNxJson,
  type Tree,
} from '@nx/devkit';
import { addDjangoProject, workspaceWithApi } from '../../testing/django-fixtures';
import { DEFAULT_PYTHON_VERSION } from '../../python/python-version';
import { initGenerator } from './generator';
import { callbackOutput } from '../../testing/generator-callback';
import { read, snapshot } from '../../testing/tree-files';

describe('init generator', () => {
  let tree: Tree;
  // Targets in project.json keep most tests independent of the plugin; the plugin has its own tests.
  const base = { project: 'api', skipFormat: true, addPlugin: false };

  beforeEach(() => {
    tree = workspaceWithApi('3.11');
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
      expect(targets['compose-up'].executor).toBe('docker-django:compose-up');
      expect(targets['compose-up'].dependsOn).toBeUndefined();
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
      const printed = await callbackOutput(await initGenerator(tree, base), 'info');
      expect(printed).toContain('Start the stack: nx run api:up');
      expect(printed).not.toContain(':compose-up');
    });

    it('names compose-up in its next steps when the targets are written with their default names', async () => {
      const printed = await callbackOutput(await initGenerator(tree, base), 'info');
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
      const printed = await callbackOutput(await initGenerator(tree, { skipFormat: true }), 'info');
      expect(readNxJson(tree)?.plugins).toEqual(['docker-django']);
      expect(tree.exists('apps/api/Dockerfile')).toBe(false);
      expect(printed).toContain('Django projects here: api.');
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
