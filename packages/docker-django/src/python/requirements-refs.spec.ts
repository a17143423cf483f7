import type { PythonPathRef } from './manifest-refs';
import { parseRequirements } from './requirements-refs';

const WORKSPACE = '/repo';
const APP_REQUIREMENTS = 'apps/api/requirements.txt';

function requirementRefs(
  text: string,
  manifest = APP_REQUIREMENTS,
  baseDir?: string,
): PythonPathRef[] {
  return parseRequirements(text, manifest, { workspaceRoot: WORKSPACE, baseDir }).refs;
}

describe('parseRequirements', () => {
  describe('local references', () => {
    it.each<[string, string, Array<Omit<PythonPathRef, 'manifest'>>]>([
      ['-e with a relative path', '-e ../../libs/core', [{ path: 'libs/core' }]],
      ['-e with no space', '-e../../libs/core', [{ path: 'libs/core' }]],
      ['--editable with a space', '--editable ../../libs/core', [{ path: 'libs/core' }]],
      ['--editable=', '--editable=../../libs/core', [{ path: 'libs/core' }]],
      ['a quoted --editable value', '--editable="../../libs/my lib"', [{ path: 'libs/my lib' }]],
      ['-e with extras', '-e ../../libs/core[dev,test]', [{ path: 'libs/core' }]],
      ['-e with an #egg fragment', '-e ../../libs/core#egg=core', [{ path: 'libs/core' }]],
      ['-e with a relative file: URL', '-e file:../../libs/core#egg=core', [{ path: 'libs/core' }]],
      ['-e . (the project itself)', '-e .', [{ path: 'apps/api' }]],
      ['a bare ../ path', '../../libs/core', [{ path: 'libs/core' }]],
      ['a bare ./ path', './vendor/toolkit', [{ path: 'apps/api/vendor/toolkit' }]],
      ['a bare path with a trailing slash', '../../libs/core/', [{ path: 'libs/core' }]],
      ['a bare path with extras', '../../libs/core[redis]', [{ path: 'libs/core' }]],
      ['a bare path into a library subfolder', '../../libs/core/src', [{ path: 'libs/core/src' }]],
      ['a bare absolute path inside the workspace', '/repo/libs/core', [{ path: 'libs/core' }]],
      ['a bare relative file: URL', 'file:../../libs/core#egg=core', [{ path: 'libs/core' }]],
      [
        'name @ a relative file: URL',
        'core @ file:../../libs/core',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'name @ file: without spaces',
        'core@file:../../libs/core',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'name[extras] @ file:',
        'Core_Lib[redis] @ file:../../libs/core',
        [{ path: 'libs/core', name: 'core-lib' }],
      ],
      [
        'name @ file:/// inside the workspace',
        'core @ file:///repo/libs/core',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'name @ file://localhost/',
        'core @ file://localhost/repo/libs/core',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'a percent-encoded file: URL',
        'core @ file:///repo/libs/my%20core',
        [{ path: 'libs/my core', name: 'core' }],
      ],
      [
        'an environment marker',
        '-e ../../libs/core ; python_version >= "3.11"',
        [{ path: 'libs/core' }],
      ],
      [
        'a marker after name @ url',
        'core @ file:../../libs/core ; sys_platform == "linux"',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'a marker after a bare path',
        '../../libs/core; python_version<"4"',
        [{ path: 'libs/core' }],
      ],
      [
        'a marker glued to name @ url',
        'core @ file:../../libs/core;python_version<"4"',
        [{ path: 'libs/core', name: 'core' }],
      ],
      ['a trailing comment', '-e ../../libs/core  # shared models', [{ path: 'libs/core' }]],
      [
        'per-requirement options',
        '../../libs/core --config-settings editable_mode=compat',
        [{ path: 'libs/core' }],
      ],
      ['a continuation line', '-e \\\n  ../../libs/core', [{ path: 'libs/core' }]],
      [
        'CRLF line endings',
        '-e ../../libs/core\r\n../../libs/auth\r\n',
        [{ path: 'libs/core' }, { path: 'libs/auth' }],
      ],
      ['a path to the workspace root', '-e ../..', [{ path: '.' }]],
    ])('reads %s', (_case, text, expected) => {
      expect(requirementRefs(text)).toEqual(
        expected.map((ref) => ({ manifest: APP_REQUIREMENTS, ...ref })),
      );
    });
  });

  describe('lines that declare no local reference', () => {
    it.each([
      ['a pinned requirement', 'django==5.0.4'],
      ['a requirement with a marker', 'pywin32>=306 ; sys_platform == "win32"'],
      ['a requirement with extras', 'celery[redis]>=5'],
      ['a requirement with hashes', 'django==5.0.4 \\\n    --hash=sha256:abc123'],
      ['a comment line', '# -e ../../libs/core'],
      ['an indented comment line', '   # ../../libs/core'],
      [
        'index options',
        '-i https://pypi.org/simple\n--extra-index-url https://pypi.example.com/simple',
      ],
      ['find-links to a local folder', '--find-links ../../wheels\n-f ../../wheels'],
      ['other global options', '--pre\n--no-binary :all:\n--trusted-host example.com'],
      ['a VCS editable', '-e git+https://github.com/org/core.git#egg=core'],
      ['a remote direct reference', 'core @ https://example.com/core-1.0.tar.gz'],
      ['a VCS direct reference', 'core @ git+https://github.com/org/core.git@v1'],
      ['a file: URL on another host', 'core @ file://fileserver/share/core'],
      ['an absolute path outside the workspace', '/opt/libs/core'],
      ['a file:/// URL outside the workspace', 'core @ file:///opt/libs/core'],
      ['a relative path leaving the workspace', '-e ../../../elsewhere/core'],
      ['an unexpanded environment variable', '-e ${LIBS}/core\ncore @ file://${PWD}/libs/core'],
      ['a lone option without a value', '-e'],
      ['a bare name that looks like a folder', 'libs/core'],
      ['an empty file', ''],
    ])('ignores %s', (_case, text) => {
      expect(requirementRefs(text)).toEqual([]);
    });

    it('ignores absolute references when no workspace root is given', () => {
      expect(
        parseRequirements('/repo/libs/core\ncore @ file:///repo/libs/core', APP_REQUIREMENTS).refs,
      ).toEqual([]);
    });
  });

  describe('includes', () => {
    it.each([
      ['-r', '-r base.txt', ['apps/api/base.txt']],
      ['-r with no space', '-rbase.txt', ['apps/api/base.txt']],
      ['--requirement', '--requirement base.txt', ['apps/api/base.txt']],
      ['--requirement=', '--requirement=requirements/base.txt', ['apps/api/requirements/base.txt']],
      ['-c', '-c constraints.txt', ['apps/api/constraints.txt']],
      ['--constraint=', '--constraint=../../constraints.txt', ['constraints.txt']],
      ['a remote include', '-r https://example.com/requirements.txt', []],
      ['an include outside the workspace', '-r ../../../shared.txt', []],
      ['a commented-out include', '# -r base.txt', []],
    ])('reads %s', (_case, text, includes) => {
      expect(
        parseRequirements(text, APP_REQUIREMENTS, { workspaceRoot: WORKSPACE }).includes,
      ).toEqual(includes);
    });

    it('resolves includes from the including file, not from the base folder (as pip and uv do)', () => {
      const parsed = parseRequirements(
        '-r base.txt\n-e ../../libs/core',
        'apps/api/requirements/dev.txt',
        {
          workspaceRoot: WORKSPACE,
          baseDir: 'apps/api',
        },
      );

      expect(parsed.includes).toEqual(['apps/api/requirements/base.txt']);
      expect(parsed.refs).toEqual([
        {
          manifest: 'apps/api/requirements/dev.txt',
          path: 'libs/core',
          fallbackPath: 'apps/libs/core',
        },
      ]);
    });
  });

  describe('the base folder of requirement paths', () => {
    it('defaults to the manifest folder', () => {
      expect(requirementRefs('-e ../../libs/core', 'apps/api/requirements/dev.txt')).toEqual([
        { manifest: 'apps/api/requirements/dev.txt', path: 'apps/libs/core' },
      ]);
    });

    it('falls back to the manifest folder when the base folder would leave the workspace', () => {
      expect(
        requirementRefs('-e ../../../libs/core', 'apps/api/requirements/dev.txt', 'apps/api'),
      ).toEqual([{ manifest: 'apps/api/requirements/dev.txt', path: 'libs/core' }]);
    });

    it('sets no fallback when both folders agree', () => {
      expect(requirementRefs('-e ../../libs/core', APP_REQUIREMENTS, 'apps/api')).toEqual([
        { manifest: APP_REQUIREMENTS, path: 'libs/core' },
      ]);
    });

    it('keeps absolute references independent of the base folder', () => {
      expect(
        requirementRefs('/repo/libs/core', 'apps/api/requirements/dev.txt', 'apps/api'),
      ).toEqual([{ manifest: 'apps/api/requirements/dev.txt', path: 'libs/core' }]);
    });
  });

  it('reads every reference of a realistic file in order', () => {
    const text = [
      '# Django app requirements',
      '-r requirements/base.txt',
      '--index-url https://pypi.org/simple',
      'django>=5.0,<6',
      'gunicorn==22.0.0 ; sys_platform != "win32"',
      '-e ../../libs/core[admin]  # shared models',
      'auth @ file:../../libs/auth',
      '../../libs/payments',
      'requests[socks]==2.32.3 \\',
      '    --hash=sha256:deadbeef',
    ].join('\n');

    expect(parseRequirements(text, APP_REQUIREMENTS, { workspaceRoot: WORKSPACE })).toEqual({
      refs: [
        { manifest: APP_REQUIREMENTS, path: 'libs/core' },
        { manifest: APP_REQUIREMENTS, path: 'libs/auth', name: 'auth' },
        { manifest: APP_REQUIREMENTS, path: 'libs/payments' },
      ],
      includes: ['apps/api/requirements/base.txt'],
    });
  });

  it('accepts Windows separators in the manifest path', () => {
    expect(requirementRefs('-e ../../libs/core', 'apps\\api\\requirements.txt')).toEqual([
      { manifest: APP_REQUIREMENTS, path: 'libs/core' },
    ]);
  });
});
