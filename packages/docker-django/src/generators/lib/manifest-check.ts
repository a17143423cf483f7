import { joinPathFragments, type Tree } from '@nx/devkit';
import { parseToml, TomlSyntaxError } from '../../python/toml';

export class ManifestSyntaxError extends Error {}

/**
 * A pyproject.toml or Pipfile that is not valid TOML is an error naming the file and line:
 * detection would otherwise read it as absent and pick another dependency file silently.
 */
export function assertManifestsParse(tree: Tree, projectRoot: string, djangoRoot: string): void {
  const folders = [...new Set([projectRoot, joinPathFragments(projectRoot, djangoRoot)])];
  for (const folder of folders) {
    for (const name of ['pyproject.toml', 'Pipfile']) {
      const file = joinPathFragments(folder, name);
      const text = tree.isFile(file) ? tree.read(file, 'utf-8') : null;
      if (text === null) continue;
      try {
        parseToml(text, file);
      } catch (error) {
        if (!(error instanceof TomlSyntaxError)) throw error;
        throw new ManifestSyntaxError(
          `Cannot read ${error.message}. Fix the file (or move it away if it is not the project's), then run again.`,
        );
      }
    }
  }
}
