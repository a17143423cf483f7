import { type Tree } from '@nx/devkit';
import { workspaceWithApi } from '../../testing/django-fixtures';
import { callbackWarnings } from '../../testing/generator-callback';
import { read } from '../../testing/tree-files';
import { initGenerator } from './generator';

// Issue 9 item 13: plain `docker compose up` in the folder must run the generated stack, and the
// repository's own compose files stay as they are. (e2e: compose-neighbours.e2e.spec.ts runs a
// real `docker compose config` on these files.)
describe("init generator: the repository's own compose files", () => {
  let tree: Tree;
  const base = { project: 'api', skipFormat: true, addPlugin: false };
  const USER_COMPOSE = 'services:\n  web:\n    build: .\n';
  const USER_OVERRIDE = 'services:\n  web:\n    volumes: [".:/code"]\n';

  const messages = async () => callbackWarnings(await initGenerator(tree, base));

  beforeEach(() => {
    tree = workspaceWithApi('3.13');
  });

  it('pins COMPOSE_FILE in a new .env when an override file would merge in, and says so', async () => {
    tree.write('apps/api/docker-compose.yml', USER_COMPOSE);
    tree.write('apps/api/docker-compose.override.yml', USER_OVERRIDE);
    const text = await messages();
    expect(read(tree, 'apps/api/.env')).toMatch(/^COMPOSE_FILE=compose\.yaml$/m);
    expect(read(tree, 'apps/api/.gitignore')).toMatch(/^\.env$/m);
    expect(text).toContain(
      'apps/api/docker-compose.override.yml would merge into compose.yaml on plain `docker compose up`',
    );
    expect(text).toContain(
      'run it with `docker compose -f docker-compose.yml -f docker-compose.override.yml up`',
    );
    expect(read(tree, 'apps/api/docker-compose.yml')).toBe(USER_COMPOSE);
    expect(read(tree, 'apps/api/docker-compose.override.yml')).toBe(USER_OVERRIDE);
  });

  it('keeps an existing .env and says which line to add', async () => {
    tree.write('apps/api/compose.override.yaml', USER_OVERRIDE);
    tree.write('apps/api/.env', 'DEBUG=1\n');
    const text = await messages();
    expect(read(tree, 'apps/api/.env')).toBe('DEBUG=1\n');
    expect(text).toContain(
      'apps/api/compose.override.yaml merges into compose.yaml on plain `docker compose up` (compose merges an override file beside any compose file) and changes the generated stack. Add COMPOSE_FILE=compose.yaml to apps/api/.env',
    );
  });

  it('says that compose.yaml now wins over docker-compose.yml, with no .env when nothing merges', async () => {
    tree.write('apps/api/docker-compose.yml', USER_COMPOSE);
    const text = await messages();
    expect(text).toContain(
      'apps/api also has docker-compose.yml: plain `docker compose` there now reads the generated compose.yaml',
    );
    expect(tree.exists('apps/api/.env')).toBe(false);
  });

  it('writes no .env and says nothing without compose files of the repository', async () => {
    expect(await messages()).not.toMatch(/compose\.y|COMPOSE_FILE/);
    expect(tree.exists('apps/api/.env')).toBe(false);
  });
});
