import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContextV2 } from '@nx/devkit';
import { IMAGES_METADATA_KEY } from '../nx/image-state';
import { createNodes, DOCKER_CONTEXT_INPUT } from './create-nodes';

describe('createNodes', () => {
  let root: string;
  let context: CreateNodesContextV2;
  const [glob, createNodesFunction] = createNodes;

  function write(path: string, content = '') {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }

  function djangoApp(dir: string, extra: Record<string, string> = {}) {
    write(
      `${dir}/manage.py`,
      "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
    );
    write(`${dir}/mysite/settings.py`, "WSGI_APPLICATION = 'mysite.wsgi.application'\n");
    write(`${dir}/mysite/wsgi.py`, 'application = get_wsgi_application()\n');
    write(`${dir}/Dockerfile`, 'FROM python:3.11-slim\n');
    write(`${dir}/compose.yaml`, 'services: {}\n');
    write(`${dir}/.dockerignore`, '**/.venv\n');
    for (const [path, content] of Object.entries(extra)) write(`${dir}/${path}`, content);
  }

  async function infer(files: string[], options = {}) {
    return Object.fromEntries(
      (await createNodesFunction(files, options, context)).map(([file, result]) => [file, result]),
    );
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-django-nodes-'));
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('matches every file name compose reads', () => {
    expect(glob).toBe('**/{compose.yaml,compose.yml,docker-compose.yaml,docker-compose.yml}');
  });

  it("passes no composeFile for compose.yaml, the executors' default", async () => {
    djangoApp('apps/api', { 'project.json': '{"name":"api"}' });
    const results = await infer(['apps/api/compose.yaml']);
    const targets = results['apps/api/compose.yaml'].projects?.['apps/api']?.targets ?? {};
    for (const target of Object.values(targets)) expect(target.options).toEqual({});
  });

  it('adds stack-deploy (after compose-push) and stack-rm when the project has a stack.yaml', async () => {
    djangoApp('apps/api', { 'project.json': '{"name":"api"}' });
    const before = await infer(['apps/api/compose.yaml']);
    expect(before['apps/api/compose.yaml'].projects?.['apps/api']?.targets).not.toHaveProperty(
      'stack-deploy',
    );
    write('apps/api/stack.yaml', 'services: {}\n');
    const results = await infer(['apps/api/compose.yaml']);
    const targets = results['apps/api/compose.yaml'].projects?.['apps/api']?.targets ?? {};
    expect(targets['stack-deploy']).toMatchObject({
      executor: 'docker-django:stack-deploy',
      dependsOn: ['compose-push'],
      cache: false,
    });
    expect(targets['stack-rm']).toMatchObject({ executor: 'docker-django:stack-rm', cache: false });
  });

  it.each(['compose.yml', 'docker-compose.yaml', 'docker-compose.yml'])(
    'points every target at %s when that is the compose file the project has',
    async (name) => {
      djangoApp('apps/api', { 'project.json': '{"name":"api"}', [name]: 'services: {}\n' });
      rmSync(join(root, 'apps/api/compose.yaml'));
      const results = await infer([`apps/api/${name}`]);
      const targets = results[`apps/api/${name}`].projects?.['apps/api']?.targets ?? {};
      expect(Object.keys(targets)).toEqual([
        'compose-build',
        'compose-up',
        'compose-down',
        'compose-push',
      ]);
      for (const target of Object.values(targets)) {
        expect(target.options).toEqual({ composeFile: name });
        expect(target.metadata?.description).toContain(`apps/api/${name}`);
      }
    },
  );

  it('infers from the compose file compose itself would read when a project has two', async () => {
    djangoApp('apps/api', { 'project.json': '{"name":"api"}', 'compose.yml': 'services: {}\n' });
    const results = await infer(['apps/api/compose.yaml', 'apps/api/compose.yml']);
    expect(
      results['apps/api/compose.yaml'].projects?.['apps/api']?.targets?.['compose-build'].options,
    ).toEqual({});
    expect(results['apps/api/compose.yml']).toEqual({});
  });

  it('infers the three compose targets for a Django project with project.json', async () => {
    djangoApp('apps/api', { 'project.json': '{"name":"api"}' });
    const results = await infer(['apps/api/compose.yaml']);
    const targets = results['apps/api/compose.yaml'].projects?.['apps/api']?.targets ?? {};
    expect(Object.keys(targets)).toEqual([
      'compose-build',
      'compose-up',
      'compose-down',
      'compose-push',
    ]);
    expect(targets['compose-build']).toMatchObject({
      executor: 'docker-django:compose-build',
      cache: false,
      metadata: { technologies: ['docker', 'django'] },
    });
    expect(targets['compose-build'].metadata?.description).toContain('docker compose build');
    // compose-up builds itself (a failed dependency would make `nx run` exit 130).
    expect(targets['compose-up'].dependsOn).toBeUndefined();
    expect(targets['compose-up'].inputs).toEqual(targets['compose-build'].inputs);
  });

  it('makes the build hash cover the project and its libraries, minus what .dockerignore drops', async () => {
    djangoApp('apps/api', { 'project.json': '{"name":"api"}' });
    const results = await infer(['apps/api/compose.yaml']);
    const project = results['apps/api/compose.yaml'].projects?.['apps/api'];
    expect(project?.targets?.['compose-build'].inputs).toEqual([
      DOCKER_CONTEXT_INPUT,
      '^{projectRoot}/**/*',
      { env: 'PYTHON_VERSION' },
    ]);
    // The app's own files, as a named input both compose targets share.
    expect(project?.namedInputs?.[DOCKER_CONTEXT_INPUT]).toEqual(
      expect.arrayContaining(['{projectRoot}/**/*', '!{projectRoot}/**/.venv']),
    );
    expect(project?.namedInputs?.[DOCKER_CONTEXT_INPUT]?.[0]).toBe('{projectRoot}/**/*');
  });

  it(
    'takes the exclusions of a Dockerfile.dockerignore, which BuildKit prefers, ' +
      'for an app built from the workspace root',
    async () => {
      djangoApp('apps/api', {
        'project.json': '{"name":"api"}',
        'Dockerfile.dockerignore': '*\n!apps/api\n!libs/shared\n**/node_modules\n',
      });
      const results = await infer(['apps/api/compose.yaml']);
      const inputs =
        results['apps/api/compose.yaml'].projects?.['apps/api']?.namedInputs?.[
          DOCKER_CONTEXT_INPUT
        ];
      expect(inputs).toContain('!{projectRoot}/**/node_modules');
      expect(inputs).not.toContain('!{projectRoot}/**/.venv');
      expect(inputs).not.toContain('!{projectRoot}/*');
    },
  );

  it('names a project that has only a pyproject.toml after its [project] name', async () => {
    djangoApp('services/billing', { 'pyproject.toml': '[project]\nname = "billing-api"\n' });
    const results = await infer(['services/billing/compose.yaml']);
    expect(results['services/billing/compose.yaml'].projects?.['services/billing']?.name).toBe(
      'billing-api',
    );
  });

  it.each([
    ['a folder that is no project', (dir: string) => djangoApp(dir)],
    [
      'a project with no Dockerfile',
      (dir: string) => {
        djangoApp(dir, { 'project.json': '{}' });
        rmSync(join(root, dir, 'Dockerfile'));
      },
    ],
    [
      'a project with no manage.py',
      (dir: string) => {
        write(`${dir}/project.json`, '{}');
        write(`${dir}/Dockerfile`, 'FROM scratch\n');
        write(`${dir}/compose.yaml`, 'services: {}\n');
      },
    ],
  ])('infers nothing for %s', async (_, make) => {
    make('examples/stray');
    const results = await infer(['examples/stray/compose.yaml']);
    expect(results['examples/stray/compose.yaml']).toEqual({});
  });

  it('caches compose-build in Nx and lists the images it builds for its hasher (no runtime input)', async () => {
    djangoApp('apps/api', {
      'project.json': '{"name":"api"}',
      'compose.yaml':
        'services:\n  server:\n    build: .\n    image: api:latest\n' +
        '  migrate:\n    image: api:latest\n  worker:\n    build: ./w\n    image: api-worker:1\n',
    });
    const results = await infer(['apps/api/compose.yaml']);
    const build =
      results['apps/api/compose.yaml'].projects?.['apps/api']?.targets?.['compose-build'];
    expect(build?.cache).toBe(true);
    expect(build?.outputs).toEqual([]);
    expect(build?.metadata?.[IMAGES_METADATA_KEY]).toEqual(['api:latest', 'api-worker:1']);
    expect(build?.inputs?.some((input) => typeof input === 'object' && 'runtime' in input)).toBe(
      false,
    );
  });

  it.each([
    ['an image compose names itself', 'services:\n  server:\n    build: .\n'],
    ['an interpolated image', 'services:\n  server:\n    build: .\n    image: api:${TAG}\n'],
  ])(
    'leaves compose-build uncached by Nx for %s (its hasher cannot name the image)',
    async (_, text) => {
      djangoApp('apps/api', { 'project.json': '{"name":"api"}', 'compose.yaml': text });
      const results = await infer(['apps/api/compose.yaml']);
      const build =
        results['apps/api/compose.yaml'].projects?.['apps/api']?.targets?.['compose-build'];
      expect(build?.cache).toBe(false);
      expect(build?.metadata?.[IMAGES_METADATA_KEY]).toBeUndefined();
    },
  );

  it('takes target names from the plugin options', async () => {
    djangoApp('apps/api', { 'project.json': '{"name":"api"}' });
    const results = await infer(['apps/api/compose.yaml'], {
      buildTargetName: 'docker-build',
      upTargetName: 'up',
    });
    const targets = results['apps/api/compose.yaml'].projects?.['apps/api']?.targets ?? {};
    expect(Object.keys(targets)).toEqual(['docker-build', 'up', 'compose-down', 'compose-push']);
    expect(targets.up.executor).toBe('docker-django:compose-up');
    expect(targets.up.dependsOn).toBeUndefined();
    // Not forwarded: push options must not change the build's hash (its content tag).
    expect(targets['compose-push'].dependsOn).toEqual(['docker-build']);
    expect(targets['compose-push'].cache).toBe(false);
  });
});
