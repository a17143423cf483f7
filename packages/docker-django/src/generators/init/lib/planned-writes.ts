import { joinPathFragments } from '@nx/devkit';
import { dockerFiles } from '../../lib/docker-files';
import type { NormalizedInitOptions } from '../../lib/normalize-options';
import { SECRET_FILES } from './add-secrets';

/**
 * The paths init may write for a project, known before it writes any: checked on disk first
 * (a folder where compose.yaml goes would otherwise fail in the middle, with a raw EISDIR).
 * The final check of all Tree changes covers the rest (project.json, nx.json).
 */
export function plannedWrites(options: NormalizedInitOptions): string[] {
  const root = options.projectRoot;
  const deps = options.dependencies;
  const requirements =
    deps === null
      ? 'requirements.txt'
      : deps.manager === 'pip' && !deps.file.endsWith('.toml')
        ? deps.file
        : null;
  return [
    ...Object.keys(dockerFiles(options)),
    joinPathFragments(root, SECRET_FILES.djangoSecretKey),
    ...(options.database === 'postgres' ? [joinPathFragments(root, SECRET_FILES.dbPassword)] : []),
    joinPathFragments(root, SECRET_FILES.directory, '.gitignore'),
    ...(requirements ? [joinPathFragments(root, requirements)] : []),
  ];
}
