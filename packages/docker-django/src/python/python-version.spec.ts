import { useProjectTree } from '../testing/project-tree';
import {
  DEFAULT_PYTHON_VERSION,
  detectPythonVersion,
  isValidPythonVersion,
  normalizePinnedVersion,
  pythonVersionForRange,
} from './python-version';

const PROJECT = 'apps/api';

describe('isValidPythonVersion', () => {
  it.each(['3', '3.12', '3.12.4', '3.9', '3.10.0', '3.13'])('accepts %j', (version) => {
    expect(isValidPythonVersion(version)).toBe(true);
  });

  it.each([
    '3.x',
    'python3',
    '2.7',
    '2',
    '4.0',
    '3.12.4.1',
    '3.12-slim',
    '3.',
    '.3',
    '',
    ' 3.12',
    '3.012',
    'latest',
  ])('rejects %j', (version) => {
    expect(isValidPythonVersion(version)).toBe(false);
  });
});

describe('normalizePinnedVersion', () => {
  it.each([
    ['3.11.7', '3.11.7'],
    ['python-3.11.4', '3.11.4'],
    ['cpython-3.12', '3.12'],
    ['cpython-3.12.4-linux-x86_64-gnu', '3.12.4'],
    ['3.13t', '3.13'],
    ['  3.10\n', '3.10'],
  ])('turns %j into %j', (raw, version) => {
    expect(normalizePinnedVersion(raw)).toBe(version);
  });

  it.each(['system', 'pypy3.10', '2.7.18', '3.x', 'python-2.7'])('gives null for %j', (raw) => {
    expect(normalizePinnedVersion(raw)).toBeNull();
  });
});

describe('pythonVersionForRange', () => {
  it('uses a default that is a valid version', () => {
    expect(isValidPythonVersion(DEFAULT_PYTHON_VERSION)).toBe(true);
  });

  it.each([
    ['>=3.10', DEFAULT_PYTHON_VERSION],
    ['>=3.8,<4', DEFAULT_PYTHON_VERSION],
    ['~=3.11', DEFAULT_PYTHON_VERSION],
    ['>=3.14', '3.14'],
    ['>3.13.99', '3.14'],
    ['>= 3.15, < 3.17', '3.15'],
    ['==3.11.*', '3.11'],
    ['~=3.11.0', '3.11'],
    ['==3.11.4', '3.11.4'],
    ['>=3.8,<3.12', '3.11'],
    ['<3.13', '3.12'],
    ['>=3.10,!=3.13.*', '3.12'],
    ['^3.11', DEFAULT_PYTHON_VERSION],
    ['^3.14', '3.14'],
    ['~3.11', '3.11'],
    ['3.10', '3.10'],
    ['3.10.*', '3.10'],
    ['>=3.9 <3.12', '3.11'],
    ['3.9 || 3.11', '3.11'],
    ['*', DEFAULT_PYTHON_VERSION],
  ])('turns %j into %j', (range, version) => {
    expect(pythonVersionForRange(range)).toBe(version);
  });

  it.each(['<3', '==2.7.*', 'latest', '~=3'])('gives null for %j', (range) => {
    expect(pythonVersionForRange(range)).toBeNull();
  });
});

