import { useProjectTree } from '../testing/project-tree';
import { detectDependencies } from './dependency-manager';
import { readDependencyDetails } from './dependency-details';
import { readLockedVersions } from './locked-versions';

const PROJECT = 'apps/api';

describe('readLockedVersions', () => {
  const project = useProjectTree(PROJECT, { 'manage.py': '' });
  const locked = () => {
    const info = detectDependencies(project.src, PROJECT, '');
    if (info === null) throw new Error('no dependency file');
    const details = readDependencyDetails(project.src, PROJECT, info);
    return readLockedVersions(project.src, PROJECT, info, details.requirements);
  };

  it('reads == pins of a requirements file and its -r includes, with file and line', () => {
    project.write({
      'requirements.txt': '# production\n-r requirements/base.txt\ngunicorn==23.0.0\n',
      'requirements/base.txt':
        'Django>=4.2,<5\npsycopg2-binary == 2.9.6 ; python_version >= "3.8"\n',
    });

    expect(locked()).toEqual([
      { name: 'gunicorn', version: '23.0.0', file: 'requirements.txt', line: 3 },
      { name: 'psycopg2-binary', version: '2.9.6', file: 'requirements/base.txt', line: 2 },
    ]);
  });

  it('walks uv.lock from the project through its dependencies and production groups only', () => {
    project.write({
      'pyproject.toml':
        '[project]\nname = "api"\ndependencies = ["django"]\n[dependency-groups]\nprod = ["gunicorn"]\ndev = ["numpy"]\n',
      'uv.lock': [
        'version = 1',
        '[[package]]',
        'name = "api"',
        'version = "0.1.0"',
        'source = { virtual = "." }',
        'dependencies = [{ name = "django" }]',
        '[package.dev-dependencies]',
        'prod = [{ name = "gunicorn" }]',
        'dev = [{ name = "numpy" }]',
        '[[package]]',
        'name = "django"',
        'version = "4.2.7"',
        'dependencies = [{ name = "asgiref" }]',
        '[[package]]',
        'name = "asgiref"',
        'version = "3.8.1"',
        '[[package]]',
        'name = "gunicorn"',
        'version = "23.0.0"',
        '[[package]]',
        'name = "numpy"',
        'version = "1.26.4"',
        '',
      ].join('\n'),
    });

    expect(locked().map((p) => `${p.name}==${p.version}@${p.line}`)).toEqual([
      'django==4.2.7@11',
      'asgiref==3.8.1@15',
      'gunicorn==23.0.0@18',
    ]);
  });

  it('follows the extras a uv.lock dependency asks for (gunicorn[gevent])', () => {
    project.write({
      'pyproject.toml': '[project]\nname = "api"\ndependencies = ["gunicorn[gevent]"]\n',
      'uv.lock': [
        '[[package]]',
        'name = "api"',
        'version = "0.1.0"',
        'source = { editable = "." }',
        'dependencies = [{ name = "gunicorn", extra = ["gevent"] }]',
        '[[package]]',
        'name = "gunicorn"',
        'version = "23.0.0"',
        '[package.optional-dependencies]',
        'gevent = [{ name = "gevent" }]',
        'eventlet = [{ name = "eventlet" }]',
        '[[package]]',
        'name = "gevent"',
        'version = "23.9.1"',
        '[[package]]',
        'name = "eventlet"',
        'version = "0.36.1"',
        '',
      ].join('\n'),
    });

    expect(locked().map((p) => p.name)).toEqual(['gunicorn', 'gevent']);
  });

  it('keeps poetry.lock packages of the main and production groups (Poetry 2 groups, Poetry 1 category)', () => {
    project.write({
      'pyproject.toml':
        '[tool.poetry]\nname = "api"\n[tool.poetry.dependencies]\npython = "^3.10"\n',
      'poetry.lock': [
        '[[package]]',
        'name = "Django"',
        'version = "5.0.4"',
        'groups = ["main"]',
        '[[package]]',
        'name = "numpy"',
        'version = "1.26.4"',
        'groups = ["dev"]',
        '[[package]]',
        'name = "gunicorn"',
        'version = "22.0.0"',
        'groups = ["production"]',
        '[[package]]',
        'name = "pillow"',
        'version = "10.0.0"',
        'category = "main"',
        '',
      ].join('\n'),
    });

    expect(locked().map((p) => `${p.name}==${p.version}@${p.line}`)).toEqual([
      'django==5.0.4@2',
      'gunicorn==22.0.0@10',
      'pillow==10.0.0@14',
    ]);
  });

  it("reads Pipfile.lock's default section, not develop", () => {
    project.write({
      Pipfile: '[packages]\ndjango = "*"\n',
      'Pipfile.lock': JSON.stringify(
        {
          default: { 'psycopg2-binary': { version: '==2.8.5' }, django: { version: '==3.1.8' } },
          develop: { numpy: { version: '==1.19.0' } },
        },
        null,
        4,
      ),
    });

    expect(locked()).toEqual([
      { name: 'psycopg2-binary', version: '2.8.5', file: 'Pipfile.lock', line: 3 },
      { name: 'django', version: '3.1.8', file: 'Pipfile.lock', line: 6 },
    ]);
  });

  it('reads == pins of a pyproject.toml without a lock', () => {
    project.write({
      'pyproject.toml':
        '[project]\nname = "api"\ndependencies = [\n  "django==4.2.8",\n  "lxml>=4",\n]\n',
    });

    expect(locked()).toEqual([
      { name: 'django', version: '4.2.8', file: 'pyproject.toml', line: 4 },
    ]);
  });

  it("reads a Poetry dependency's bare version as the exact pin it is when there is no lock", () => {
    project.write({
      'pyproject.toml':
        '[tool.poetry]\nname = "api"\n[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "4.2.1"\npsycopg2-binary = "==2.9.6"\nwhitenoise = "^6.4"\n',
    });

    expect(locked()).toEqual([
      { name: 'django', version: '4.2.1', file: 'pyproject.toml', line: 5 },
      { name: 'psycopg2-binary', version: '2.9.6', file: 'pyproject.toml', line: 6 },
    ]);
  });

  it('walks a poetry.lock without groups (lock-version 2.0) from the production requirements', () => {
    project.write({
      'pyproject.toml':
        '[tool.poetry]\nname = "api"\n[tool.poetry.dependencies]\npython = "^3.10"\ndjango = "^4.2"\n[tool.poetry.group.dev.dependencies]\nnumpy = "*"\n',
      'poetry.lock': [
        '[[package]]',
        'name = "django"',
        'version = "4.2.7"',
        '[package.dependencies]',
        'asgiref = ">=3.6.0,<4"',
        'argon2-cffi = {version = ">=19.1.0", optional = true}',
        '[[package]]',
        'name = "asgiref"',
        'version = "3.7.2"',
        '[[package]]',
        'name = "argon2-cffi"',
        'version = "23.1.0"',
        '[[package]]',
        'name = "numpy"',
        'version = "1.26.4"',
        '[metadata]',
        'lock-version = "2.0"',
        '',
      ].join('\n'),
    });

    expect(locked().map((p) => `${p.name}==${p.version}`)).toEqual([
      'django==4.2.7',
      'asgiref==3.7.2',
    ]);
  });
});
