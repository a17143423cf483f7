import { useProjectTree } from '../testing/project-tree';
import {
  DEFAULT_PYTHON_VERSION,
  detectPythonVersion,
  isValidPythonVersion,
  normalizePinnedVersion,
  pythonVersionForRange,
  readDockerfilePython,
  readWorkflowPython,
  readToxPython,
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

  it.each(['system', 'pypy3.10', '2.7.18', '3.x', 'python-2.7', '3.1garbage', 'python-3.11.4rc!'])(
    'gives null for %j',
    (raw) => {
      expect(normalizePinnedVersion(raw)).toBeNull();
    },
  );
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

    expect(detectPythonVersion(project.src, PROJECT, '')).toMatchObject({ version, source: file });
  });

  it('returns null when there is no hint', () => {
    expect(detectPythonVersion(project.src, PROJECT, '')).toBeNull();
  });

  it('looks in the Django root before the project root', () => {
    project.write({ '.python-version': '3.11\n', 'src/.python-version': '3.12\n' });

    expect(detectPythonVersion(project.src, PROJECT, 'src')).toMatchObject({
      version: '3.12',
      source: 'src/.python-version',
    });
  });

  it('falls back to the project root when the Django root has no hint', () => {
    project.write({ '.python-version': '3.11\n', 'src/manage.py': '' });

    expect(detectPythonVersion(project.src, PROJECT, 'src')).toMatchObject({
      version: '3.11',
      source: '.python-version',
    });
  });

  it('prefers an exact pin in the project root over a range in the Django root', () => {
    project.write({
      '.python-version': '3.11.9\n',
      'src/pyproject.toml': '[project]\nrequires-python = ">=3.10"\n',
    });

    expect(detectPythonVersion(project.src, PROJECT, 'src')).toMatchObject({
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

    expect(detectPythonVersion(project.src, PROJECT, '')).toMatchObject({
      version: '3.12',
      source: '.python-version',
    });
  });

  it('prefers runtime.txt over pyproject.toml', () => {
    project.write({
      'runtime.txt': 'python-3.10.1\n',
      'pyproject.toml': '[project]\nrequires-python = "==3.11.*"\n',
    });

    expect(detectPythonVersion(project.src, PROJECT, '')).toMatchObject({
      version: '3.10.1',
      source: 'runtime.txt',
    });
  });

  it('prefers requires-python over the poetry python constraint', () => {
    project.write({
      'pyproject.toml':
        '[project]\nrequires-python = "==3.12.*"\n\n[tool.poetry.dependencies]\npython = "~3.10"\n',
    });

    expect(detectPythonVersion(project.src, PROJECT, '')).toMatchObject({
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

    expect(detectPythonVersion(project.src, PROJECT, '')).toMatchObject({
      version: '3.9',
      source: 'Pipfile',
    });
  });
});

describe('readDockerfilePython', () => {
  it.each([
    ['FROM python:3.12-slim\n', '3.12'],
    ['FROM python:3.14.7-slim-trixie AS builder\nFROM python:3.14.7-slim-trixie\n', '3.14'],
    ['FROM docker.io/library/python:3.11-bookworm\n', '3.11'],
    ['FROM node:24 AS frontend\nFROM python:3.10.20-alpine3.23 AS build\n', '3.10'],
    ['ARG PYTHON_VERSION=3.14-bookworm\nFROM python:$PYTHON_VERSION AS base\n', '3.14'],
    ['ARG PY=3.11\nFROM python:${PY}-slim\n', '3.11'],
    ['FROM python:${PY:-3.9}-slim\n', '3.9'],
    ['FROM ghcr.io/astral-sh/uv:0.10.0-python3.14-trixie-slim\n', '3.14'],
    ['FROM --platform=$BUILDPLATFORM python:3.12 AS build\n', '3.12'],
  ])('reads %j as %j', (text, version) => {
    expect(readDockerfilePython(text)).toBe(version);
  });

  it.each([
    'FROM quay.io/centos/centos:stream10\n',
    'FROM python:3-slim\n',
    'FROM python:latest\n',
    '# FROM python:3.12\nFROM ubuntu:24.04\n',
  ])('gives null for %j', (text) => {
    expect(readDockerfilePython(text)).toBeNull();
  });
});

describe('readWorkflowPython', () => {
  it.each([
    [
      '      - uses: actions/setup-python@v5\n        with:\n          python-version: 3.11\n',
      '3.11',
    ],
    ["          python-version: '3.13'\n", '3.13'],
    ['      matrix:\n        python-version: [3.12]\n', '3.12'],
    ['      matrix:\n        python-version: ["3.11", "3.12", "3.13", "3.14"]\n', '3.13'],
    ['env:\n  PYTHON_VERSION: 3.12\n    python-version: ${{ env.PYTHON_VERSION }}\n', '3.12'],
    [
      '      matrix:\n        python-version: ["3.11", "3.14"]\n    env:\n      DEFAULT_PYTHON: "3.12"\n',
      '3.12',
    ],
  ])('reads %j as %j', (text, version) => {
    expect(readWorkflowPython(text)).toBe(version);
  });

  it('gives null for a workflow that sets up no Python', () => {
    expect(readWorkflowPython('    python-version: ${{ matrix.python }}\n')).toBeNull();
  });
});

describe('readToxPython', () => {
  it.each([
    ['[tox]\nenvlist = py310\n', '3.10'],
    ['[tox]\nenvlist = py310, py311, py314\n', '3.11'],
    ['[tox]\nenvlist =\n    py{310,312}-django{42,52}\n    lint\n', '3.12'],
  ])('reads %j as %j', (text, version) => {
    expect(readToxPython(text)).toBe(version);
  });
});

describe('detectPythonVersion: every file a project states it in', () => {
  const project = useProjectTree(PROJECT, { 'manage.py': '' });
  const detect = () => detectPythonVersion(project.src, PROJECT, '');

  it('reads .tool-versions', () => {
    project.write({ '.tool-versions': 'nodejs 22.1.0\npython 3.12.4 3.11.9\n' });

    expect(detect()).toMatchObject({ version: '3.12.4', source: '.tool-versions' });
  });

  it("reads a Dockerfile's FROM below the project root, production ones first", () => {
    project.write({
      'docker/dev/Dockerfile': 'FROM python:3.13\n',
      'docker/production/Dockerfile': 'FROM python:3.11-slim\n',
    });

    expect(detect()).toMatchObject({ version: '3.11', source: 'docker/production/Dockerfile' });
  });

  it('prefers a Dockerfile over a range in pyproject.toml', () => {
    project.write({
      Dockerfile: 'FROM python:3.12-slim\n',
      'pyproject.toml': '[project]\nrequires-python = ">=3.11"\n',
    });

    expect(detect()).toMatchObject({ version: '3.12', source: 'Dockerfile' });
  });

  it('prefers a pyproject.toml allowing one minor over a Dockerfile', () => {
    project.write({
      Dockerfile: 'FROM python:3.11-slim\n',
      'pyproject.toml': '[project]\nrequires-python = ">=3.12,<3.13"\n',
    });

    expect(detect()).toMatchObject({ version: '3.12', source: 'pyproject.toml' });
  });

  it('reads the CI workflow of the repository above the project', () => {
    project.write({ '.github/workflows/ci.yml': '    python-version: "3.11"\n' }, '');

    expect(detect()).toMatchObject({ version: '3.11', source: '../../.github/workflows/ci.yml' });
  });

  it('prefers a python-version file beside the workflows', () => {
    project.write({
      '.github/workflows/tests.yml': '      python-version: [3.12, 3.13]\n',
      '.github/workflows/python-version.txt': '3.14\n',
    });

    expect(detect()).toMatchObject({
      version: '3.14',
      source: '.github/workflows/python-version.txt',
    });
  });

  it('reads tox envs when nothing else says', () => {
    project.write({ 'tox.ini': '[tox]\nenvlist = py311\n' });

    expect(detect()).toMatchObject({ version: '3.11', source: 'tox.ini' });
  });

  it('picks the newest classifier a requires-python range allows', () => {
    project.write({
      'pyproject.toml':
        '[project]\nrequires-python = ">=3.10"\nclassifiers = ["Programming Language :: Python :: 3.10", "Programming Language :: Python :: 3.11"]\n',
    });

    expect(detect()).toMatchObject({ version: '3.11', source: 'pyproject.toml' });
  });
});
