import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContextV2 } from '@nx/devkit';
import { createNodes } from './create-nodes';
import { needsSyncGenerator, recordedLibraries } from './sync-attachment';

const RECORD_WITHOUT_LIBRARIES = 'x-docker-django:\n  libraries: []\nservices: {}\n';
const RECORD_WITH_LIBRARY = 'x-docker-django:\n  libraries:\n    - libs/shared\nservices: {}\n';

describe('createNodes: the sync generator goes only to apps that use workspace libraries', () => {
  let root: string;
  let context: CreateNodesContextV2;
  const [, createNodesFunction] = createNodes;

  function write(path: string, content = '') {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }

  /** An app as `nx g docker-django:init` leaves it, with `files` added or replaced. */
  function app(files: Record<string, string> = {}) {
    const all = {
      'project.json': '{"name":"api"}',
      'manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      Dockerfile: 'FROM python:3.13-slim\n',
      '.dockerignore': '**/.venv\n',
      'compose.yaml': RECORD_WITHOUT_LIBRARIES,
      'requirements.txt': 'Django>=4.2\n',
      ...files,
    };
    for (const [path, content] of Object.entries(all)) write(`apps/api/${path}`, content);
  }

  async function syncGenerators(composeName = 'compose.yaml') {
    const [[, result]] = await createNodesFunction([`apps/api/${composeName}`], {}, context);
    return result.projects?.['apps/api']?.targets?.['compose-build'].syncGenerators;
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docker-django-nodes-sync-'));
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
    write('libs/shared/pyproject.toml', '[project]\nname = "shared"\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('leaves it off an app that installs no workspace library', async () => {
    app();
    expect(await syncGenerators()).toBeUndefined();
  });

  it.each([
    ['requirements.txt', { 'requirements.txt': 'Django\n-e ../../libs/shared\n' }],
    ['requirements/base.txt', { 'requirements/base.txt': '../../libs/shared\n' }],
    [
      'pyproject.toml',
      {
        'pyproject.toml':
          '[project]\nname = "api"\ndependencies = ["shared"]\n\n' +
          '[tool.uv.sources]\nshared = { path = "../../libs/shared", editable = true }\n',
      },
    ],
  ])('attaches it to an app whose %s installs a workspace library', async (_, files) => {
    app(files);
    expect(await syncGenerators()).toEqual(['docker-django:sync']);
  });

  it('attaches it on the next graph computation once an app starts to use a library', async () => {
    app();
    expect(await syncGenerators()).toBeUndefined();
    write('apps/api/requirements.txt', 'Django>=4.2\n-e ../../libs/shared\n');
    expect(await syncGenerators()).toEqual(['docker-django:sync']);
  });

  it('keeps it while the record still lists a library the app no longer installs', async () => {
    app({ 'compose.yaml': RECORD_WITH_LIBRARY });
    expect(await syncGenerators()).toEqual(['docker-django:sync']);
  });

  it('drops it once the sync generator has recorded that the app uses no library', async () => {
    app({ 'compose.yaml': RECORD_WITH_LIBRARY });
    await syncGenerators();
    write('apps/api/compose.yaml', RECORD_WITHOUT_LIBRARIES);
    expect(await syncGenerators()).toBeUndefined();
  });

  it('leaves it off an app whose only path reference is itself', async () => {
    app({ 'requirements.txt': '-e .\n' });
    expect(await syncGenerators()).toBeUndefined();
  });

  it('leaves it off a compose file the generator did not write (no record)', async () => {
    app({ 'compose.yaml': 'services: {}\n', 'requirements.txt': '-e ../../libs/shared\n' });
    expect(await syncGenerators()).toBeUndefined();
  });

  it('leaves it off an app whose compose file is not compose.yaml, which the generator never reads', async () => {
    app({ 'requirements.txt': '-e ../../libs/shared\n' });
    rmSync(join(root, 'apps/api/compose.yaml'));
    write('apps/api/docker-compose.yml', RECORD_WITH_LIBRARY);
    expect(await syncGenerators('docker-compose.yml')).toBeUndefined();
  });
});

describe('needsSyncGenerator', () => {
  const inputs = (composeText: string | null, requirements: string) => ({
    projectRoot: 'apps/api',
    composeName: 'compose.yaml',
    composeText,
    manifests: [{ path: 'apps/api/requirements.txt', text: requirements }],
  });

  it.each<[string, string | null, string, boolean]>([
    ['no compose text', null, '-e ../../libs/x\n', false],
    ['a compose file that does not parse', 'x-docker-django: [\n', '-e ../../libs/x\n', false],
    ['a record without a library list', 'x-docker-django: {}\n', '-e ../../libs/x\n', false],
    ['a record and a reference outside the app', RECORD_WITHOUT_LIBRARIES, '-e ../x\n', true],
    ['a record and a reference inside the app', RECORD_WITHOUT_LIBRARIES, '-e ./vendor/x\n', true],
    ['a record and no reference', RECORD_WITHOUT_LIBRARIES, 'Django\n', false],
    ['a record with libraries and no reference', RECORD_WITH_LIBRARY, 'Django\n', true],
    [
      'a record and a requirements file that does not parse',
      RECORD_WITHOUT_LIBRARIES,
      '-r\n',
      false,
    ],
  ])('with %s: %s', (_, composeText, requirements, expected) => {
    expect(needsSyncGenerator(inputs(composeText, requirements))).toBe(expected);
  });
});

describe('recordedLibraries', () => {
  it('reads a library folder with `$` as the sync generator does (the record holds it doubled)', () => {
    const composeText = 'x-docker-django:\n  libraries:\n    - libs/a$$b\nservices: {}\n';
    expect(recordedLibraries(composeText)).toEqual(['libs/a$b']);
  });

  it('reads the same from a document the caller parsed', () => {
    const composeText = 'x-docker-django:\n  libraries:\n    - libs/a$$b\n';
    const document = { 'x-docker-django': { libraries: ['libs/a$$b'] } };
    expect(recordedLibraries(composeText, document)).toEqual(['libs/a$b']);
  });
});
