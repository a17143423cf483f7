import { type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { read, snapshot } from '../../testing/tree-files';
import { initGenerator } from './generator';
import { workspaceComposeProjectName } from '../../nx/compose-project-name';
import { POSTGRES_API_INIT } from '../../testing/postgres-api';

describe('init generator: --postgresVersion', () => {
  let tree: Tree;
  let warn: jest.SpyInstance;
  const postgres = POSTGRES_API_INIT;
  const compose = () => read(tree, 'apps/api/compose.yaml');
  const db = () => parse(compose()).services.db;
  const warnings = () => warn.mock.calls.flat().join('\n');

  /** What the plugin wrote before the option: `image: postgres`, the volume at .../data, no record. */
  async function writeLegacyCompose() {
    await initGenerator(tree, { ...postgres, postgresVersion: 17 });
    tree.write(
      'apps/api/compose.yaml',
      compose()
        .replace('image: postgres:17', 'image: postgres')
        .replace(/\n {2}postgresVersion: 17/, '')
        .replace(/\n {2}composeProject: .*/, ''),
    );
    warn.mockClear();
  }

  beforeEach(() => {
    tree = workspaceWithApi('3.11');
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('writes postgres:18 with the volume at /var/lib/postgresql by default, and records 18', async () => {
    await initGenerator(tree, postgres);
    expect(db().image).toBe('postgres:18');
    expect(db().volumes).toEqual(['db-data:/var/lib/postgresql']);
    expect(parse(compose())['x-docker-django'].postgresVersion).toBe(18);
  });

  it.each([
    [13, '/var/lib/postgresql/data'],
    [17, '/var/lib/postgresql/data'],
    ['17', '/var/lib/postgresql/data'],
    [18, '/var/lib/postgresql'],
  ])(
    '--postgresVersion %p writes postgres:<major> with its data path %s',
    async (version, path) => {
      await initGenerator(tree, { ...postgres, postgresVersion: version });
      expect(db().image).toBe(`postgres:${version}`);
      expect(db().volumes).toEqual([`db-data:${path}`]);
      expect(parse(compose())['x-docker-django'].postgresVersion).toBe(Number(version));
      expect(db().healthcheck.test).toEqual(['CMD', 'pg_isready', '-U', 'postgres', '-d', 'api']);
    },
  );

  it.each([12, 19, 'abc', 17.2, '17.2', ''])(
    'rejects --postgresVersion %p before writing anything',
    async (version) => {
      const before = snapshot(tree);
      await expect(initGenerator(tree, { ...postgres, postgresVersion: version })).rejects.toThrow(
        `Invalid --postgresVersion "${version}" for project "api": expected a PostgreSQL major from 13 to 18`,
      );
      expect(snapshot(tree)).toEqual(before);
    },
  );

  it('records no postgresVersion without a database', async () => {
    await initGenerator(tree, { ...postgres, database: 'none' });
    expect(parse(compose())['x-docker-django']).not.toHaveProperty('postgresVersion');
  });

  it('changes nothing on a re-run with the same major', async () => {
    await initGenerator(tree, { ...postgres, postgresVersion: 16 });
    const before = snapshot(tree);
    await initGenerator(tree, { ...postgres, postgresVersion: 16 });
    expect(snapshot(tree)).toEqual(before);
    expect(warnings()).toBe('');
  });

  it('re-uses the recorded major when --postgresVersion is not given (a re-run never upgrades)', async () => {
    await initGenerator(tree, { ...postgres, postgresVersion: 16 });
    const before = compose();
    await initGenerator(tree, { ...postgres, overwrite: true });
    expect(compose()).toBe(before);
    expect(db().image).toBe('postgres:16');
  });

  it('keeps compose.yaml, even with --overwrite, when another major is asked, and says how to upgrade', async () => {
    await initGenerator(tree, { ...postgres, postgresVersion: 16 });
    const before = compose();
    await initGenerator(tree, { ...postgres, postgresVersion: 18, overwrite: true });
    expect(compose()).toBe(before);
    const message = warnings();
    const name = workspaceComposeProjectName(tree.root, 'api');
    expect(message).toContain('Kept apps/api/compose.yaml as it is, even with --overwrite');
    expect(message).toContain('runs image postgres:16 (major 16)');
    expect(message).toContain('would write postgres:18 with the volume at /var/lib/postgresql.');
    expect(message).toContain(
      `docker compose -f apps/api/compose.yaml -p ${name} exec db pg_dumpall -U postgres > backup.sql`,
    );
    expect(message).toContain('nx run api:compose-down --volumes');
    expect(message).toContain(
      'rm apps/api/compose.yaml && nx g docker-django:init --project api --database postgres --postgresVersion 18',
    );
    expect(message).toContain(`docker compose -f apps/api/compose.yaml -p ${name} up -d --wait db`);
    expect(message).toContain(
      `docker compose -f apps/api/compose.yaml -p ${name} exec -T db psql -U postgres < backup.sql`,
    );
    expect(message).toContain('pg_upgrade');
    expect(message).toContain('--postgresVersion <old major>');
    expect(message).not.toContain('PG_VERSION');
  });

  it('keeps a compose.yaml of the earlier plugin (no record, /var/lib/postgresql/data) on a re-run, and says how to find its major', async () => {
    await writeLegacyCompose();
    const before = compose();
    await initGenerator(tree, postgres);
    expect(compose()).toBe(before);
    const message = warnings();
    expect(message).toContain('runs image postgres (major not recorded)');
    expect(message).toContain('its volume db-data at /var/lib/postgresql/data');
    expect(message).toContain(
      'docker compose -f apps/api/compose.yaml -p api run --rm --entrypoint cat db /var/lib/postgresql/data/PG_VERSION',
    );
    expect(message).not.toContain('Pass --overwrite to replace it');
  });

  it('keeps the legacy compose.yaml with --overwrite while the other files follow --overwrite', async () => {
    await writeLegacyCompose();
    const before = compose();
    tree.write('apps/api/Dockerfile', 'FROM scratch\n');
    tree.write('apps/api/.dockerignore', '*\n');
    await initGenerator(tree, { ...postgres, overwrite: true });
    expect(compose()).toBe(before);
    expect(read(tree, 'apps/api/Dockerfile')).toContain('FROM python:');
    expect(read(tree, 'apps/api/.dockerignore')).not.toBe('*\n');
    expect(warnings()).toContain('Kept apps/api/compose.yaml as it is, even with --overwrite');
  });

  it('pins a legacy compose.yaml to the major the user names when its data path fits that major', async () => {
    await writeLegacyCompose();
    await initGenerator(tree, { ...postgres, postgresVersion: 16, overwrite: true });
    expect(db().image).toBe('postgres:16');
    expect(db().volumes).toEqual(['db-data:/var/lib/postgresql/data']);
    expect(warnings()).not.toContain('even with --overwrite');
  });

  it('keeps the legacy compose.yaml when the named major needs the new path', async () => {
    await writeLegacyCompose();
    const before = compose();
    await initGenerator(tree, { ...postgres, postgresVersion: 18, overwrite: true });
    expect(compose()).toBe(before);
  });
});
