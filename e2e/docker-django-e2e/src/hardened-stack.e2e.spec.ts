import { statSync } from 'node:fs';
import { selectedNxVersions } from '../../../tools/testing/nx-versions';
import { join } from 'node:path';
import { compose } from '../../../tools/testing/compose';
import { waitForHttp } from '../../../tools/testing/net';
import { type RunResult } from '../../../tools/testing/run';
import { expectExitCode } from './utils/expect-exit-code';
import {
  ADD_USER,
  confinementOf,
  COUNT_USERS,
  containerOf,
  execIn,
  networkIsInternal,
  psql,
} from './utils/hardened-stack';
import { djangoShell } from './utils/postgres-stack';
import { stackWorkspaceForSuite, type Stack } from './utils/stack-workspace';

// Issue 12 item 7 on the real engine: the stack init writes by default (confined services, the
// app's own database role, fail-closed settings, root-owned code) builds, serves, migrates and
// keeps its data. One Nx train: the stack does not depend on it.
const NX_VERSION = selectedNxVersions()[0];
const APP_UID = 10001;

describe(`the hardened stack in a create-nx-workspace@${NX_VERSION} workspace`, () => {
  const stacks = stackWorkspaceForSuite(NX_VERSION);
  const generate = (label: string, extra: string[]) => stacks.generate(label, extra);
  const nxRun = (stack: Stack, target: string, extra: string[] = []) =>
    stacks.nxRun(stack, target, extra);

  describe('--database postgres, generated under umask 077', () => {
    let stack: Stack;
    let up: RunResult | undefined;
    let database = '';
    const cwd = () => stack.project.path;
    /** `python manage.py <args>` in a one-off server container, with `variable` (NAME=value) set. */
    const manageInOneOff = (variable: string, args: string[]) =>
      compose(
        stack.compose,
        ['run', '--rm', '--no-deps', '-e', variable, 'server', 'python', 'manage.py', ...args],
        cwd(),
      );

    beforeAll(
      async () => {
        stack = await generate('hard-pg', ['--database', 'postgres']);
        if (stack.generated.exitCode !== 0) return;
        up = await nxRun(stack, 'compose-up');
        const config = await compose(stack.compose, ['config', '--format', 'json'], cwd());
        database = JSON.parse(config.stdout).services.db.environment.POSTGRES_DB;
      },
      20 * 60 * 1000,
    );

    it('generates and starts (compose-up exits 0) and gunicorn answers 200', async () => {
      expectExitCode(stack.generated, 0);
      expectExitCode(up, 0);
      const answer = await waitForHttp(`http://localhost:${stack.hostPort}/admin/login/`);
      expect(answer.status).toBe(200);
    });

    it('writes each secret 0600, owned by the uid of the container user that reads it', () => {
      const owner = (file: string) => {
        const stat = statSync(join(cwd(), 'secrets', file));
        return { mode: (stat.mode & 0o777).toString(8), uid: stat.uid };
      };
      // As root the generator hands the files on; run by a user it writes them 0644.
      const root = process.getuid?.() === 0;
      const uid = process.getuid?.() ?? -1;
      expect({
        key: owner('django-secret-key.txt'),
        app: owner('app-db-password.txt'),
        superuser: owner('db-password.txt'),
      }).toEqual(
        root
          ? {
              key: { mode: '600', uid: APP_UID },
              app: { mode: '600', uid: APP_UID },
              superuser: { mode: '600', uid: 0 },
            }
          : {
              key: { mode: '644', uid },
              app: { mode: '644', uid },
              superuser: { mode: '644', uid },
            },
      );
    });

    it('connects Django as role "app", which owns the database and is no superuser', async () => {
      const { lastLine } = await djangoShell(
        stack.compose,
        cwd(),
        'from django.db import connection; c = connection.cursor(); c.execute("select current_user"); print(c.fetchone()[0])',
      );
      expect(lastLine).toBe('app');
      const roles = await psql(
        stack.compose,
        cwd(),
        database,
        "select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = 'app'",
      );
      expect(roles.stdout.trim()).toBe('app|f|f|f');
      const owner = await psql(
        stack.compose,
        cwd(),
        database,
        `select pg_get_userbyid(datdba) from pg_database where datname = '${database}'`,
      );
      expect(owner.stdout.trim()).toBe('app');
    });

    it("migrate made Django's tables as app", async () => {
      const tables = await psql(
        stack.compose,
        cwd(),
        database,
        "select tableowner, count(*) from pg_tables where tablename like 'django_%' group by 1",
      );
      expectExitCode(tables, 0);
      expect(tables.stdout.trim()).toMatch(/^app\|[1-9]\d*$/);
    });

    it('passes manage.py check --deploy --fail-level WARNING with DJANGO_BEHIND_TLS=true', async () => {
      const check = await manageInOneOff('DJANGO_BEHIND_TLS=true', [
        'check',
        '--deploy',
        '--fail-level',
        'WARNING',
      ]);
      expectExitCode(check, 0);
      expect(check.output).toContain('System check identified no issues (0 silenced).');
    });

    it('refuses to start without a secret key (ImproperlyConfigured, no fallback key)', async () => {
      const check = await manageInOneOff('DJANGO_SECRET_KEY_FILE=', ['check']);
      expectExitCode(check, 'non-zero');
      expect(check.output).toMatch(/ImproperlyConfigured: No secret key: set DJANGO_SECRET_KEY/);
    });

    it.each(['server', 'migrate', 'db'])(
      'confines %s: read-only root, no-new-privileges, only the capabilities it needs, limits, rotated logs',
      async (service) => {
        const confinement = await confinementOf(await containerOf(stack.compose, cwd(), service));
        expect(confinement).toMatchObject({
          readOnlyRootfs: true,
          capDrop: ['ALL'],
          capAdd: service === 'db' ? ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID'] : [],
          securityOpt: ['no-new-privileges:true'],
          memory: 1024 ** 3,
          nanoCpus: 1e9,
          pidsLimit: 256,
          logConfig: { Type: 'json-file', Config: { 'max-file': '3', 'max-size': '10m' } },
        });
      },
    );

    it('keeps the database on an internal network the host cannot reach; only server publishes', async () => {
      const db = await confinementOf(await containerOf(stack.compose, cwd(), 'db'));
      const server = await confinementOf(await containerOf(stack.compose, cwd(), 'server'));
      expect(db.networks).toEqual([`${stack.compose}_backend`]);
      expect(db.publishedPorts).toEqual([]);
      expect(server.networks).toEqual([`${stack.compose}_backend`, `${stack.compose}_default`]);
      expect(await networkIsInternal(`${stack.compose}_backend`)).toBe(true);
      expect(await networkIsInternal(`${stack.compose}_default`)).toBe(false);
    });

    it('runs the app as appuser on root-owned, read-only code; only the media volume is writable', async () => {
      const probe = await execIn(
        stack.compose,
        cwd(),
        'server',
        'id -u; stat -c "%U %a" manage.py; touch manage.py 2>/dev/null && echo code-writable || echo code-read-only; ' +
          'touch /data/media/probe && echo media-writable; stat -c %U /data/media',
      );
      expectExitCode(probe, 0);
      expect(probe.stdout.trim().split('\n')).toEqual([
        String(APP_UID),
        'root 755',
        'code-read-only',
        'media-writable',
        'appuser',
      ]);
    });

    it('keeps its data across compose-down and compose-up', async () => {
      const added = await djangoShell(stack.compose, cwd(), ADD_USER);
      expectExitCode(added.result, 0);
      expectExitCode(await nxRun(stack, 'compose-down'), 0);
      expectExitCode(await nxRun(stack, 'compose-up'), 0);
      const { lastLine } = await djangoShell(stack.compose, cwd(), COUNT_USERS);
      expect(lastLine).toBe('1');
    });
  });
});
