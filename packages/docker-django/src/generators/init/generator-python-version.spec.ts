import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addDjangoProject } from '../../testing/django-fixtures';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

/** The image's Python, narrowed by the locked dependencies (issue 9 item 5). */
describe('init generator: the Python version and the locked dependencies', () => {
  let tree: Tree;
  let warn: jest.SpyInstance;
  let info: jest.SpyInstance;
  const logged = (spy: jest.SpyInstance) => spy.mock.calls.map((c) => String(c[0])).join('\n');

  async function run(files: Record<string, string>, options: Record<string, unknown> = {}) {
    addDjangoProject(tree, {
      name: 'api',
      root: 'apps/api',
      requirements: 'Django==4.2.8\npsycopg2-binary==2.9.6\ngunicorn==23.0.0\n',
      extraFiles: files,
    });
    const callback = await initGenerator(tree, {
      project: 'api',
      skipFormat: true,
      addPlugin: false,
      ...options,
    });
    callback();
  }

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('builds a range on the newest Python every pinned package supports, and says why', async () => {
    await run({ 'pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.9"\n' });

    expect(read(tree, 'apps/api/Dockerfile')).toContain('ARG PYTHON_VERSION=3.11\n');
    expect(logged(info)).toContain(
      'Python 3.11, from apps/api/pyproject.toml line 3, narrowed from 3.13 because the locked ' +
        'django==4.2.8 (requirements.txt line 1), which supports Python 3.8 to 3.12, ' +
        'psycopg2-binary==2.9.6 (requirements.txt line 2), which supports Python up to 3.11. ' +
        'Pass --pythonVersion to build with another.',
    );
    expect(logged(warn)).not.toContain('does not suit');
  });

  it('keeps the version .python-version names and warns with the package and its bound', async () => {
    await run({ '.python-version': '3.12\n' });

    expect(read(tree, 'apps/api/Dockerfile')).toContain('ARG PYTHON_VERSION=3.12\n');
    expect(logged(warn)).toContain(
      'Python 3.12 (from apps/api/.python-version line 1) does not suit the locked ' +
        'psycopg2-binary==2.9.6 (requirements.txt line 2), which supports Python up to 3.11.',
    );
  });

  it('warns when --pythonVersion asks for a Python a pinned package does not support', async () => {
    await run({}, { pythonVersion: '3.13' });

    expect(read(tree, 'apps/api/Dockerfile')).toContain('ARG PYTHON_VERSION=3.13\n');
    expect(logged(warn)).toContain('Python 3.13 (from --pythonVersion) does not suit the locked');
    expect(logged(warn)).toContain('django==4.2.8 (requirements.txt line 1)');
  });
});
