import { spawnSync } from 'node:child_process';
import type { NormalizedInitOptions } from '../../lib/normalize-options';

/**
 * The names of the engine's db-data volumes of this project's compose project, found by the
 * labels compose puts on them; empty when there are none or no engine answers within a few
 * seconds (the generator never fails for want of an engine).
 */
export function existingDatabaseVolumes(composeProject: string): string[] {
  const result = spawnSync(
    'docker',
    [
      'volume',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${composeProject}`,
      '--filter',
      'label=com.docker.compose.volume=db-data',
    ],
    { encoding: 'utf-8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  if (result.error || result.status !== 0) return [];
  return result.stdout.split('\n').filter(Boolean);
}

/**
 * The warning for a new database password while the engine holds a database volume of this
 * compose project: PostgreSQL set its passwords when it made that volume and will refuse the
 * new ones. `null` when there is nothing to say.
 */
export function newPasswordWarning(
  options: NormalizedInitOptions,
  createdPaths: string[],
  downTarget: string,
  volumesOf: (composeProject: string) => string[] = existingDatabaseVolumes,
): string | null {
  const passwords = createdPaths.filter((path) => /\/secrets\/(app-)?db-password\.txt$/.test(path));
  if (options.database !== 'postgres' || passwords.length === 0) return null;
  const composeProject = options.composeProject;
  const volumes = volumesOf(composeProject);
  if (volumes.length === 0) return null;
  return (
    `[docker-django] New database password${passwords.length > 1 ? 's' : ''} written ` +
    `(${passwords.join(', ')}), but the engine already has the database volume ` +
    `${volumes.join(', ')} of compose project "${composeProject}", made with other passwords: ` +
    'PostgreSQL would refuse the new ones. Either put back the secret files that volume was ' +
    'made with (replace the new ones), or delete the old database with ' +
    `\`nx run ${options.projectName}:${downTarget} --volumes\` (this deletes all its data) ` +
    'before the next compose-up.'
  );
}
