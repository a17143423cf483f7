import { joinPathFragments, type Tree } from '@nx/devkit';

/**
 * Whether the project's settings install django.contrib.staticfiles, without which
 * `manage.py collectstatic` does not exist. A settings package is read whole, because
 * INSTALLED_APPS usually lives in base.py while another module is the one in use.
 */
export function usesStaticfiles(
  tree: Tree,
  projectRoot: string,
  settingsPath: string | null,
): boolean {
  if (settingsPath === null) return false;
  const path = joinPathFragments(projectRoot, settingsPath);
  const files = tree.isFile(path)
    ? [path]
    : tree
        .children(path)
        .filter((name) => name.endsWith('.py'))
        .map((name) => `${path}/${name}`);
  return files.some((file) =>
    (tree.read(file, 'utf-8') ?? '').includes('django.contrib.staticfiles'),
  );
}
