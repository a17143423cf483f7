import { isTomlTable, parseToml, TomlSyntaxError } from './toml';

describe('parseToml', () => {
  describe('tables and keys', () => {
    it.each([
      ['a bare key', 'name = "x"', { name: 'x' }],
      ['a quoted key', '"my key" = 1', { 'my key': 1 }],
      ['a literal quoted key', "'a.b' = 1", { 'a.b': 1 }],
      ['a dotted key', 'a.b.c = true', { a: { b: { c: true } } }],
      ['a dotted key with spaces and quotes', 'a . "b.c" . d = 1', { a: { 'b.c': { d: 1 } } }],
      ['a table header', '[project]\nname = "api"', { project: { name: 'api' } }],
      [
        'a dotted table header',
        '[tool.uv.sources]\nx = 1',
        { tool: { uv: { sources: { x: 1 } } } },
      ],
      [
        'a quoted segment in a header',
        '[tool.poetry.group."dev.tools".dependencies]\nx = 1',
        { tool: { poetry: { group: { 'dev.tools': { dependencies: { x: 1 } } } } } },
      ],
      ['spaces inside a header', '[ tool . uv ]\nx = 1', { tool: { uv: { x: 1 } } }],
      [
        'a parent table defined after its child',
        '[a.b]\nx = 1\n[a]\ny = 2',
        { a: { b: { x: 1 }, y: 2 } },
      ],
      [
        'sibling tables under one parent',
        '[tool.uv]\npackage = false\n[tool.poetry]\nname = "x"',
        { tool: { uv: { package: false }, poetry: { name: 'x' } } },
      ],
      [
        'dotted keys inside a table',
        '[tool]\nuv.sources.x = 1',
        { tool: { uv: { sources: { x: 1 } } } },
      ],
      ['"__proto__" as an ordinary key', '__proto__ = 1', { ['__proto__']: 1 }],
    ])('reads %s', (_case, text, expected) => {
      expect(parseToml(text)).toEqual(expected);
    });

    it('reads arrays of tables, and headers below them go into the last element', () => {
      const doc = parseToml(
        [
          '[[tool.uv.index]]',
          'name = "a"',
          '[[tool.uv.index]]',
          'name = "b"',
          '[tool.uv.index.extra]',
          'x = 1',
        ].join('\n'),
      );

      expect(doc).toEqual({
        tool: { uv: { index: [{ name: 'a' }, { name: 'b', extra: { x: 1 } }] } },
      });
    });

    it('does not give tables a prototype, so "__proto__" cannot pollute one', () => {
      const doc = parseToml('[__proto__]\npolluted = true');

      expect(Object.getPrototypeOf(doc)).toBeNull();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(doc['__proto__']).toEqual({ polluted: true });
    });
  });

  describe('values', () => {
    it.each([
      [
        'a basic string with escapes',
        String.raw`v = "a\tb\n\"q\" \\ \u00e9 \U0001F600"`,
        'a\tb\n"q" \\ é 😀',
      ],
      ['a literal string (no escapes)', String.raw`v = 'C:\Users\x'`, String.raw`C:\Users\x`],
      ['a "#" inside a string', 'v = "a # not a comment"', 'a # not a comment'],
      ['a multi-line basic string', 'v = """\nline 1\nline 2"""', 'line 1\nline 2'],
      ['a line-ending backslash', 'v = """\\\n   one \\\n   two"""', 'one two'],
      ['quotes before the closing delimiter', 'v = """say "hi"""""', 'say "hi""'],
      ['a multi-line literal string', "v = '''\nraw \\n text\n'''", 'raw \\n text\n'],
      ['CRLF line endings in a multi-line string', 'v = """\r\na\r\nb"""', 'a\r\nb'],
      ['true', 'v = true', true],
      ['false', 'v = false', false],
      ['an integer with underscores', 'v = 1_000', 1000],
      ['a negative integer', 'v = -42', -42],
      ['a float with an exponent', 'v = 6.02e23', 6.02e23],
      ['a hexadecimal integer', 'v = 0xff', 255],
      ['an octal integer', 'v = 0o17', 15],
      ['a binary integer', 'v = 0b101', 5],
      ['infinity', 'v = -inf', -Infinity],
      ['a date-time, kept as ISO text', 'v = 1979-05-27T07:32:00Z', '1979-05-27T07:32:00.000Z'],
      [
        'a local date-time with a space, kept as ISO text',
        'v = 1979-05-27 07:32:00',
        '1979-05-27T07:32:00.000',
      ],
    ])('reads %s', (_case, text, expected) => {
      expect(parseToml(text).v).toEqual(expected);
    });

    it('reads NaN', () => {
      expect(parseToml('v = nan').v).toBeNaN();
    });

    it('reads a multi-line array with comments and a trailing comma', () => {
      const text = [
        'dependencies = [',
        '  "django>=5",   # the framework',
        '  # a whole-line comment',
        '  "core @ file:../libs/core",',
        ']',
      ].join('\n');

      expect(parseToml(text)).toEqual({ dependencies: ['django>=5', 'core @ file:../libs/core'] });
    });

    it('reads nested arrays and arrays of inline tables', () => {
      const text =
        'x = [[1, 2], ["a"], [{ path = "../x", markers = "sys_platform == \'linux\'" }, { index = "pypi" }]]';

      expect(parseToml(text)).toEqual({
        x: [
          [1, 2],
          ['a'],
          [{ path: '../x', markers: "sys_platform == 'linux'" }, { index: 'pypi' }],
        ],
      });
    });

    it('reads inline tables, nested and with dotted keys', () => {
      const text = 'x = { path = "../../libs/x", develop = true, extra.deep = { a = 1 } }';

      expect(parseToml(text)).toEqual({
        x: { path: '../../libs/x', develop: true, extra: { deep: { a: 1 } } },
      });
    });

    it('reads an empty inline table and an empty array', () => {
      expect(parseToml('a = {}\nb = []')).toEqual({ a: {}, b: [] });
    });

    it('accepts a multi-line inline table with a trailing comma (TOML 1.1)', () => {
      expect(parseToml('x = {\n  path = "../x",\n  editable = true,\n}')).toEqual({
        x: { path: '../x', editable: true },
      });
    });
  });

  describe('layout', () => {
    it('ignores comments, blank lines and indentation', () => {
      const text = [
        '# header comment',
        '',
        '  [project]   # trailing',
        '  name = "api" # trailing',
        '',
        '# end',
      ].join('\n');

      expect(parseToml(text)).toEqual({ project: { name: 'api' } });
    });

    it('reads CRLF files and strips a byte-order mark', () => {
      expect(parseToml('\uFEFF[project]\r\nname = "api"\r\n')).toEqual({
        project: { name: 'api' },
      });
    });

    it('reads a realistic pyproject.toml', () => {
      const text = [
        '[project]',
        'name = "Api_Service"',
        'version = "0.1.0"',
        'description = """',
        'A Django "service".',
        '"""',
        'requires-python = ">=3.12"',
        'dependencies = [',
        '    "django>=5.0,<6",',
        '    "core",',
        ']',
        '',
        '[project.optional-dependencies]',
        'dev = ["pytest"]',
        '',
        '[tool.uv.sources]',
        'core = { workspace = true }',
        '',
        '[[tool.uv.index]]',
        'name = "internal"',
        'url = "https://pypi.example.com/simple"',
        '',
        '[build-system]',
        'requires = ["hatchling"]',
        'build-backend = "hatchling.build"',
      ].join('\n');

      expect(parseToml(text)).toEqual({
        project: {
          name: 'Api_Service',
          version: '0.1.0',
          description: 'A Django "service".\n',
          'requires-python': '>=3.12',
          dependencies: ['django>=5.0,<6', 'core'],
          'optional-dependencies': { dev: ['pytest'] },
        },
        tool: {
          uv: {
            sources: { core: { workspace: true } },
            index: [{ name: 'internal', url: 'https://pypi.example.com/simple' }],
          },
        },
        'build-system': { requires: ['hatchling'], 'build-backend': 'hatchling.build' },
      });
    });
  });

  describe('errors', () => {
    // The wording is smol-toml's; the wrapper's contract is the error type, the line and a
    // message that names the file and the line. Where a parser places an unterminated string
    // or array is its own choice: smol-toml points at the line where reading failed.
    it.each([
      ['a duplicate key', 'a = 1\na = 2', 2],
      ['a table defined twice', '[a]\nx = 1\n[a]\ny = 2', 3],
      ['a key without "="', '[a]\nname "x"', 2],
      ['a missing value', 'a =', 1],
      ['an unterminated string', 'a = "abc\nb = 1', 2],
      ['an unterminated literal string', "a = 'abc\nb = 1", 2],
      ['an unterminated multi-line string', 'a = """abc', 1],
      ['an invalid escape', String.raw`a = "\q"`, 1],
      ['text after a value', 'a = "x" b = 1', 1],
      ['an unclosed array', 'a = [1, 2\nb = 3', 1],
      ['an unclosed header', '[tool.uv\nx = 1', 1],
      ['an unknown bare value', 'a = yes', 1],
      ['extending an inline table', 'a = { b = 1 }\n[a.c]', 2],
      ['a table over a value', 'a = 1\n[a]', 2],
      ['a dotted key through a value', 'a = 1\na.b = 2', 2],
      ['an array of tables over an array', 'a = [1]\n[[a]]', 2],
    ])('rejects %s', (_case, text, line) => {
      let caught: unknown;
      try {
        parseToml(text, 'apps/api/pyproject.toml');
      } catch (error) {
        caught = error;
      }

      expect(caught).toBeInstanceOf(TomlSyntaxError);
      expect(caught).toMatchObject({ line, file: 'apps/api/pyproject.toml' });
      expect((caught as TomlSyntaxError).reason).not.toBe('');
    });

    it('names the file and the line in the message', () => {
      expect(() => parseToml('[a]\n\nx = ', 'apps/api/pyproject.toml')).toThrow(
        /^apps\/api\/pyproject\.toml, line 3: \S/,
      );
    });

    it('names only the line when no file is given', () => {
      expect(() => parseToml('[a]\n\nx = ')).toThrow(/^line 3: \S/);
    });
  });
});

describe('isTomlTable', () => {
  it.each([
    [{ a: 1 }, true],
    [[1], false],
    ['x', false],
    [null, false],
    [undefined, false],
  ])('isTomlTable(%p) is %p', (value, expected) => {
    expect(isTomlTable(value)).toBe(expected);
  });
});