describe('detectPythonVersion', () => {
  const project = useProjectTree(PROJECT, { 'manage.py': '' });

  it.each([
    ['.python-version', '3.11.7\n', '3.11.7'],
    ['.python-version', '# pinned by pyenv\n\n3.12\n3.11\n', '3.12'],
    ['.python-version', 'python-3.10\n', '3.10'],
    ['.python-version', 'cpython-3.12.4-linux-x86_64-gnu\n', '3.12.4'],
    ['runtime.txt', 'python-3.11.4\n', '3.11.4'],
    [
      'pyproject.toml',
      '[project]\nname = "api"\nrequires-python = ">=3.10"\n',
      DEFAULT_PYTHON_VERSION,
    ],
    ['pyproject.toml', "[project]\nrequires-python = '>=3.14'\n", '3.14'],
    ['pyproject.toml', '[project]\nrequires-python = "==3.11.*"\n', '3.11'],
    ['pyproject.toml', '[project]\nrequires-python = "~=3.11.0"\n', '3.11'],
    [
      'pyproject.toml',
      '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^5.0"\n',
      DEFAULT_PYTHON_VERSION,
    ],
    ['pyproject.toml', '[tool.poetry.dependencies]\npython = "~3.11"\n', '3.11'],
    [
      'pyproject.toml',
      '[tool.poetry]\nname = "api"\n\n[tool.poetry.dependencies]\npython = ">=3.9,<3.12"\n',
      '3.11',
    ],
    ['Pipfile', '[packages]\ndjango = "*"\n\n[requires]\npython_version = "3.10"\n', '3.10'],
    [
      'Pipfile',
      '[requires]\npython_version = "3.10"\npython_full_version = "3.10.14"\n',
      '3.10.14',
    ],
  ])('reads %s containing %j as %j', (file, content, version) => {
    project.write({ [file]: content });

    expect(detectPythonVersion(project.src, PROJECT, '')).toEqual({ version, source: file });
  });

  it('returns null when there is no hint', () => {
    expect(detectPythonVersion(project.src, PROJECT, '')).toBeNull();
  });

  it('looks in the Django root before the project root', () => {
    project.write({ '.python-version': '3.11\n', 'src/.python-version': '3.12\n' });

    expect(detectPythonVersion(project.src, PROJECT, 'src')).toEqual({
      version: '3.12',
      source: 'src/.python-version',
    });
  });

  it('falls back to the project root when the Django root has no hint', () => {
    project.write({ '.python-version': '3.11\n', 'src/manage.py': '' });

    expect(detectPythonVersion(project.src, PROJECT, 'src')).toEqual({
      version: '3.11',
      source: '.python-version',
    });
  });

  it('prefers an exact pin in the project root over a range in the Django root', () => {
    project.write({
      '.python-version': '3.11.9\n',
      'src/pyproject.toml': '[project]\nrequires-python = ">=3.10"\n',
    });

    expect(detectPythonVersion(project.src, PROJECT, 'src')).toEqual({
      version: '3.11.9',
      source: '.python-version',
    });
  });

  it('prefers .python-version over runtime.txt and pyproject.toml', () => {
    project.write({
      '.python-version': '3.12\n',
      'runtime.txt': 'python-3.10.1\n',
      'pyproject.toml': '[project]\nrequires-python = "==3.11.*"\n',
    });

    expect(detectPythonVersion(project.src, PROJECT, '')).toEqual({
      version: '3.12',
      source: '.python-version',
    });
  });

  it('prefers runtime.txt over pyproject.toml', () => {
    project.write({
      'runtime.txt': 'python-3.10.1\n',
      'pyproject.toml': '[project]\nrequires-python = "==3.11.*"\n',
    });

    expect(detectPythonVersion(project.src, PROJECT, '')).toEqual({
      version: '3.10.1',
      source: 'runtime.txt',
    });
  });

  it('prefers requires-python over the poetry python constraint', () => {
    project.write({
      'pyproject.toml':
        '[project]\nrequires-python = "==3.12.*"\n\n[tool.poetry.dependencies]\npython = "~3.10"\n',
    });

    expect(detectPythonVersion(project.src, PROJECT, '')).toEqual({
      version: '3.12',
      source: 'pyproject.toml',
    });
  });

  it.each([
    ['.python-version', 'system\n'],
    ['.python-version', 'pypy3.10\n'],
    ['runtime.txt', 'python-2.7.18\n'],
    ['pyproject.toml', '[project]\nrequires-python = "<3"\n'],
    ['pyproject.toml', '[project\nrequires-python = ">=3.11"\n'],
  ])('passes over %s containing %j', (file, content) => {
    project.write({ [file]: content, Pipfile: '[requires]\npython_version = "3.9"\n' });

    expect(detectPythonVersion(project.src, PROJECT, '')).toEqual({
      version: '3.9',
      source: 'Pipfile',
    });
  });
});
