import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '@nx/devkit';
// The real Tree Nx gives generators, writing to disk when flushed (a spec-only import).
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { addDjangoProject } from '../../testing/django-fixtures';
import { fingerprint } from '../../testing/fs-fingerprint';
import { ciGenerator } from '../ci/generator';
import { initGenerator } from './generator';
import { POSTGRES_API_INIT } from '../../testing/postgres-api';

/**
 * Writes are checked on the real filesystem before Nx flushes any of them: symbolic links out
 * of the workspace, a file where a folder goes and a folder where a file goes fail the run
 * with one clear error, and the workspace (and whatever is outside it) is byte for byte as before.
 */
describe('init generator: every write checked on disk before the first', () => {
  let base: string;
  let ws: string;
  let outside: string;

  const options = POSTGRES_API_INIT;

  async function run(extra: Record<string, unknown> = {}): Promise<void> {
    const tree = new FsTree(ws, false);
    await initGenerator(tree, { ...options, ...extra });
    flushChanges(ws, tree.listChanges());
  }

  async function expectRefused(message: string, extra: Record<string, unknown> = {}) {
    const before = { ws: fingerprint(ws), outside: fingerprint(outside) };
    await expect(run(extra)).rejects.toThrow(message);
    expect({ ws: fingerprint(ws), outside: fingerprint(outside) }).toEqual(before);
  }

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'docker-django-safety-'));
    ws = join(base, 'ws');
    outside = join(base, 'outside');
    mkdirSync(ws);
    mkdirSync(outside);
    writeFileSync(join(ws, 'nx.json'), '{}\n');
    writeFileSync(join(ws, 'package.json'), '{"name":"ws","private":true}\n');
    const tree = new FsTree(ws, false);
    addDjangoProject(tree, { name: 'api', root: 'apps/api', pythonVersionFile: '3.12\n' });
    flushChanges(ws, tree.listChanges());
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(base, { recursive: true, force: true });
  });

  it('writes everything when nothing is in the way (the baseline)', async () => {
    await run();
    expect(readFileSync(join(ws, 'apps/api/Dockerfile'), 'utf-8')).toContain('PYTHON_VERSION=3.12');
    expect(readFileSync(join(ws, 'apps/api/requirements.txt'), 'utf-8')).toContain('gunicorn');
  });

  it('refuses a requirements.txt linked to a file outside the workspace', async () => {
    writeFileSync(join(outside, 'requirements.txt'), 'Django>=4.2\n');
    rmSync(join(ws, 'apps/api/requirements.txt'));
    symlinkSync(join(outside, 'requirements.txt'), join(ws, 'apps/api/requirements.txt'));
    await expectRefused(
      `apps/api/requirements.txt is a symbolic link to ${join(outside, 'requirements.txt')}, outside the workspace`,
    );
  });

  it('refuses a Dockerfile linked outside, even with --overwrite', async () => {
    writeFileSync(join(outside, 'Dockerfile'), 'FROM scratch\n');
    symlinkSync(join(outside, 'Dockerfile'), join(ws, 'apps/api/Dockerfile'));
    await expectRefused('apps/api/Dockerfile is a symbolic link', { overwrite: true });
  });

  it('refuses a secrets folder linked outside', async () => {
    symlinkSync(outside, join(ws, 'apps/api/secrets'));
    await expectRefused(`apps/api/secrets is a symbolic link to ${outside}, outside the workspace`);
  });

  it('refuses a project folder (src/, holding manage.py) that is a link to a folder outside', async () => {
    const tree = new FsTree(ws, false);
    addDjangoProject(tree, { name: 'web', root: 'apps/web', djangoRoot: 'src' });
    flushChanges(ws, tree.listChanges());
    // The Django folder moved out, and linked back in.
    const real = join(outside, 'src');
    cpSync(join(ws, 'apps/web/src'), real, { recursive: true });
    rmSync(join(ws, 'apps/web/src'), { recursive: true });
    symlinkSync(real, join(ws, 'apps/web/src'));
    await expectRefused(`apps/web/src is a symbolic link to ${real}, outside the workspace`, {
      project: 'web',
    });
  });

  it('writes through a link that stays inside the workspace', async () => {
    mkdirSync(join(ws, 'shared'));
    writeFileSync(join(ws, 'shared/requirements.txt'), 'Django>=4.2\n');
    rmSync(join(ws, 'apps/api/requirements.txt'));
    symlinkSync('../../shared/requirements.txt', join(ws, 'apps/api/requirements.txt'));
    await run();
    expect(readFileSync(join(ws, 'shared/requirements.txt'), 'utf-8')).toContain('gunicorn');
  });

  it('refuses a secrets file where the secrets folder goes, naming it', async () => {
    writeFileSync(join(ws, 'apps/api/secrets'), 'not a folder\n');
    await expectRefused(
      'apps/api/secrets is a file where the generator needs a folder (for apps/api/secrets/',
    );
  });

  it('refuses a compose.yaml folder where the compose file goes, naming it', async () => {
    mkdirSync(join(ws, 'apps/api/compose.yaml'));
    await expectRefused(
      'apps/api/compose.yaml is a folder where the generator writes a file. Move or rename it',
    );
  });

  it('lists every problem at once and says nothing was written', async () => {
    writeFileSync(join(ws, 'apps/api/secrets'), 'x\n');
    mkdirSync(join(ws, 'apps/api/compose.yaml'));
    const before = fingerprint(ws);
    const error = await run().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^\[docker-django\] Nothing was written: some paths/);
    expect(error?.message).toContain('apps/api/secrets is a file');
    expect(error?.message).toContain('apps/api/compose.yaml is a folder');
    expect(fingerprint(ws)).toEqual(before);
  });

  it('ci: refuses a .github folder linked outside', async () => {
    symlinkSync(outside, join(ws, '.github'));
    const before = { ws: fingerprint(ws), outside: fingerprint(outside) };
    const tree = new FsTree(ws, false);
    await expect(ciGenerator(tree, {})).rejects.toThrow(
      `.github is a symbolic link to ${outside}, outside the workspace`,
    );
    expect({ ws: fingerprint(ws), outside: fingerprint(outside) }).toEqual(before);
  });
});
