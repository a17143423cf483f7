import { useProjectTree } from '../testing/project-tree';
import { detectDependencies } from './dependency-manager';
import { readDependencyDetails } from './dependency-details';

const PROJECT = 'apps/api';

describe('readDependencyDetails', () => {
  const project = useProjectTree(PROJECT, { 'manage.py': '' });
  const details = () => {
    const info = detectDependencies(project.src, PROJECT, '');
    if (info === null) throw new Error('no dependency file');
    return readDependencyDetails(project.src, PROJECT, info);
  };

  it('adds the uv dependency groups meant for production, and knows gunicorn sits there', () => {
    project.write({
      'pyproject.toml': [
        '[project]',
        'dependencies = ["django==5.2"]',
        '[dependency-groups]',
        'dev = ["pytest", { include-group = "tests" }]',
        'tests = ["coverage"]',
        'prod = ["gunicorn==23.0.0", { include-group = "db" }]',
        'db = ["psycopg[c]==3.3"]',
        '',
      ].join('\n'),
      'uv.lock': 'version = 1\n',
    });

    expect(details()).toMatchObject({
      productionGroups: ['prod'],
      productionExtras: [],
      gunicornIn: 'prod',
      names: ['django', 'gunicorn', 'psycopg'],
    });
  });

  it.each(['prod', 'production', 'deploy', 'webserver'])(
    'adds the extra named %s, not the others',
    (extra) => {
      project.write({
        'pyproject.toml': `[project]\ndependencies = ["django"]\n[project.optional-dependencies]\n${extra} = ["granian~=2.7"]\nmariadb = ["mysqlclient"]\n`,
        'uv.lock': 'version = 1\n',
      });

      expect(details()).toMatchObject({ productionExtras: [extra], names: ['django', 'granian'] });
    },
  );

  it('adds the extra that brings the PostgreSQL driver, not the MySQL one', () => {
    project.write({
      'pyproject.toml':
        '[project]\ndependencies = ["django"]\n[project.optional-dependencies]\npgsql = ["psycopg2>=2.9"]\nmysql = ["mysqlclient"]\n',
      'uv.lock': '',
    });

    expect(details()).toMatchObject({ productionExtras: ['pgsql'], names: ['django', 'psycopg2'] });
  });

  it('reads Poetry main dependencies and production groups', () => {
    project.write({
      'pyproject.toml': [
        '[tool.poetry.dependencies]',
        'python = "^3.12"',
        'Django = "5.2.1"',
        '[tool.poetry.group.production.dependencies]',
        'gunicorn = { version = "^23.0", extras = ["gevent"] }',
        '[tool.poetry.group.dev.dependencies]',
        'pytest = "*"',
        '',
      ].join('\n'),
      'poetry.lock': '',
    });

    expect(details()).toMatchObject({
      productionGroups: ['production'],
      gunicornIn: 'production',
      names: ['django', 'gunicorn'],
    });
  });

  it('says gunicorn is a main dependency of a requirements file and its includes', () => {
    project.write({
      'requirements.txt': '-r requirements/base.txt\n',
      'requirements/base.txt': 'Django==5.2\ngunicorn==23.0.0\n',
    });

    expect(details()).toMatchObject({ gunicornIn: 'main', needsGit: false });
  });

  it.each([
    [
      'a git+https requirement line',
      { 'requirements.txt': 'git+https://github.com/a/b.git@abc#egg=b\n' },
    ],
    ['a direct reference', { 'requirements.txt': 'b @ git+https://github.com/a/b.git\n' }],
    [
      'a uv git source',
      {
        'pyproject.toml':
          '[project]\ndependencies = ["b"]\n[tool.uv.sources]\nb = { git = "https://github.com/a/b" }\n',
        'uv.lock': '',
      },
    ],
    [
      'a Poetry git dependency',
      {
        'pyproject.toml':
          '[tool.poetry.dependencies]\nb = { git = "https://github.com/a/b.git" }\n',
        'poetry.lock': '',
      },
    ],
    [
      'a Pipfile git package',
      { Pipfile: '[packages]\nb = { git = "https://github.com/a/b.git" }\n' },
    ],
  ])('flags %s as needing git', (_, files) => {
    project.write(files);

    expect(details().needsGit).toBe(true);
  });

  it('names a bare VCS requirement by its #egg=', () => {
    project.write({
      'requirements.txt': 'git+https://github.com/a/tagulous.git@abc#egg=django-tagulous\n',
    });

    expect(details().names).toEqual(['django-tagulous']);
  });

  it('installs Pipfile categories meant for production with [packages], not the others', () => {
    project.write({
      Pipfile:
        '[packages]\ndjango = "*"\n[prod]\ngunicorn = "*"\n[docs]\nsphinx = "*"\n[dev-packages]\npytest = "*"\n[requires]\npython_version = "3.12"\n',
    });

    expect(details()).toMatchObject({
      productionGroups: ['prod'],
      gunicornIn: 'prod',
      names: ['django', 'gunicorn'],
    });
  });

  it('lists the groups, extras and categories the image does not install, with what they hold', () => {
    project.write({
      'pyproject.toml':
        '[project]\ndependencies = ["django"]\n[project.optional-dependencies]\ndocs = ["sphinx"]\n[dependency-groups]\ndev = ["gunicorn", "pytest"]\nprod = ["whitenoise"]\n',
      'uv.lock': '',
    });

    expect(details().notInstalled).toEqual([
      { kind: 'dependency group', name: 'dev', names: ['gunicorn', 'pytest'] },
      { kind: 'extra', name: 'docs', names: ['sphinx'] },
    ]);
  });

  it('does not ask for git for a git package in a Pipfile category the image does not install', () => {
    project.write({
      Pipfile:
        '[packages]\ndjango = "*"\n[dev-packages]\nb = { git = "https://github.com/a/b.git" }\n',
    });

    expect(details().needsGit).toBe(false);
  });

  it.each([
    [
      'a uv git source used only by the dev group',
      {
        'pyproject.toml':
          '[project]\ndependencies = ["django"]\n[dependency-groups]\ndev = ["b"]\n[tool.uv.sources]\nb = { git = "https://github.com/a/b" }\n',
        'uv.lock': '',
      },
    ],
    [
      'a Poetry git dependency of the dev group',
      {
        'pyproject.toml':
          '[tool.poetry.dependencies]\ndjango = "*"\n[tool.poetry.group.dev.dependencies]\nb = { git = "https://github.com/a/b.git" }\n',
        'poetry.lock': '',
      },
    ],
  ])('does not ask for git for %s', (_, files) => {
    project.write(files);

    expect(details().needsGit).toBe(false);
  });

  it.each([
    ['-e git+https://github.com/a/b.git@v1#egg=b\n', true],
    ['b @ git+https://github.com/a/b.git@v1\n', false],
    ['-e ../libs/b\n', false],
  ])('knows whether %j is an editable VCS requirement', (requirements, editable) => {
    project.write({ 'requirements.txt': requirements });

    expect(details().editableVcs).toBe(editable);
  });

  it('reads a Pipfile.lock without its Pipfile: the default section and its git entries', () => {
    project.write({
      'Pipfile.lock': JSON.stringify({
        default: {
          psycopg2: { version: '==2.9.9' },
          x: { git: 'https://github.com/a/x.git', ref: 'abc' },
        },
        develop: { pytest: { version: '==8.0' } },
      }),
    });

    expect(details()).toMatchObject({ names: ['psycopg2', 'x'], needsGit: true });
  });
});
