import { useProjectTree } from '../testing/project-tree';
import { detectDependencies, type DependencyInfo } from './dependency-manager';

const PROJECT = 'apps/api';

const UV_PYPROJECT = [
  '[project]',
  'name = "api"',
  'requires-python = ">=3.12"',
  'dependencies = [',
  '    "django>=5.1",',
  '    "gunicorn>=23.0.0",',
  ']',
  '',
  '[dependency-groups]',
  'dev = ["pytest"]',
  '',
].join('\n');

const POETRY_PYPROJECT = [
  '[tool.poetry]',
  'name = "api"',
  '',
  '[tool.poetry.dependencies]',
  'python = "^3.12"',
  'Django = "^5.1"',
  'gunicorn = { version = "^23.0", extras = ["gevent"] }',
  '',
  '[tool.poetry.group.dev.dependencies]',
  'pytest = "*"',
  '',
].join('\n');

describe('detectDependencies', () => {
  const project = useProjectTree(PROJECT, { 'manage.py': '' });

  describe('dependency manager', () => {
    it('detects uv from uv.lock beside pyproject.toml', () => {
      project.write({ 'pyproject.toml': UV_PYPROJECT, 'uv.lock': 'version = 1\n' });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'uv',
        file: 'pyproject.toml',
        lockFile: 'uv.lock',
        hasGunicorn: true,
      });
    });

    it('does not take uv.lock without pyproject.toml for uv', () => {
      project.write({ 'uv.lock': 'version = 1\n', 'requirements.txt': 'django\n' });

      expect(detectDependencies(project.src, PROJECT, '')?.manager).toBe('pip');
    });

    it('detects poetry from poetry.lock', () => {
      project.write({ 'pyproject.toml': POETRY_PYPROJECT, 'poetry.lock': '# generated\n' });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'poetry',
        file: 'pyproject.toml',
        lockFile: 'poetry.lock',
        hasGunicorn: true,
      });
    });

    it('detects poetry from [tool.poetry] without a lock file', () => {
      project.write({ 'pyproject.toml': POETRY_PYPROJECT });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'poetry',
        file: 'pyproject.toml',
        lockFile: null,
        hasGunicorn: true,
      });
    });

    it('reads Poetry 2 [project] dependencies', () => {
      project.write({
        'pyproject.toml':
          '[project]\nname = "api"\ndependencies = ["django (>=5.1)", "gunicorn (>=23)"]\n',
        'poetry.lock': '',
      });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'poetry',
        file: 'pyproject.toml',
        lockFile: 'poetry.lock',
        hasGunicorn: true,
      });
    });

    it('prefers uv over poetry and requirements', () => {
      project.write({
        'pyproject.toml': UV_PYPROJECT,
        'uv.lock': '',
        'poetry.lock': '',
        'requirements.txt': 'django\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.manager).toBe('uv');
    });

    it('prefers poetry over requirements', () => {
      project.write({
        'pyproject.toml': POETRY_PYPROJECT,
        'poetry.lock': '',
        'requirements.txt': 'django\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.manager).toBe('poetry');
    });

    it.each([
      [['requirements.txt'], 'requirements.txt'],
      [['requirements/base.txt'], 'requirements/base.txt'],
      [['requirements.txt', 'requirements/base.txt'], 'requirements.txt'],
      [['requirements.txt', 'requirements/prod.txt'], 'requirements/prod.txt'],
      [
        ['requirements.txt', 'requirements/prod.txt', 'requirements/production.txt'],
        'requirements/production.txt',
      ],
      [
        ['requirements/base.txt', 'requirements/local.txt', 'requirements/production.txt'],
        'requirements/production.txt',
      ],
      [['src/requirements.txt'], 'src/requirements.txt'],
      [['requirements.txt', 'src/requirements.txt'], 'requirements.txt'],
      [['src/requirements/production.txt', 'requirements.txt'], 'src/requirements/production.txt'],
    ])('picks the pip requirements file among %j: %s', (files, expected) => {
      project.write(Object.fromEntries(files.map((f) => [f, 'django\n'])));

      expect(detectDependencies(project.src, PROJECT, 'src')).toEqual<DependencyInfo>({
        manager: 'pip',
        file: expected,
        lockFile: null,
        hasGunicorn: false,
      });
    });

    it('detects pipenv from Pipfile and Pipfile.lock', () => {
      project.write({
        Pipfile:
          '[packages]\ndjango = "*"\ngunicorn = {version = "*", extras = ["gevent"]}\n\n[dev-packages]\npytest = "*"\n',
        'Pipfile.lock': '{"default": {"django": {}}, "develop": {}}',
      });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'pipenv',
        file: 'Pipfile',
        lockFile: 'Pipfile.lock',
        hasGunicorn: true,
      });
    });

    it('detects pipenv from Pipfile.lock alone', () => {
      project.write({
        'Pipfile.lock': '{"default": {"gunicorn": {"version": "==23.0.0"}}, "develop": {}}',
      });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'pipenv',
        file: 'Pipfile.lock',
        lockFile: 'Pipfile.lock',
        hasGunicorn: true,
      });
    });

    it('falls back to pip for a pyproject.toml with [project] dependencies and no lock', () => {
      project.write({
        'pyproject.toml': '[project]\nname = "api"\ndependencies = ["Django>=5"]\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'pip',
        file: 'pyproject.toml',
        lockFile: null,
        hasGunicorn: false,
      });
    });

    it('prefers requirements over a plain pyproject.toml', () => {
      project.write({
        'pyproject.toml': '[project]\ndependencies = []\n',
        'requirements.txt': 'django\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.file).toBe('requirements.txt');
    });

    it('finds a uv project in the Django root', () => {
      project.write({ 'backend/pyproject.toml': UV_PYPROJECT, 'backend/uv.lock': '' });

      expect(detectDependencies(project.src, PROJECT, 'backend')).toEqual<DependencyInfo>({
        manager: 'uv',
        file: 'backend/pyproject.toml',
        lockFile: 'backend/uv.lock',
        hasGunicorn: true,
      });
    });

    it.each(['docker/requirements.txt', 'deploy/requirements.txt', 'deploy/requirements/prod.txt'])(
      'finds the only requirements file in a deployment folder: %s',
      (file) => {
        project.write({ [file]: 'django\ngunicorn\n' });

        expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
          manager: 'pip',
          file,
          lockFile: null,
          hasGunicorn: true,
        });
      },
    );

    it('prefers the project root requirements over a deployment folder', () => {
      project.write({ 'requirements.txt': 'django\n', 'docker/requirements.txt': 'django\n' });

      expect(detectDependencies(project.src, PROJECT, '')?.file).toBe('requirements.txt');
    });

    it('returns null when nothing declares dependencies', () => {
      project.write({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n' });

      expect(detectDependencies(project.src, PROJECT, '')).toBeNull();
    });
  });

  describe('gunicorn', () => {
    it.each([
      ['gunicorn', true],
      ['Gunicorn==23.0.0', true],
      ['gunicorn>=22,<24', true],
      ['gunicorn ~= 23.0', true],
      ['gunicorn[gevent]==23.0.0', true],
      ['gunicorn ; sys_platform != "win32"', true],
      ['gunicorn==23.0.0  # the WSGI server', true],
      ['gunicorn==23.0.0 \\\n    --hash=sha256:0123456789abcdef', true],
      ['gunicorn @ https://example.com/gunicorn-23.0.0.tar.gz', true],
      ['django\n# gunicorn', false],
      ['uvicorn[standard]', false],
      ['gunicorn-thrift', false],
      ['django-gunicorn', false],
    ])('reads %j in requirements.txt as %s', (content, expected) => {
      project.write({ 'requirements.txt': `${content}\n` });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(expected);
    });

    it.each([
      ['-r base.txt'],
      ['-rbase.txt'],
      ['--requirement base.txt'],
      ['--requirement=base.txt'],
      ['-r ./base.txt  # shared'],
    ])('follows %j in requirements/production.txt', (include) => {
      project.write({
        'requirements/production.txt': `${include}\npsycopg[binary]\n`,
        'requirements/base.txt': 'django==5.1\ngunicorn==23.0.0\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')).toEqual<DependencyInfo>({
        manager: 'pip',
        file: 'requirements/production.txt',
        lockFile: null,
        hasGunicorn: true,
      });
    });

    it('follows nested includes relative to the including file', () => {
      project.write({
        'requirements.txt': '-r requirements/prod-extra.txt\n',
        'requirements/prod-extra.txt': '-r ../shared/web.txt\n',
        'shared/web.txt': 'Gunicorn>=23\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(true);
    });

    it('survives include cycles', () => {
      project.write({
        'requirements.txt': '-r other.txt\ndjango\n',
        'other.txt': '-r requirements.txt\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(false);
    });

    it('does not count a constraints file (-c)', () => {
      project.write({
        'requirements.txt': '-c constraints.txt\ndjango\n',
        'constraints.txt': 'gunicorn==23.0.0\n',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(false);
    });

    it('does not count a missing include', () => {
      project.write({ 'requirements.txt': '-r missing.txt\ndjango\n' });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(false);
    });

    it('does not count gunicorn in a poetry dev group', () => {
      project.write({
        'pyproject.toml':
          '[tool.poetry.dependencies]\npython = "^3.12"\n\n[tool.poetry.group.dev.dependencies]\ngunicorn = "*"\n',
        'poetry.lock': '',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(false);
    });

    it('does not count gunicorn in a uv dev dependency group', () => {
      project.write({
        'pyproject.toml':
          '[project]\ndependencies = ["django"]\n\n[dependency-groups]\ndev = ["gunicorn"]\n',
        'uv.lock': '',
      });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(false);
    });

    it('does not count gunicorn in Pipfile dev-packages', () => {
      project.write({ Pipfile: '[packages]\ndjango = "*"\n\n[dev-packages]\ngunicorn = "*"\n' });

      expect(detectDependencies(project.src, PROJECT, '')?.hasGunicorn).toBe(false);
    });
  });
});
