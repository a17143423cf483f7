import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { addDjangoProject } from '../../testing/django-fixtures';
import { expandWord, parseDockerfile } from '../../testing/dockerfile-syntax';
import { hostileName, hostileString, runPython } from '../../testing/hostile-strings';
import { read, snapshot } from '../../testing/tree-files';
import { joinCommand } from '../../shell/command-line';
import { composeLiteralValues } from '../lib/syntax/compose';
import { initGenerator } from './generator';

// The whole init generator fed arbitrary project names, Django root folders, library folders
// and run commands: every file it writes reads back with the instructions of a plain project
// and the values that went in (Dockerfile by the reader in src/testing, container_settings.py
// by Python, compose.yaml by `docker compose config`), or it refuses before writing anything.
interface Sample {
  projectName: string;
  djangoRoot: string;
  library: string;
  command: string[];
}

interface Written {
  sample: Sample;
  files: Map<string, string | null>;
  libraries: string[];
}

// The refusals: UnwritableValueError (syntax/), detection's check of --djangoRoot, or a
// settings module that is no Python module path.
const REFUSAL =
  /^(?:Invalid |--djangoRoot |Django root ".*" does not exist|Project ".*" has no manage\.py)/s;

const samples = fc.record({
  projectName: hostileString().filter((s) => s.trim() !== ''),
  djangoRoot: hostileName(),
  library: hostileName(),
  command: fc
    .array(hostileString(), { minLength: 1, maxLength: 3 })
    .map((args) => ['gunicorn', ...args]),
});

