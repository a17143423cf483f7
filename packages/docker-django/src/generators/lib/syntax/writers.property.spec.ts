import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document } from 'yaml';
import { expandWord, mountOptions, parseDockerfile } from '../../../testing/dockerfile-syntax';
import { hostileString, runPython } from '../../../testing/hostile-strings';
import { commentText, quotedForComment } from './comment';
import { composeLiteral, composeLiteralValue } from './compose';
import { copyInstruction, execForm, mountFlag, shellWord, workdirInstruction } from './dockerfile';
import { ignorePattern } from './dockerignore';
import { pythonList, pythonString } from './python';
import { CONTROL_CHARACTERS, UnwritableValueError } from './unwritable';
import { yamlText } from './yaml';

// Each writer of syntax/ fed arbitrary strings: what it writes parses back (with a reader of
// the target syntax: the Dockerfile reader of src/testing, Python itself, Docker Compose
// itself, POSIX shlex) to exactly one construct holding exactly the input, or the writer
// refuses the input with an UnwritableValueError for a reason the syntax really has.
const RUNS = { numRuns: 300 };

function refusedOr<T>(write: () => T, allowedToRefuse: boolean): T | null {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof UnwritableValueError)) throw error;
    expect(allowedToRefuse).toBe(true);
    return null;
  }
}

const LINE_BREAK = /[\n\r\u2028\u2029\u0085]/;

describe('Dockerfile writers, read back by the Dockerfile reader', () => {
  const outerSpace = (s: string) => s.trim() !== s;

  it('COPY: one instruction whose words expand to the paths, or a refusal of a control character or outer space', () => {
    fc.assert(
      fc.property(hostileString(), hostileString(), (a, b) => {
        const paths = [`libs/${a}`, `/workspace/${b}`];
        const line = refusedOr(
          () => copyInstruction(paths, 'path'),
          paths.some((p) => CONTROL_CHARACTERS.test(p) || outerSpace(p)),
        );
        if (line === null) return;
        const [copy, ...rest] = parseDockerfile(`${line}\n`);
        expect(rest).toEqual([]);
        expect(copy.keyword).toBe('COPY');
        expect(copy.flags).toEqual([]);
        expect(copy.args.map(expandWord)).toEqual(paths);
      }),
      RUNS,
    );
  });

  it('WORKDIR: one instruction whose path expands to the input, or a refusal', () => {
    fc.assert(
      fc.property(hostileString(), (name) => {
        const path = `/app/${name}`;
        const line = refusedOr(
          () => workdirInstruction(path, 'path'),
          CONTROL_CHARACTERS.test(path) || outerSpace(path) || path.endsWith('\\'),
        );
        if (line === null) return;
        const parsed = parseDockerfile(`${line}\nUSER appuser\n`);
        expect(parsed.map((i) => i.keyword)).toEqual(['WORKDIR', 'USER']);
        expect(expandWord(parsed[0].args[0])).toBe(path);
      }),
      RUNS,
    );
  });

  it('exec form: one CMD whose JSON items are the arguments, never refused', () => {
    fc.assert(
      fc.property(fc.array(hostileString(), { minLength: 1, maxLength: 4 }), (args) => {
        const parsed = parseDockerfile(`CMD ${execForm(args)}\nUSER appuser\n`);
        expect(parsed.map((i) => i.keyword)).toEqual(['CMD', 'USER']);
        expect(parsed[0].json).toBe(true);
        expect(parsed[0].args).toEqual(args);
      }),
      RUNS,
    );
  });

  it('--mount: one flag whose options are exactly type, source and target, or a refusal of a character a mount list cannot hold', () => {
    fc.assert(
      fc.property(hostileString(), (name) => {
        const fields: Array<[string, string]> = [
          ['type', 'bind'],
          ['source', name],
          ['target', `/app/${name}`],
        ];
        const flag = refusedOr(
          () => mountFlag(fields, 'file'),
          // eslint-disable-next-line no-control-regex -- control characters are what it matches
          /[\s,"'\\$\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/u.test(name),
        );
        if (flag === null) return;
        const parsed = parseDockerfile(`RUN ${flag} \\\n    pip install -r x\n`);
        expect(parsed).toHaveLength(1);
        expect(parsed[0].flags.map(mountOptions)).toEqual([Object.fromEntries(fields)]);
      }),
      RUNS,
    );
  });

  it('shell-form RUN words: one instruction, and POSIX shlex splits the line back into the words', () => {
    const samples = fc.sample(fc.array(hostileString(), { minLength: 1, maxLength: 3 }), 300);
    const written: Array<{ words: string[]; line: string }> = [];
    for (const words of samples) {
      const line = refusedOr(
        () => `RUN echo ${words.map((w) => shellWord(w, 'word')).join(' ')}`,
        words.some((w) => CONTROL_CHARACTERS.test(w)),
      );
      if (line === null) continue;
      const parsed = parseDockerfile(`${line}\nUSER appuser\n`);
      expect(parsed.map((i) => i.keyword)).toEqual(['RUN', 'USER']);
      written.push({ words, line: parsed[0].args[0] });
    }
    expect(written.length).toBeGreaterThan(100);
    // One python3 for every sample: shlex in POSIX mode splits as /bin/sh does.
    const split = JSON.parse(
      runPython(
        'import json, shlex, sys\nprint(json.dumps([shlex.split(l) for l in json.load(sys.stdin)]))',
        JSON.stringify(written.map((w) => w.line)),
      ),
    );
    expect(split).toEqual(written.map((w) => ['echo', ...w.words]));
  });
});

describe('.dockerignore patterns', () => {
  // The moby pattern reader: a leading # is a comment, ! an exception; `\` escapes the next
  // character; * ? [ are wildcards.
  function literalOf(pattern: string): string | null {
    if (pattern.startsWith('#') || pattern.startsWith('!')) return null;
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i] === '\\') out += pattern[++i] ?? '';
      else if ('*?['.includes(pattern[i])) return null;
      else out += pattern[i];
    }
    return out;
  }

  it('matches only the path itself, on one line, or refuses it', () => {
    fc.assert(
      fc.property(hostileString(), (name) => {
        const path = `apps/${name}x`;
        const pattern = refusedOr(
          () => ignorePattern(path, 'path'),
          CONTROL_CHARACTERS.test(path) || path.trim() !== path,
        );
        if (pattern === null) return;
        expect(pattern).not.toMatch(LINE_BREAK);
        expect(literalOf(pattern)).toBe(path);
      }),
      RUNS,
    );
  });

  it('escapes a leading # and !', () => {
    expect(ignorePattern('#notes', 'path')).toBe('\\#notes');
    expect(ignorePattern('!keep', 'path')).toBe('\\!keep');
  });
});

