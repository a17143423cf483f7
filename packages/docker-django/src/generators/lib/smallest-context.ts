import { joinPathFragments, type Tree } from '@nx/devkit';
import { posix } from 'node:path';
import type { DjangoLayout } from '../../django/detect-django-layout';

function commonFolder(a: string, b: string): string {
  const left = a.split('/').filter(Boolean);
  const right = b.split('/').filter(Boolean);
  const shared: string[] = [];
  for (let i = 0; i < Math.min(left.length, right.length) && left[i] === right[i]; i++)
    shared.push(left[i]);
  return shared.join('/');
}

// `-e ./pkg`, `../shared`, `file:`, a Poetry/uv `path = "..."` source: a dependency file that
// points at folders, which a narrower context could leave out.
const LOCAL_REFERENCE = /^\s*(?:-e\s+)?(?:\.{1,2}\/|file:)|@\s*file:|\bpath\s*=/m;

/**
 * The smallest folder of the project (project-root-relative, '' for the root) that holds the
 * Django root and every dependency file: the build context for an app deeper in a bigger
 * repository, so the image does not copy the rest of it. The project root when a dependency
 * file points at local folders, or the settings name a folder at the project root outside it.
 */
export function smallestContext(
  tree: Tree,
  projectRoot: string,
  layout: DjangoLayout,
  dependencyFiles: string[],
): string {
  const folders = dependencyFiles
    .map((file) => posix.dirname(file))
    .map((d) => (d === '.' ? '' : d));
  const context = folders.reduce(commonFolder, layout.djangoRoot);
  if (context === '') return '';
  for (const file of dependencyFiles) {
    if (LOCAL_REFERENCE.test(tree.read(joinPathFragments(projectRoot, file), 'utf-8') ?? ''))
      return '';
  }
  const outside = layout.staticFiles.folders.sourceFolders.some(
    (name) => name !== context.split('/')[0] && tree.exists(joinPathFragments(projectRoot, name)),
  );
  return outside ? '' : context;
}
