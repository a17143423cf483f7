import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eTmpRoot } from '../../../tools/testing/paths';
import { hostileName } from '../../../packages/docker-django/src/testing/hostile-strings';
import {
  copyInstruction,
  mountFlag,
  shellWord,
  workdirInstruction,
} from '../../../packages/docker-django/src/generators/lib/syntax/dockerfile';
import { ignorePattern } from '../../../packages/docker-django/src/generators/lib/syntax/dockerignore';
import { UnwritableValueError } from '../../../packages/docker-django/src/generators/lib/syntax/unwritable';
import { PYTHON_VERSION } from './utils/base-images';

// The unit specs read the Dockerfile writers back with a reader of BuildKit's rules
// (src/testing/dockerfile-syntax.ts); this proves those rules on the engine's own BuildKit.
// Odd folder names go through COPY (JSON form), WORKDIR, shell-form RUN words, a --mount list
// and .dockerignore patterns; the build writes what it saw to a local folder (no image is
// made), and every path must come back exactly.
function writable(write: () => string): string | null {
  try {
    return write();
  } catch (error) {
    if (error instanceof UnwritableValueError) return null;
    throw error;
  }
}

describe("Dockerfile writers on the engine's BuildKit", () => {
  let dir: string;
  beforeAll(() => {
    mkdirSync(e2eTmpRoot, { recursive: true });
    dir = mkdtempSync(join(e2eTmpRoot, 'dockerfile-syntax-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies into, works in and names every odd folder exactly; ignores exactly the escaped patterns', () => {
    const samples = fc.sample(hostileName(4), { numRuns: 40, seed: 12 });
    const fixed = [
      'my lib',
      `it's $HOME "q" & R&D`,
      'back\\slash',
      '-dash',
      '#hash',
      '!bang',
      'a*b?[c]',
    ];
    // At most 30: each adds two layers, and overlayfs stacks about 125.
    const names = [...new Set([...fixed, ...samples])]
      .filter(
        (name) =>
          writable(() => copyInstruction([name, `/w/${name}`], 'folder')) !== null &&
          writable(() => workdirInstruction(`/w/${name}`, 'folder')) !== null &&
          writable(() => shellWord(name, 'folder')) !== null,
      )
      .slice(0, 30);
    expect(names.length).toBeGreaterThan(20);
    const context = join(dir, 'context');
    const lines = [`FROM python:${PYTHON_VERSION}-slim AS probe`];
    const ignored = names.filter((name) => /^[#!]|[*?[]/.test(name));
    const copied = names.filter((name) => !ignored.includes(name));
    for (const name of names) {
      mkdirSync(join(context, name), { recursive: true });
      writeFileSync(join(context, name, 'f.txt'), `${JSON.stringify(name)}\n`);
    }
    for (const name of copied) {
      lines.push(
        copyInstruction([name, `/w/${name}`], 'folder'),
        workdirInstruction(`/w/${name}`, 'folder'),
        `RUN pwd >> /pwd.txt && cat f.txt >> /cat.txt && printf '%s\\n' ${shellWord(name, 'folder')} >> /word.txt`,
      );
    }
    writeFileSync(join(context, 'req.txt'), 'mounted\n');
    lines.push(
      `RUN ${mountFlag(
        [
          ['type', 'bind'],
          ['source', 'req.txt'],
          ['target', '/w/r=q.txt'],
        ],
        'file',
      )} cat /w/r=q.txt > /mount.txt`,
      'COPY . /all',
      'RUN ls -1A /all > /all.txt',
      'FROM scratch',
      'COPY --from=probe /pwd.txt /cat.txt /word.txt /mount.txt /all.txt /',
    );
    writeFileSync(join(context, 'Dockerfile'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(context, '.dockerignore'),
      ['Dockerfile', ...ignored.map((name) => ignorePattern(name, 'folder'))].join('\n') + '\n',
    );
    const out = join(dir, 'out');
    const build = spawnSync('docker', ['build', '-q', '-o', `type=local,dest=${out}`, context], {
      encoding: 'utf-8',
      env: { ...process.env, DOCKER_BUILDKIT: '1' },
      timeout: 5 * 60 * 1000,
    });
    if (build.error) throw new Error(`docker build could not run: ${build.error.message}`);
    expect(build.stderr).toBe('');
    const read = (file: string) => readFileSync(join(out, file), 'utf-8').split('\n').slice(0, -1);
    expect(read('pwd.txt')).toEqual(copied.map((name) => `/w/${name}`));
    expect(read('word.txt')).toEqual(copied);
    expect(read('cat.txt')).toEqual(copied.map((name) => JSON.stringify(name)));
    expect(read('mount.txt')).toEqual(['mounted']);
    expect(read('all.txt').sort()).toEqual([...copied, '.dockerignore', 'req.txt'].sort());
  });
});