describe('comments', () => {
  it('stay on one line and quote the name back exactly', () => {
    fc.assert(
      fc.property(hostileString(), (name) => {
        expect(quotedForComment(name)).not.toMatch(LINE_BREAK);
        expect(commentText(name)).not.toMatch(LINE_BREAK);
        expect(JSON.parse(quotedForComment(name))).toBe(name);
      }),
      RUNS,
    );
  });
});

describe('Python string literals, read back by Python', () => {
  it('parse with ast and evaluate to the input, lone surrogates and controls included', () => {
    const values = fc.sample(hostileString(), 400);
    // ASCII in, ASCII out (json.dumps escapes): lone surrogates survive both ways.
    const source = `values = ${pythonList(values)}\n`;
    const evaluated = JSON.parse(
      runPython(
        [
          'import ast, json, sys',
          'tree = ast.parse(sys.stdin.read())',
          'print(json.dumps(ast.literal_eval(tree.body[0].value)))',
        ].join('\n'),
        source,
      ),
    );
    expect(evaluated).toEqual(values);
  });

  it('a docstring with the name inside stays one docstring', () => {
    const values = fc.sample(hostileString(), 200);
    const docs = values
      .map((v) => `def f():\n    """Settings for ${pythonString(v)} in a container."""\n`)
      .join('');
    const read = JSON.parse(
      runPython(
        [
          'import ast, json, sys',
          'tree = ast.parse(sys.stdin.read())',
          'print(json.dumps([ast.get_docstring(f, clean=False) for f in tree.body]))',
        ].join('\n'),
        docs,
      ),
    );
    expect(read).toEqual(values.map((v) => `Settings for "${v}" in a container.`));
  });
});

describe('compose literals in YAML, read back by docker compose config', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'docker-django-compose-literals-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every $ is doubled, controls and YAML 1.1 line breaks escaped: compose reads back the exact values', () => {
    // Lone surrogates cannot be written as UTF-8 at all: left out (no CLI argument holds one).
    const values = fc
      .sample(hostileString(), 300)
      .filter((v) => !/[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
    const text = yamlText(
      new Document({
        'x-samples': values.map(composeLiteral),
        services: {
          server: { image: 'busybox', command: values.slice(0, 50).map(composeLiteral) },
        },
      }),
    );
    writeFileSync(join(dir, 'compose.yaml'), text);
    const result = spawnSync(
      'docker',
      ['compose', '-p', 'literals', 'config', '--format', 'json'],
      {
        cwd: dir,
        encoding: 'utf-8',
      },
    );
    if (result.error) throw new Error(`docker compose could not run: ${result.error.message}`);
    expect([result.stderr, text]).toEqual(['', text]);
    const config = JSON.parse(result.stdout);
    // `config` writes a literal `$` as `$$` again: read it back as compose would.
    expect(config['x-samples'].map(composeLiteralValue)).toEqual(values);
    expect(config.services.server.command.map(composeLiteralValue)).toEqual(values.slice(0, 50));
  });
});
