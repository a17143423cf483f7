import { getTomlValue, parseToml, tryParseToml, TomlParseError } from './toml';

describe('parseToml', () => {
  it('reads tables, sub-tables and plain values', () => {
    const toml = parseToml(
      [
        '# a pyproject',
        'title = "api"',
        '',
        '[project]',
        'name = "api"  # trailing comment',
        "version = '0.1.0'",
        'count = 3',
        'ratio = 1.5',
        'ok = true',
        '',
        '[tool.poetry.dependencies]',
        'python = "^3.12"',
        '"quoted.key" = "x"',
        '',
      ].join('\n'),
    );

    expect(toml).toEqual({
      title: 'api',
      project: { name: 'api', version: '0.1.0', count: 3, ratio: 1.5, ok: true },
      tool: { poetry: { dependencies: { python: '^3.12', 'quoted.key': 'x' } } },
    });
  });

  it('reads dotted keys', () => {
    expect(parseToml('project.name = "api"\n[tool]\nuv.package = false\n')).toEqual({
      project: { name: 'api' },
      tool: { uv: { package: false } },
    });
  });

  it('reads multi-line arrays with comments and a trailing comma', () => {
    const toml = parseToml(
      ['dependencies = [', '  "django>=5",  # web', '  # "celery",', "  'gunicorn',", ']', ''].join(
        '\n',
      ),
    );

    expect(toml['dependencies']).toEqual(['django>=5', 'gunicorn']);
  });

  it('reads inline tables, nested ones too', () => {
    const toml = parseToml(
      'gunicorn = { version = "^23", extras = ["gevent"], source = { path = "../x" } }\n',
    );

    expect(toml).toEqual({
      gunicorn: { version: '^23', extras: ['gevent'], source: { path: '../x' } },
    });
  });

  it('reads arrays of tables', () => {
    const toml = parseToml(
      '[[tool.poetry.source]]\nname = "a"\n[[tool.poetry.source]]\nname = "b"\n[tool.poetry.source.extra]\nx = 1\n',
    );

    expect(getTomlValue(toml, 'tool.poetry.source')).toEqual([
      { name: 'a' },
      { name: 'b', extra: { x: 1 } },
    ]);
  });

  it('reads escapes and multi-line strings', () => {
    const toml = parseToml(
      [
        'a = "tab\\there \\"quoted\\" \\u00e9"',
        'b = """',
        'first',
        'second"""',
        'c = """one \\',
        '      two"""',
        "d = '''",
        "raw \\n text'''",
        "e = 'C:\\path'",
        '',
      ].join('\n'),
    );

    expect(toml).toEqual({
      a: 'tab\there "quoted" é',
      b: 'first\nsecond',
      c: 'one two',
      d: 'raw \\n text',
      e: 'C:\\path',
    });
  });

  it('keeps dates as raw text', () => {
    expect(parseToml('when = 1979-05-27 07:32:00\n')['when']).toBe('1979-05-27 07:32:00');
  });

  it('accepts CRLF line endings and a byte-order mark', () => {
    expect(parseToml('\uFEFF[project]\r\nname = "api"\r\n')).toEqual({ project: { name: 'api' } });
  });

  it.each([
    ['an unclosed header', '[project\nname = "x"\n'],
    ['an unterminated string', 'name = "x\n'],
    ['a missing value', 'name =\n'],
    ['two values on a line', 'a = 1 b = 2\n'],
  ])('throws a TomlParseError on %s', (_, text) => {
    expect(() => parseToml(text)).toThrow(TomlParseError);
  });
});

describe('tryParseToml', () => {
  it('returns null for malformed or missing text', () => {
    expect(tryParseToml('[project\n')).toBeNull();
    expect(tryParseToml(null)).toBeNull();
  });

  it('returns the table for valid text', () => {
    expect(tryParseToml('a = 1\n')).toEqual({ a: 1 });
  });
});

describe('getTomlValue', () => {
  it('returns undefined for a path that leaves the tables', () => {
    const toml = parseToml('[project]\nname = "api"\n');

    expect(getTomlValue(toml, 'project.name.length')).toBeUndefined();
    expect(getTomlValue(toml, 'tool.poetry')).toBeUndefined();
  });
});
