import { useProjectTree } from '../testing/project-tree';
import { describePythonChoice, choosePythonVersion, givenPythonVersion } from './python-choice';
import type { LockedVersion } from './locked-versions';

const PROJECT = 'apps/api';
const pin = (name: string, version: string, line = 3): LockedVersion => ({
  name,
  version,
  file: 'requirements.txt',
  line,
});

describe('choosePythonVersion', () => {
  const project = useProjectTree(PROJECT, { 'manage.py': '' });
  const choose = (locked: LockedVersion[]) => choosePythonVersion(project.src, PROJECT, '', locked);

  it('narrows a requires-python range to what psycopg2-binary==2.9.6 installs on', () => {
    project.write({ 'pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.9"\n' });

    const choice = choose([pin('psycopg2-binary', '2.9.6')]);

    expect(choice).toMatchObject({
      version: '3.11',
      source: 'pyproject.toml',
      line: 3,
      explicit: false,
      unnarrowed: '3.13',
      conflicts: [],
    });
    expect(choice.narrowedBy.map((b) => `${b.name}==${b.version}`)).toEqual([
      'psycopg2-binary==2.9.6',
    ]);
  });

  it('narrows the default when the project names no version', () => {
    expect(choose([pin('django', '4.2.8'), pin('numpy', '1.26.4')])).toMatchObject({
      version: '3.12',
      source: null,
    });
  });

  it('narrows to 3.7, past its end of life, for a Django 1.11 project (nothing newer runs it)', () => {
    expect(choose([pin('django', '1.11.29')])).toMatchObject({ version: '3.7', conflicts: [] });
  });

  it('takes the lowest bound of several', () => {
    expect(choose([pin('django', '4.2.8'), pin('psycopg2', '2.9.3')]).version).toBe('3.10');
  });

  it('narrows a CI matrix to the newest entry the locks allow', () => {
    project.write({
      '.github/workflows/ci.yml':
        'jobs:\n  t:\n    strategy:\n      matrix:\n        python-version: ["3.10", "3.11", "3.12"]\n',
    });

    expect(choose([pin('psycopg2-binary', '2.9.6')])).toMatchObject({
      version: '3.11',
      source: '.github/workflows/ci.yml',
      line: 5,
    });
  });

  it('keeps a version the project names, and lists the packages it breaks', () => {
    project.write({ '.python-version': '3.12\n' });

    const choice = choose([pin('psycopg2-binary', '2.9.6'), pin('django', '4.2.8')]);

    expect(choice).toMatchObject({ version: '3.12', explicit: true, narrowedBy: [] });
    expect(choice.conflicts.map((b) => b.name)).toEqual(['psycopg2-binary']);
  });

  it('keeps the range choice and lists the conflicts when no allowed version suits every lock', () => {
    project.write({ 'pyproject.toml': '[project]\nrequires-python = ">=3.12"\n' });

    const choice = choose([pin('psycopg2-binary', '2.9.6')]);

    expect(choice).toMatchObject({ version: '3.13', narrowedBy: [] });
    expect(choice.conflicts.map((b) => b.name)).toEqual(['psycopg2-binary']);
  });

  it('holds no bound against a major-only version', () => {
    project.write({ '.python-version': '3\n' });

    expect(choose([pin('psycopg2-binary', '2.9.6')])).toMatchObject({
      version: '3',
      conflicts: [],
    });
  });

  it('is not moved by a lock that fits', () => {
    project.write({ 'pyproject.toml': '[project]\nrequires-python = ">=3.10"\n' });

    expect(choose([pin('psycopg2-binary', '2.9.10'), pin('requests', '2.32.3')])).toMatchObject({
      version: '3.13',
      narrowedBy: [],
      conflicts: [],
    });
  });
});

describe('describePythonChoice', () => {
  const project = useProjectTree(PROJECT, { 'manage.py': '' });

  it('says what was chosen, from which file and line, what narrowed it and how to change it', () => {
    project.write({ 'pyproject.toml': '[project]\nrequires-python = ">=3.9"\n' });
    const choice = choosePythonVersion(project.src, PROJECT, '', [
      pin('psycopg2-binary', '2.9.6', 7),
    ]);

    expect(describePythonChoice(choice, PROJECT)).toEqual({
      summary:
        'Python 3.11, from apps/api/pyproject.toml line 2, narrowed from 3.13 because the locked ' +
        'psycopg2-binary==2.9.6 (requirements.txt line 7), which supports Python up to 3.11. ' +
        'Pass --pythonVersion to build with another.',
      warnings: [],
    });
  });

  it('says the default when the project names nothing', () => {
    const choice = choosePythonVersion(project.src, PROJECT, '', []);

    expect(describePythonChoice(choice, PROJECT).summary).toBe(
      'Python 3.13, from the default (the project names no Python version). ' +
        'Pass --pythonVersion to build with another.',
    );
  });

  it('warns, naming the package and its bound, when the named version breaks a lock', () => {
    project.write({ 'runtime.txt': 'python-3.12.1\n' });
    const choice = choosePythonVersion(project.src, PROJECT, '', [pin('psycopg2-binary', '2.9.6')]);

    expect(describePythonChoice(choice, PROJECT).warnings).toEqual([
      'Python 3.12.1 (from apps/api/runtime.txt line 1) does not suit the locked ' +
        'psycopg2-binary==2.9.6 (requirements.txt line 3), which supports Python up to 3.11. ' +
        'The version the project names wins; update psycopg2-binary, or pass --pythonVersion ' +
        'with a version it supports.',
    ]);
  });

  it('warns about a --pythonVersion the locks do not support', () => {
    const locked = [pin('django', '5.0.1')];
    const choice = givenPythonVersion(
      choosePythonVersion(project.src, PROJECT, '', locked),
      '3.9',
      '--pythonVersion',
      locked,
    );

    expect(describePythonChoice(choice, PROJECT).warnings[0]).toMatch(
      /^Python 3\.9 \(from --pythonVersion\) does not suit the locked django==5\.0\.1 \(requirements\.txt line 3\), which supports Python 3\.10 to 3\.12\./,
    );
  });
});
