import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../../tools/testing/run';
import { selectedNxVersions } from '../../../tools/testing/nx-versions';
import { PYTHON_VERSION } from './utils/base-images';
import { expectExitCode } from './utils/expect-exit-code';
import { ADD_USER, COUNT_USERS, execIn } from './utils/hardened-stack';
import { composeVolumes, djangoShell } from './utils/postgres-stack';
import { NX_TIMEOUT, stackWorkspaceForSuite, type Stack } from './utils/stack-workspace';
import { initGeneratorArgs } from './utils/plugin-workspace';

// Issue 12 item 8 and issue 9 item 11 on the real engine: a database volume whose passwords
// no longer match secrets/ is explained, and without PostgreSQL the SQLite file and the media
// outlive compose-down on named volumes. One Nx train: the stack does not depend on it.
const NX_VERSION = selectedNxVersions()[0];

describe(`stack data across re-runs in a create-nx-workspace@${NX_VERSION} workspace`, () => {
  const stacks = stackWorkspaceForSuite(NX_VERSION);
  const workspace = () => stacks.workspace;
  const generate = (label: string, extra: string[]) => stacks.generate(label, extra);
  const nxRun = (stack: Stack, target: string, extra: string[] = []) =>
    stacks.nxRun(stack, target, extra);

  // Issue 12 item 8: a volume made with other passwords than secrets/ holds now.
  describe('--database postgres when the secrets no longer match the volume', () => {
    let stack: Stack;
    let up: RunResult | undefined;
    let mismatched: RunResult | undefined;
    let restored: RunResult | undefined;
    let regenerated: RunResult | undefined;
    const cwd = () => stack.project.path;
    const appPassword = () => join(cwd(), 'secrets', 'app-db-password.txt');

    beforeAll(
      async () => {
        stack = await generate('hard-auth', ['--database', 'postgres']);
        if (stack.generated.exitCode !== 0) return;
        up = await nxRun(stack, 'compose-up');
        if (up.exitCode !== 0) return;
        await nxRun(stack, 'compose-down');
        // Another password in the file (owner and mode kept), as after a lost secrets/ folder.
        const original = readFileSync(appPassword());
        writeFileSync(appPassword(), 'not-the-password-the-volume-was-made-with\n');
        mismatched = await nxRun(stack, 'compose-up');
        writeFileSync(appPassword(), original);
        restored = await nxRun(stack, 'compose-up');
        await nxRun(stack, 'compose-down');
        // secrets/ deleted, init run again: new passwords, old volume.
        rmSync(join(cwd(), 'secrets'), { recursive: true, force: true });
        regenerated = await workspace().nx(
          initGeneratorArgs(
            stack.name,
            '--pythonVersion',
            PYTHON_VERSION,
            '--hostPort',
            String(stack.hostPort),
            '--database',
            'postgres',
          ),
          { timeout: NX_TIMEOUT },
        );
      },
      20 * 60 * 1000,
    );

    it('compose-up fails and says the volume was made with other passwords, and the two ways out', () => {
      expectExitCode(up, 0);
      expectExitCode(mismatched, 'non-zero');
      expect(mismatched?.output).toContain(
        `The database of project "${stack.name}" refused the password of role "app"`,
      );
      expect(mismatched?.output).toContain('restore the secret files the volume was made with');
      expect(mismatched?.output).toContain(
        `\`nx run ${stack.name}:compose-down --volumes\` (this deletes all its data)`,
      );
    });

    it('compose-up works again once the secret file is restored', () => {
      expectExitCode(restored, 0);
    });

    it('init warns when it writes new passwords while the old volume is in the engine', () => {
      expectExitCode(regenerated, 0);
      expect(regenerated?.output).toContain(
        `already has the database volume ${stack.compose}_db-data of compose project "${stack.compose}"`,
      );
    });
  });

  describe('without a database: SQLite and media on named volumes', () => {
    let stack: Stack;
    let up: RunResult | undefined;
    let added: string | undefined;
    let down: RunResult | undefined;
    let volumesAfterDown: string[] = [];
    let upAgain: RunResult | undefined;
    const cwd = () => stack.project.path;

    beforeAll(
      async () => {
        stack = await generate('hard-sqlite', []);
        if (stack.generated.exitCode !== 0) return;
        up = await nxRun(stack, 'compose-up');
        if (up.exitCode !== 0) return;
        added = (await djangoShell(stack.compose, cwd(), ADD_USER)).lastLine;
        await execIn(stack.compose, cwd(), 'server', 'echo kept > /data/media/upload.txt');
        down = await nxRun(stack, 'compose-down');
        volumesAfterDown = [
          ...(await composeVolumes(stack.compose, 'sqlite-data')),
          ...(await composeVolumes(stack.compose, 'media')),
        ];
        upAgain = await nxRun(stack, 'compose-up');
      },
      20 * 60 * 1000,
    );

    it('migrates before the server starts (the user table exists: one user added)', () => {
      expectExitCode(stack.generated, 0);
      expectExitCode(up, 0);
      expect(added).toBe('1');
    });

    it('compose-down keeps the sqlite-data and media volumes', () => {
      expectExitCode(down, 0);
      expect(volumesAfterDown.sort()).toEqual(
        [`${stack.compose}_media`, `${stack.compose}_sqlite-data`].sort(),
      );
    });

    it('the user and the uploaded file survive compose-down and compose-up', async () => {
      expectExitCode(upAgain, 0);
      const { lastLine } = await djangoShell(stack.compose, cwd(), COUNT_USERS);
      expect(lastLine).toBe('1');
      const media = await execIn(stack.compose, cwd(), 'server', 'cat /data/media/upload.txt');
      expect(media.stdout.trim()).toBe('kept');
    });

    it('writes the SQLite file to the volume, not the project folder', () => {
      expect(existsSync(join(cwd(), 'db.sqlite3'))).toBe(false);
      expect(readFileSync(join(cwd(), 'compose.yaml'), 'utf-8')).toContain(
        'sqlite-data:/data/sqlite',
      );
    });
  });
});
