import type { PythonPathRef } from './manifest-refs';
import { parsePyproject } from './pyproject-refs';
import { TomlSyntaxError } from './toml';

const WORKSPACE = '/repo';
const APP_PYPROJECT = 'apps/api/pyproject.toml';

function pyprojectRefs(text: string, manifest = APP_PYPROJECT): PythonPathRef[] {
  return parsePyproject(text, manifest, { workspaceRoot: WORKSPACE }).refs;
}

describe('parsePyproject', () => {
  describe('local references', () => {
    it.each<[string, string, Array<Omit<PythonPathRef, 'manifest'>>]>([
      [
        'a uv path source',
        '[tool.uv.sources]\ncore = { path = "../../libs/core" }',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'an editable uv path source',
        '[tool.uv.sources]\ncore = { path = "../../libs/core", editable = true }',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'uv sources as dotted keys',
        '[tool.uv]\nsources.core = { path = "../../libs/core" }',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'uv sources with markers (an array)',
        '[tool.uv.sources]\ncore = [\n  { path = "../../libs/core", marker = "sys_platform == ' +
          '\'linux\'" },\n  { index = "internal" },\n]',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'a poetry path dependency',
        '[tool.poetry.dependencies]\npython = "^3.12"\ncore = { path = "../../libs/core", develop = true }',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'a poetry group dependency',
        '[tool.poetry.group.dev.dependencies]\ntesting-utils = { path = "../../libs/testing" }',
        [{ path: 'libs/testing', name: 'testing-utils' }],
      ],
      [
        'a poetry group with a quoted name',
        '[tool.poetry.group."local.libs".dependencies]\ncore = { path = "../../libs/core" }',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'a legacy poetry dev-dependency',
        '[tool.poetry.dev-dependencies]\ncore = { path = "../../libs/core" }',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'poetry multiple constraints',
        '[tool.poetry.dependencies]\ncore = [{ path = "../../libs/core", python = ">=3.12" }, { ' +
          'version = "1.0", python = "<3.12" }]',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'a PEP 621 dependency @ a relative file: URL',
        '[project]\ndependencies = ["django>=5", "Core.Lib @ file:../../libs/core"]',
        [{ path: 'libs/core', name: 'core-lib' }],
      ],
      [
        'a PEP 621 dependency with extras and a marker',
        '[project]\ndependencies = [\'core[redis] @ file:../../libs/core ; python_version >= "3.12"\']',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'a PEP 621 dependency @ file:/// inside the workspace',
        '[project]\ndependencies = ["core @ file:///repo/libs/core"]',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'the PDM ${PROJECT_ROOT} form',
        '[project]\ndependencies = ["core @ file:///${PROJECT_ROOT}/../../libs/core"]',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'the hatch {root:uri} form',
        '[project]\ndependencies = ["core @ {root:uri}/../../libs/core"]',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'the hatch {root:parent:uri} form',
        '[project]\ndependencies = ["core @ {root:parent:parent:uri}/libs/core"]',
        [{ path: 'libs/core', name: 'core' }],
      ],
      [
        'optional dependencies',
        '[project.optional-dependencies]\ndev = ["testing @ file:../../libs/testing"]',
        [{ path: 'libs/testing', name: 'testing' }],
      ],
      [
        'dependency groups (PEP 735)',
        '[dependency-groups]\ndev = [{ include-group = "test" }, "testing @ ' +
          'file:../../libs/testing"]\ntest = ["pytest"]',
        [{ path: 'libs/testing', name: 'testing' }],
      ],
      [
        'a PDM editable dev dependency',
        '[tool.pdm.dev-dependencies]\ndev = ["-e file:///${PROJECT_ROOT}/../../libs/core#egg=core"]',
        [{ path: 'libs/core' }],
      ],
      [
        'a path into a library subfolder',
        '[tool.uv.sources]\ncore = { path = "../../libs/core/dist/core-1.0-py3-none-any.whl" }',
        [{ path: 'libs/core/dist/core-1.0-py3-none-any.whl', name: 'core' }],
      ],
      [
        'an absolute path inside the workspace',
        '[tool.uv.sources]\ncore = { path = "/repo/libs/core" }',
        [{ path: 'libs/core', name: 'core' }],
      ],
    ])('reads %s', (_case, text, expected) => {
      expect(pyprojectRefs(text)).toEqual(
        expected.map((ref) => ({ manifest: APP_PYPROJECT, ...ref })),
      );
    });
  });

  describe('entries that declare no local reference', () => {
    it.each([
      ['registry dependencies', '[project]\ndependencies = ["django>=5", "core"]'],
      ['a uv index source', '[tool.uv.sources]\ncore = { index = "internal" }'],
      ['a uv git source', '[tool.uv.sources]\ncore = { git = "https://github.com/org/core" }'],
      ['a uv url source', '[tool.uv.sources]\ncore = { url = "https://example.com/core.tar.gz" }'],
      ['a poetry version constraint', '[tool.poetry.dependencies]\ndjango = "^5.0"'],
      [
        'a poetry git dependency',
        '[tool.poetry.dependencies]\ncore = { git = "https://github.com/org/core.git" }',
      ],
      [
        'a remote direct reference',
        '[project]\ndependencies = ["core @ https://example.com/core.tar.gz"]',
      ],
      [
        'a path outside the workspace',
        '[tool.uv.sources]\ncore = { path = "../../../elsewhere/core" }',
      ],
      [
        'a file:/// URL outside the workspace',
        '[project]\ndependencies = ["core @ file:///opt/core"]',
      ],
      [
        'an absolute path outside the workspace',
        '[tool.uv.sources]\ncore = { path = "/opt/core" }',
      ],
      ['a commented-out source', '[tool.uv.sources]\n# core = { path = "../../libs/core" }'],
      [
        'a "path" key outside a dependency table',
        '[tool.other]\ncore = { path = "../../libs/core" }',
      ],
      ['an empty file', ''],
    ])('ignores %s', (_case, text) => {
      const parsed = parsePyproject(text, APP_PYPROJECT, { workspaceRoot: WORKSPACE });

      expect(parsed.refs).toEqual([]);
      expect(parsed.workspaceRefs).toEqual([]);
    });
  });

  describe('uv workspace members', () => {
    it('reads { workspace = true } as a reference to the member with that name', () => {
      const text =
        '[tool.uv.sources]\nCore_Lib = { workspace = true }\nauth = { workspace = false }';

      expect(parsePyproject(text, APP_PYPROJECT, { workspaceRoot: WORKSPACE })).toEqual({
        refs: [],
        workspaceRefs: [{ manifest: APP_PYPROJECT, name: 'core-lib' }],
      });
    });

    it('reads workspace sources inside a marker array', () => {
      const text =
        '[tool.uv.sources]\ncore = [{ workspace = true, marker = "sys_platform == \'linux\'" }]';

      expect(parsePyproject(text, APP_PYPROJECT).workspaceRefs).toEqual([
        { manifest: APP_PYPROJECT, name: 'core' },
      ]);
    });

    it('reports the normalised [project] name', () => {
      expect(
        parsePyproject('[project]\nname = "My.Core__Lib"', 'libs/core/pyproject.toml').projectName,
      ).toBe('my-core-lib');
    });

    it('reports no name when [project] has none', () => {
      expect(
        parsePyproject('[tool.poetry]\nname = "core"', 'libs/core/pyproject.toml'),
      ).not.toHaveProperty('projectName');
    });
  });

  it('resolves paths from the manifest folder of a workspace-root pyproject.toml', () => {
    expect(
      pyprojectRefs('[tool.uv.sources]\ncore = { path = "libs/core" }', 'pyproject.toml'),
    ).toEqual([{ manifest: 'pyproject.toml', path: 'libs/core', name: 'core' }]);
  });

  it('reads every kind of reference from one file', () => {
    const text = [
      '[project]',
      'name = "api"',
      'dependencies = ["django>=5", "core", "auth @ file:../../libs/auth"]',
      '',
      '[tool.uv.sources]',
      'core = { workspace = true }',
      'payments = { path = "../../libs/payments" }',
      '',
      '[tool.poetry.group.dev.dependencies]',
      'testing = { path = "../../libs/testing", develop = true }',
    ].join('\n');

    expect(parsePyproject(text, APP_PYPROJECT, { workspaceRoot: WORKSPACE })).toEqual({
      projectName: 'api',
      refs: [
        { manifest: APP_PYPROJECT, path: 'libs/auth', name: 'auth' },
        { manifest: APP_PYPROJECT, path: 'libs/payments', name: 'payments' },
        { manifest: APP_PYPROJECT, path: 'libs/testing', name: 'testing' },
      ],
      workspaceRefs: [{ manifest: APP_PYPROJECT, name: 'core' }],
    });
  });

  it('throws TomlSyntaxError for a malformed file', () => {
    expect(() => parsePyproject('[tool.uv.sources\ncore = 1', APP_PYPROJECT)).toThrow(
      TomlSyntaxError,
    );
  });
});
