import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addDjangoProject } from '../../../testing/django-fixtures';
import { normalizeOptions } from '../../lib/normalize-options';
import { newPasswordWarning } from './existing-database-volume';

describe('newPasswordWarning', () => {
  async function options(database: 'none' | 'postgres') {
    const tree = createTreeWithEmptyWorkspace();
    addDjangoProject(tree, { name: 'api', root: 'apps/api' });
    return normalizeOptions(tree, { project: 'api', database }, false);
  }
  const created = ['apps/api/secrets/db-password.txt', 'apps/api/secrets/app-db-password.txt'];

  it('warns when a new password meets a database volume of the compose project', async () => {
    const asked: string[] = [];
    const postgres = await options('postgres');
    const warning = newPasswordWarning(postgres, created, 'compose-down', (p) => {
      asked.push(p);
      return [`${p}_db-data`];
    });
    // The compose project init records for the stack (unique per workspace).
    expect(asked).toEqual([postgres.composeProject]);
    expect(warning).toContain(`already has the database volume ${postgres.composeProject}_db-data`);
    expect(warning).toContain('put back the secret files that volume was made with');
    expect(warning).toContain('`nx run api:compose-down --volumes` (this deletes all its data)');
  });

  it('says nothing without such a volume (or without an engine to ask)', async () => {
    expect(newPasswordWarning(await options('postgres'), created, 'down', () => [])).toBeNull();
  });

  it('does not ask the engine when no password was created, or without PostgreSQL', async () => {
    const never = () => {
      throw new Error('asked the engine');
    };
    const key = ['apps/api/secrets/django-secret-key.txt'];
    expect(newPasswordWarning(await options('postgres'), key, 'down', never)).toBeNull();
    expect(newPasswordWarning(await options('none'), created, 'down', never)).toBeNull();
  });
});
