import { type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { initGenerator } from './generator';
import { read } from '../../testing/tree-files';
import { secretFileMode } from './lib/add-secrets';

// Issue 12 item 7: the hardened stack, each part switchable. The real-engine proof is
// e2e/docker-django-e2e/src/hardened-stack.e2e.spec.ts.
describe('init generator: the hardened stack', () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };
  const postgres = { ...base, database: 'postgres' as const };

  beforeEach(() => {
    tree = workspaceWithApi('3.11');
  });

  function services(): Record<string, Record<string, unknown>> {
    return parse(read(tree, 'apps/api/compose.yaml')).services;
  }

  describe('container confinement (--hardenContainers, on by default)', () => {
    it.each(['server', 'migrate', 'db'])(
      'confines %s: no-new-privileges, no capabilities, read-only root, limits, rotated logs',
      async (name) => {
        await initGenerator(tree, postgres);
        expect(services()[name]).toMatchObject({
          security_opt: ['no-new-privileges:true'],
          cap_drop: ['ALL'],
          read_only: true,
          mem_limit: '1g',
          cpus: 1,
          pids_limit: 256,
          logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
        });
      },
    );

    it('gives back to db only what the postgres entrypoint needs, and tmpfs where it writes', async () => {
      await initGenerator(tree, postgres);
      const { server, db } = services();
      expect(db.cap_add).toEqual(['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID']);
      expect(db.tmpfs).toEqual(['/tmp', '/var/run/postgresql', '/docker-entrypoint-initdb.d']);
      expect(server.cap_add).toBeUndefined();
      expect(server.tmpfs).toEqual(['/tmp']);
    });

    it('puts the database on an internal network; only the server is also on the default one', async () => {
      await initGenerator(tree, postgres);
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      expect(compose.networks).toEqual({ default: null, backend: { internal: true } });
      expect(compose.services.server.networks).toEqual(['default', 'backend']);
      expect(compose.services.migrate.networks).toEqual(['backend']);
      expect(compose.services.db.networks).toEqual(['backend']);
    });

    it('writes no YAML anchors (each service has its own logging block)', async () => {
      await initGenerator(tree, postgres);
      expect(read(tree, 'apps/api/compose.yaml')).not.toMatch(/[&*]a\d/);
    });

    // docs/security.md: CIS 4.9, 5.4, 5.5, 5.9, 5.15-5.17, 5.20, 5.21, 5.31.
    it.each([{}, { database: 'postgres' as const }])(
      'writes nothing that opens the host (%o): no privileged, host namespaces, devices, host paths, socket or ADD',
      async (extra) => {
        await initGenerator(tree, { ...base, ...extra });
        const text = read(tree, 'apps/api/compose.yaml');
        for (const service of Object.values(services())) {
          for (const key of ['privileged', 'network_mode', 'pid', 'ipc', 'uts', 'devices'])
            expect(service[key]).toBeUndefined();
          for (const volume of (service.volumes as string[] | undefined) ?? [])
            expect(volume).toMatch(/^[a-z][\w-]*:\//);
          expect(service.security_opt).toEqual(['no-new-privileges:true']);
        }
        expect(text).not.toMatch(/docker\.sock|unconfined/);
        expect(read(tree, 'apps/api/Dockerfile')).not.toMatch(/^ADD /m);
      },
    );

    it('takes --memoryLimit and --cpuLimit', async () => {
      await initGenerator(tree, { ...postgres, memoryLimit: '512m', cpuLimit: '0.5' });
      expect(services().server).toMatchObject({ mem_limit: '512m', cpus: 0.5 });
      expect(services().db).toMatchObject({ mem_limit: '512m', cpus: 0.5 });
    });

    it.each([
      ['memoryLimit', '1.5g'],
      ['memoryLimit', '1m'],
      ['memoryLimit', 'lots'],
      ['cpuLimit', '0'],
      ['cpuLimit', '-1'],
      ['cpuLimit', 'two'],
    ])('refuses --%s %s before writing anything', async (option, value) => {
      await expect(initGenerator(tree, { ...base, [option]: value })).rejects.toThrow(
        new RegExp(`Invalid --${option} "${value}" for project "api"`),
      );
      expect(tree.exists('apps/api/compose.yaml')).toBe(false);
      expect(tree.exists('apps/api/secrets/django-secret-key.txt')).toBe(false);
    });

    it('writes none of it with --hardenContainers=false', async () => {
      await initGenerator(tree, { ...postgres, hardenContainers: false });
      const compose = parse(read(tree, 'apps/api/compose.yaml'));
      expect(compose.networks).toBeUndefined();
      for (const service of Object.values(compose.services) as Record<string, unknown>[]) {
        for (const key of ['security_opt', 'cap_drop', 'cap_add', 'read_only', 'tmpfs'])
          expect(service[key]).toBeUndefined();
        for (const key of ['mem_limit', 'cpus', 'pids_limit', 'logging', 'networks'])
          expect(service[key]).toBeUndefined();
      }
    });
  });

  describe("the app's own database role (--appDatabaseRole, on by default)", () => {
    it('connects the app as role "app" with its own password; the superuser password reaches only db', async () => {
      await initGenerator(tree, postgres);
      const { server, migrate, db } = services();
      for (const app of [server, migrate]) {
        expect(app.secrets).toEqual(['django-secret-key', 'app-db-password']);
        expect(app.environment).toMatchObject({
          POSTGRES_USER: 'app',
          POSTGRES_PASSWORD_FILE: '/run/secrets/app-db-password',
        });
      }
      expect(db.secrets).toEqual(['db-password', 'app-db-password']);
      expect(read(tree, 'apps/api/secrets/app-db-password.txt').trim()).toMatch(
        /^[A-Za-z0-9_-]{32}$/,
      );
      expect(read(tree, 'apps/api/secrets/app-db-password.txt')).not.toBe(
        read(tree, 'apps/api/secrets/db-password.txt'),
      );
    });

    it("creates the role at database init, owner of the app's database, not a superuser", async () => {
      await initGenerator(tree, postgres);
      const { db } = services();
      expect(db.command).toEqual(['postgres']);
      const [shell, flag, script, arg0] = db.entrypoint as string[];
      expect([shell, flag, arg0]).toEqual(['sh', '-c', 'docker-entrypoint.sh']);
      expect(script).toContain('APP_DB_PASSWORD="$$(cat /run/secrets/app-db-password)"');
      expect(script).toContain("cat > /docker-entrypoint-initdb.d/10-app-role.sh <<'INIT'");
      expect(script).toContain('CREATE ROLE :"role" LOGIN PASSWORD :\'pw\';');
      expect(script).toContain('ALTER DATABASE :"db" OWNER TO :"role";');
      expect(script).not.toMatch(/SUPERUSER|CREATEROLE|CREATEDB/);
      expect(script.endsWith('exec docker-entrypoint.sh "$$@"')).toBe(true);
      // Every $ is doubled, so compose interpolates none of them.
      expect(script.replace(/\$\$/g, '')).not.toContain('$');
    });

    it('connects as postgres with the one password with --appDatabaseRole=false', async () => {
      await initGenerator(tree, { ...postgres, appDatabaseRole: false });
      const { server, db } = services();
      expect(server.environment).toMatchObject({
        POSTGRES_USER: 'postgres',
        POSTGRES_PASSWORD_FILE: '/run/secrets/db-password',
      });
      expect(db.entrypoint).toBeUndefined();
      expect(db.secrets).toEqual(['db-password']);
      expect(tree.exists('apps/api/secrets/app-db-password.txt')).toBe(false);
    });
  });

  describe('secret files', () => {
    it('are 0600 when the generator runs as root (it then gives each to its reader), else 0644', () => {
      expect(secretFileMode(true)).toBe(0o600);
      expect(secretFileMode(false)).toBe(0o644);
    });

    it('are written with an explicit mode, so the umask does not decide it', async () => {
      await initGenerator(tree, postgres);
      const secrets = tree
        .listChanges()
        .filter((change) => /\/secrets\/[^.][^/]*\.txt$/.test(change.path));
      expect(secrets.map((change) => change.path).sort()).toEqual([
        'apps/api/secrets/app-db-password.txt',
        'apps/api/secrets/db-password.txt',
        'apps/api/secrets/django-secret-key.txt',
      ]);
      for (const change of secrets) expect([0o600, 0o644]).toContain(change.options?.mode);
    });
  });

  describe('container settings', () => {
    it('fail closed without a secret key, and never read the project key (--requireSecretKey)', async () => {
      await initGenerator(tree, base);
      const settings = read(tree, 'apps/api/container_settings.py');
      expect(settings).toContain('SECRET_KEY = _env("DJANGO_SECRET_KEY")\n');
      expect(settings).toContain('raise ImproperlyConfigured(');
      expect(settings).not.toContain('globals().get("SECRET_KEY")');
    });

    it('fall back to the project key with --requireSecretKey=false', async () => {
      await initGenerator(tree, { ...base, requireSecretKey: false });
      const settings = read(tree, 'apps/api/container_settings.py');
      expect(settings).toContain(
        'SECRET_KEY = _env("DJANGO_SECRET_KEY", globals().get("SECRET_KEY"))',
      );
      expect(settings).not.toContain('ImproperlyConfigured');
    });

    it('turn on the HTTPS-only settings when DJANGO_BEHIND_TLS is true', async () => {
      await initGenerator(tree, base);
      const settings = read(tree, 'apps/api/container_settings.py');
      const block = settings.slice(settings.indexOf('if _env_flag("DJANGO_BEHIND_TLS"):'));
      for (const setting of [
        'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
        'SECURE_SSL_REDIRECT = True',
        'SESSION_COOKIE_SECURE = True',
        'CSRF_COOKIE_SECURE = True',
        'SECURE_HSTS_SECONDS = int(_env("DJANGO_HSTS_SECONDS", "31536000"))',
      ])
        expect(block).toContain(setting);
    });

    it('leave DJANGO_BEHIND_TLS off in compose by default, on with --behindTls', async () => {
      await initGenerator(tree, base);
      expect(services().server.environment).toMatchObject({
        DJANGO_BEHIND_TLS: '${DJANGO_BEHIND_TLS:-false}',
      });
      await initGenerator(tree, { ...base, behindTls: true, overwrite: true });
      expect(services().server.environment).toMatchObject({
        DJANGO_BEHIND_TLS: '${DJANGO_BEHIND_TLS:-true}',
      });
    });

    it('send the X-Forwarded-Proto a TLS proxy would in the healthcheck, so it is not redirected', async () => {
      await initGenerator(tree, base);
      const test = (services().server.healthcheck as { test: string[] }).test;
      expect(test[3]).toContain('"X-Forwarded-Proto": "https"');
    });

    it('put the SQLite file and media on the volumes compose mounts', async () => {
      await initGenerator(tree, base);
      const settings = read(tree, 'apps/api/container_settings.py');
      expect(settings).toContain('MEDIA_ROOT = _env("DJANGO_MEDIA_ROOT"');
      expect(settings).toContain('elif _env("DJANGO_SQLITE_DIR"):');
    });
  });
});