describe('init generator: arbitrary names and commands through every generated file', () => {
  const base = { skipFormat: true, addPlugin: false } as const;

  beforeEach(() => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  async function generate(sample: Sample, referenceLibrary = true): Promise<Written | null> {
    const tree: Tree = createTreeWithEmptyWorkspace();
    // The library is named with pip's own quoting, so requirements parse as pip reads them.
    const libraryPath = `../../libs/${sample.library}`;
    addDjangoProject(tree, {
      name: sample.projectName,
      root: 'apps/api',
      djangoRoot: sample.djangoRoot,
      requirements: `django\ngunicorn\n${referenceLibrary ? `-e ${joinCommand([libraryPath])}\n` : ''}`,
    });
    tree.write(
      `libs/${sample.library}/project.json`,
      JSON.stringify({ name: 'shared', root: `libs/${sample.library}` }),
    );
    tree.write(`libs/${sample.library}/pyproject.toml`, '[project]\nname = "shared"\n');
    const before = snapshot(tree);
    try {
      await initGenerator(tree, {
        ...base,
        project: sample.projectName,
        djangoRoot: sample.djangoRoot,
        command: joinCommand(sample.command),
      });
    } catch (error) {
      // Refused with the house error (a value no file can hold, a folder detection refuses),
      // and nothing written.
      expect((error as Error).message).toMatch(REFUSAL);
      expect(snapshot(tree)).toEqual(before);
      return null;
    }
    const record = composeLiteralValues(
      parse(read(tree, 'apps/api/compose.yaml'))['x-docker-django'],
    );
    return { sample, files: snapshot(tree), libraries: record.libraries };
  }

  const keywordsOf = (dockerfile: string) => parseDockerfile(dockerfile).map((i) => i.keyword);
  let plain: {
    withLibrary: string[];
    without: string[];
    ignoreWithLibrary: number;
    ignoreWithout: number;
  };
  const ignoreFileOf = (libraries: string[]) =>
    libraries.length ? 'apps/api/Dockerfile.dockerignore' : 'apps/api/.dockerignore';

  beforeAll(async () => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const plainSample = {
      projectName: 'api',
      djangoRoot: 'src',
      library: 'lib',
      command: ['gunicorn', 'x'],
    };
    const withLibrary = await generate(plainSample);
    const without = await generate(plainSample, false);
    if (!withLibrary || !without) throw new Error('the plain project was refused');
    plain = {
      withLibrary: keywordsOf(withLibrary.files.get('apps/api/Dockerfile') ?? ''),
      without: keywordsOf(without.files.get('apps/api/Dockerfile') ?? ''),
      ignoreWithLibrary: (withLibrary.files.get(ignoreFileOf(['lib'])) ?? '').split('\n').length,
      ignoreWithout: (without.files.get(ignoreFileOf([])) ?? '').split('\n').length,
    };
    jest.restoreAllMocks();
  });

  // Filled by the first test, read by the others: one generator run per sample.
  const written: Written[] = [];

  it('writes a Dockerfile with the instructions of a plain project, each path and argument read back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(samples, async (sample) => {
        const result = await generate(sample);
        if (result === null) return;
        written.push(result);
        const dockerfile = result.files.get('apps/api/Dockerfile') ?? '';
        const instructions = parseDockerfile(dockerfile);
        const expected = result.libraries.length ? plain.withLibrary : plain.without;
        expect(instructions.map((i) => i.keyword)).toEqual(expected);
        const workdirs = instructions.filter((i) => i.keyword === 'WORKDIR');
        const home = result.libraries.length ? '/workspace/apps/api' : '/app';
        expect(expandWord(workdirs[workdirs.length - 1].args[0])).toBe(
          `${home}/${sample.djangoRoot}`,
        );
        const cmd = instructions[instructions.length - 1];
        expect([cmd.keyword, cmd.json, cmd.args]).toEqual(['CMD', true, sample.command]);
        for (const library of result.libraries) {
          const copies = instructions.filter(
            (i) => i.keyword === 'COPY' && i.args.map(expandWord)[0] === library,
          );
          expect(copies.map((c) => c.args.map(expandWord))).toEqual([
            [library, `/workspace/${library}`],
            [library, `/workspace/${library}`],
          ]);
        }
      }),
      { numRuns: 40 },
    );
    expect(written.length).toBeGreaterThan(10);
  });

  it('writes a .dockerignore with the lines of a plain project: no name adds or splits a line', () => {
    const plainLines = (libraries: number) =>
      libraries ? plain.ignoreWithLibrary : plain.ignoreWithout;
    for (const { files, libraries } of written) {
      const lines = (files.get(ignoreFileOf(libraries)) ?? '').split('\n');
      expect(lines.length).toBe(plainLines(libraries.length));
    }
  });

  it('writes container_settings.py that Python parses, with the project name in its docstring', () => {
    const modules = written.map(({ sample, files }) => ({
      name: sample.projectName,
      source: files.get(`apps/api/${sample.djangoRoot}/container_settings.py`) ?? '',
    }));
    // One python3 for all: each module parsed, its docstring returned.
    const docstrings = JSON.parse(
      runPython(
        [
          'import ast, json, sys',
          'sources = json.load(sys.stdin)',
          'print(json.dumps([ast.get_docstring(ast.parse(s), clean=False) for s in sources]))',
        ].join('\n'),
        JSON.stringify(modules.map((m) => m.source)),
      ),
    );
    expect(
      docstrings.map((doc: string, i: number) =>
        doc.startsWith(`Django settings for running "${modules[i].name}" in a container.\n`),
      ),
    ).toEqual(modules.map(() => true));
  });

  it('writes compose.yaml that docker compose config accepts, with the command read back exactly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docker-django-hostile-compose-'));
    try {
      // A few: each `docker compose config` costs a process.
      for (const [index, { sample, files }] of written.slice(0, 8).entries()) {
        const root = join(dir, String(index));
        for (const [path, content] of files) {
          if (!path.startsWith('apps/api/') || content === null) continue;
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), content);
        }
        const result = spawnSync('docker', ['compose', 'config', '--format', 'json'], {
          cwd: join(root, 'apps/api'),
          encoding: 'utf-8',
        });
        if (result.error) throw new Error(`docker compose could not run: ${result.error.message}`);
        expect(result.stderr).toBe('');
        const config = JSON.parse(result.stdout);
        expect(composeLiteralValues(config['x-docker-django'].command)).toEqual(sample.command);
        expect(config.services.server.build.context).toBe(
          join(root, files.has('apps/api/Dockerfile.dockerignore') ? '' : 'apps/api'),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
