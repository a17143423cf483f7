import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { workspaceWithApi } from '../testing/django-fixtures';
import { POSTGRES_API_INIT } from '../testing/postgres-api';
import { read } from '../testing/tree-files';
import { initGenerator } from '../generators/init/generator';
import { OUTSIDE_PLAIN_YAML, parsePlainYaml, parseYaml } from './plain-yaml';

// The reader's contract, checked against `yaml` itself: what it accepts reads exactly as
// `yaml`'s parse reads it, and what `yaml` refuses it never accepts.

/** `yaml`'s reading of `text`, or the error it throws. */
function yamlReading(text: string): { value: unknown } | { error: Error } {
  try {
    return { value: parse(text) };
  } catch (error) {
    return { error: error as Error };
  }
}

/** The contract for one text; true when the reader accepted it. */
function holdsContract(text: string): boolean {
  const plain = parsePlainYaml(text);
  if (plain === OUTSIDE_PLAIN_YAML) return false;
  const reference = yamlReading(text);
  if ('error' in reference) {
    throw new Error(`Accepted a text yaml refuses (${reference.error.message}):\n${text}`);
  }
  expect(plain).toStrictEqual(reference.value);
  return true;
}

describe('parsePlainYaml', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    // `yaml` warns on some texts the generator produces; the warnings are not what is tested.
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  describe('the compose files the init generator writes', () => {
    it.each([
      ['no database', { project: 'api', pythonVersion: '3.13', database: 'none' }],
      ['postgres', POSTGRES_API_INIT],
      [
        'postgres with a stack and hardening off',
        { ...POSTGRES_API_INIT, hardenContainers: false },
      ],
    ])('are read, exactly as yaml reads them (%s)', async (_label, options) => {
      const tree = workspaceWithApi('3.13');
      await initGenerator(tree, options as Parameters<typeof initGenerator>[1]);
      const text = read(tree, 'apps/api/compose.yaml');
      expect(holdsContract(text)).toBe(true);
    });
  });

  describe('texts inside the subset read exactly as yaml reads them', () => {
    it.each([
      ['mapping of scalars', 'a: 1\nb: two\nc: "3"\nd: \'4\'\ne: true\nf: null\ng:\nh: ~\n'],
      ['nested mappings and a comment', '# head\na:\n  b:\n    c: d # trailing\n  e: f\n'],
      ['indentless sequence', 'a:\n- x\n- y\nb: z\n'],
      ['sequence of mappings', 'a:\n  - b: 1\n    c: 2\n  -   d: 3\n      e: 4\n  - f\n'],
      ['flow sequence', 'test: ["CMD", "pg_isready", \'-U\', postgres, 5]\nempty: []\nmap: {}\n'],
      ['dash-led plain scalars', 'command:\n  - --bind=0.0.0.0:8000\n  - -c\n  - -1\n'],
      [
        'colons inside plain scalars',
        'image: postgres:18\nurl: http://x:1/y\nports:\n  - 8000:8000\n',
      ],
      ['double-quoted escapes', 'a: "tab\\there \\"q\\" \\\\ \\u00e9 \\/"\n'],
      ['single-quoted quote', "a: 'it''s'\n"],
      [
        'literal block scalar, clipped',
        'a: |\n  line 1\n\n    indented\n  # not a comment\nb: 1\n',
      ],
      ['literal block scalar, stripped, in a sequence', 'a:\n  - |-\n    x\n    y\n\n  - z\n'],
      ['literal block scalar at the end, no final line break', 'a: |\n  x'],
      ['blank lines with spaces inside a block scalar', 'a: |\n  x\n      \n  y\n'],
      ['unicode text', 'name: "café"\nother: naïve\n'],
      ['empty values in a sequence', 'a:\n  -\n  - b\n'],
      ['a top-level sequence', '- a\n- b: c\n'],
      [
        'mappings nested 64 deep',
        Array.from({ length: 64 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
      ],
    ])('%s', (_label, text) => {
      expect(holdsContract(text)).toBe(true);
    });
  });

  describe('texts outside the subset are left to yaml', () => {
    it.each([
      ['anchor and alias', 'a: &x 1\nb: *x\n'],
      ['merge key', 'x: &d {a: 1}\ny:\n  <<: *d\n'],
      ['tag', 'a: !!str 1\n'],
      ['folded scalar', 'a: >\n  x\n  y\n'],
      ['keep-chomped scalar', 'a: |+\n  x\n\n'],
      ['indentation indicator', 'a: |2\n   x\n'],
      ['multi-line plain scalar', 'a: one\n  two\n'],
      ['multi-line quoted scalar', 'a: "one\n  two"\n'],
      ['flow mapping', 'a: {b: 1}\n'],
      ['nested flow sequence', 'a: [[1]]\n'],
      ['document marker', '---\na: 1\n'],
      ['directive', '%YAML 1.2\n---\na: 1\n'],
      ['tab', 'a:\tb\n'],
      ['CRLF', 'a: 1\r\nb: 2\r\n'],
      ['duplicate key', 'a: 1\na: 2\n'],
      ['numeric key', '1: a\n'],
      ['boolean key', 'true: a\n'],
      ['key with a space', 'a b: c\n'],
      ['complex key', '? a\n: b\n'],
      ['float', 'a: 1.5\n'],
      ['hex', 'a: 0x1F\n'],
      ['octal', 'a: 0o17\n'],
      ['infinity', 'a: .inf\n'],
      ['huge integer', 'a: 123456789012345678901234567890\n'],
      ['__proto__ key', '__proto__: a\n'],
      ['empty document', ''],
      ['comment only', '# nothing\n'],
      ['scalar document', 'just text\n'],
      ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
      ['compact nested sequence', 'a:\n  - - b\n'],
      ['control character', 'a: "\u0007"\n'],
      ['character outside the BMP', 'a: 😀\n'],
      // yaml itself runs out of stack near 900 levels (found by review): never accept what it may refuse.
      [
        'mappings nested 65 deep',
        Array.from({ length: 65 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
      ],
      [
        'sequences nested 65 deep',
        Array.from({ length: 65 }, (_, i) => `${' '.repeat(i)}-`).join('\n') + ' 1\n',
      ],
    ])('%s', (_label, text) => {
      expect(parsePlainYaml(text)).toBe(OUTSIDE_PLAIN_YAML);
    });
  });

  it("never disagrees with yaml on the repository's own YAML files, and reads most of them", () => {
    const root = join(__dirname, '../../../..');
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], {
      cwd: root,
      encoding: 'utf-8',
    })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(20);
    const accepted = files.filter((file) => holdsContract(readFileSync(join(root, file), 'utf-8')));
    expect(accepted.length).toBeGreaterThan(files.length / 2);
  });

  describe('properties', () => {
    const RUNS = { numRuns: Number(process.env.PLAIN_YAML_RUNS ?? 500) };
    // Pieces compose files are made of, and pieces that break or change a document, mixed so
    // that a good share of the documents are valid and the comparison is not vacuous.
    const keys = fc.oneof(
      {
        arbitrary: fc.constantFrom('a', 'b', 'services', 'x-docker-django', 'image', 'build'),
        weight: 4,
      },
      {
        arbitrary: fc.constantFrom(
          '__proto__',
          '1',
          'true',
          'null',
          '"q"',
          "'s'",
          'a b',
          '<<',
          '"a": b',
        ),
        weight: 1,
      },
    );
    const scalars = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          '',
          'x',
          '1',
          '-1',
          'true',
          'Null',
          '~',
          '"a b"',
          "'a''b'",
          '"\\u00e9"',
          'a # c',
          'a#b',
          '[a, "b"]',
          '[]',
          '{}',
          '8000:8000',
          '--bind=x',
          '|',
          '|-',
        ),
        weight: 4,
      },
      {
        arbitrary: fc.constantFrom(
          ' ',
          '1.5',
          '"\\x41"',
          '{a: 1}',
          '&x a',
          '*x',
          '!t a',
          '>',
          '- a',
          'a: b',
          '"unterminated',
          "'",
          '@a',
          '`a',
          '%a',
          ':a',
          '?a',
          '"a" b',
          '[a, [b]]',
        ),
        weight: 1,
      },
    );
    const literalHeaders = fc.constantFrom('|', '|-', '|+', '>', '|2', '| # c', '|x');
    const literalLine = fc.constantFrom(
      '',
      ' ',
      'text',
      '# not a comment',
      '  deeper',
      'a: b',
      '- c',
      '"q"',
    );

    type Value =
      | { inline: string }
      | { block: Node; extraIndent: number }
      | { literal: string; lines: string[] };
    type Node = { entries: Array<[string, Value]> } | { items: Value[] };

    const { node } = fc.letrec<{ node: Node; value: Value }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc
          .array(fc.tuple(keys, tie('value')), { minLength: 1, maxLength: 3 })
          .map((entries) => ({ entries })),
        fc.array(tie('value'), { minLength: 1, maxLength: 3 }).map((items) => ({ items })),
      ),
      value: fc.oneof(
        { depthSize: 'small' },
        scalars.map((inline) => ({ inline })),
        fc
          .tuple(tie('node'), fc.constantFrom(0, 1, 2, 4))
          .map(([block, extraIndent]) => ({ block, extraIndent })),
        fc
          .tuple(literalHeaders, fc.array(literalLine, { maxLength: 3 }))
          .map(([literal, lines]) => ({ literal, lines })),
      ),
    }));

    /** Lines of `node` at `indent`, as a person would indent them (the perturbations come later). */
    function render(node: Node, indent: number): string[] {
      const pad = ' '.repeat(indent);
      const after = (lead: string, value: Value): string[] => {
        if ('inline' in value) return [`${lead}${value.inline === '' ? '' : ` ${value.inline}`}`];
        if ('literal' in value)
          return [`${lead} ${value.literal}`, ...value.lines.map((l) => (l ? `${pad}  ${l}` : l))];
        return [lead, ...render(value.block, indent + value.extraIndent)];
      };
      if ('entries' in node)
        return node.entries.flatMap(([key, value]) => after(`${pad}${key}:`, value));
      return node.items.flatMap((value) => after(`${pad}-`, value));
    }

    const documents = fc
      .tuple(
        node,
        fc.array(fc.tuple(fc.nat(40), fc.integer({ min: -2, max: 2 })), { maxLength: 1 }),
        fc.boolean(),
      )
      .map(([tree, nudges, finalBreak]) => {
        const lines = render(tree, 0);
        for (const [at, delta] of nudges) {
          const i = at % lines.length;
          lines[i] =
            delta < 0
              ? lines[i].slice(Math.min(-delta, lines[i].length - lines[i].trimStart().length))
              : ' '.repeat(delta) + lines[i];
        }
        return lines.join('\n') + (finalBreak ? '\n' : '');
      });

    it('any text built from YAML pieces: accepted only where it reads exactly as yaml reads it', () => {
      let accepted = 0;
      fc.assert(
        fc.property(documents, (text) => {
          if (holdsContract(text)) accepted++;
        }),
        RUNS,
      );
      // Hostile pieces often make an invalid document; enough must be valid for the comparison to mean something.
      expect(accepted).toBeGreaterThan(RUNS.numRuns / 20);
    });

    it('what yaml writes for compose-shaped data (names, short strings, integers, booleans) is read back exactly', () => {
      const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/).filter((k) => k !== '__proto__');
      const text = fc.stringMatching(/^[ -~]{0,40}$/);
      const leaf = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
      // Compose's shapes: a mapping at the top, lists of scalars or of mappings.
      const value = fc
        .letrec((tie) => ({
          node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
          list: fc.array(fc.oneof(leaf, tie('map')), { maxLength: 4 }),
          map: fc.dictionary(name, tie('node'), { maxKeys: 4 }),
        }))
        .map.filter((map) => Object.keys(map as object).length > 0);
      let accepted = 0;
      fc.assert(
        fc.property(value, (document) => {
          const written = stringify(document);
          if (holdsContract(written)) accepted++;
          else expect(parsePlainYaml(written)).toBe(OUTSIDE_PLAIN_YAML);
        }),
        RUNS,
      );
      // Strings that look like floats, or that `yaml` folds, are left to it; most are read here.
      expect(accepted).toBeGreaterThan(RUNS.numRuns / 2);
    });
  });
});

describe('parseYaml', () => {
  it('reads plain YAML, and what the plain reader leaves to yaml, as yaml does', () => {
    expect(parseYaml('services:\n  a: {}\n')).toEqual({ services: { a: {} } });
    expect(parseYaml('x: &a [1]\ny: *a\n')).toEqual({ x: [1], y: [1] });
  });

  it('throws what yaml throws for a text that is no YAML', () => {
    expect(() => parseYaml('a: [\n')).toThrow(/Flow sequence|flow collection|Missing/i);
  });
});
