import { readRequirementsFile, requirementLines, requirementsClosure } from './requirements';

describe('requirementLines', () => {
  it('joins a line ending in a backslash with the next, as pip does', () => {
    expect(requirementLines('django>=5 \\\n    --hash=sha256:abc\ngunicorn\n')).toEqual([
      'django>=5     --hash=sha256:abc',
      'gunicorn',
    ]);
  });

  it('drops comments and blank lines but keeps a URL fragment', () => {
    expect(requirementLines('# top\n\nx @ file:../x#egg=x  # why\n')).toEqual([
      'x @ file:../x#egg=x',
    ]);
  });
});

describe('readRequirementsFile', () => {
  it('separates includes, editable installs and requirements, keeping their order', () => {
    const file = readRequirementsFile(
      [
        '-r base.txt',
        '--constraint=constraints.txt',
        '-e ../../libs/core',
        'django',
        '-c"quoted.txt"',
      ].join('\n'),
    );

    expect(file.includes).toEqual([
      { kind: 'requirement', path: 'base.txt' },
      { kind: 'constraint', path: 'constraints.txt' },
      { kind: 'constraint', path: 'quoted.txt' },
    ]);
    expect(file.installs).toEqual([
      { editable: true, spec: '../../libs/core' },
      { editable: false, spec: 'django' },
    ]);
  });

  it('reads an include split over a continuation line', () => {
    expect(readRequirementsFile('-r \\\nbase.txt\n').includes).toEqual([
      { kind: 'requirement', path: 'base.txt' },
    ]);
  });
});

describe('requirementsClosure', () => {
  const files: Record<string, string> = {
    'requirements.txt': '-r requirements/base.txt\n-c constraints.txt\ngunicorn\n',
    'requirements/base.txt': '-r common.txt\ndjango\n',
    'requirements/common.txt': '-r ../requirements.txt\n',
    'constraints.txt': 'django<6\n',
  };
  const read = (file: string) => files[file] ?? null;

  it('follows -r and -c relative to the including file, each file once', () => {
    expect(requirementsClosure(read, 'requirements.txt').map(({ file }) => file)).toEqual([
      'requirements.txt',
      'requirements/base.txt',
      'requirements/common.txt',
      'constraints.txt',
    ]);
  });

  it('follows only the include kinds asked for', () => {
    expect(
      requirementsClosure(read, 'requirements.txt', ['requirement']).map(({ file }) => file),
    ).not.toContain('constraints.txt');
  });

  it('leaves out a file that cannot be read, and includes that are URLs or variables', () => {
    const only = (text: string) => (file: string) => (file === 'main.txt' ? text : null);
    expect(
      requirementsClosure(
        only('-r missing.txt\n-r https://x.example/r.txt\n-r ${DIR}/r.txt'),
        'main.txt',
      ),
    ).toHaveLength(1);
  });
});
