import type { Tree } from '@nx/devkit';

/** A file the generator must have written. */
export function read(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} was not written`);
  return text;
}

export function snapshot(tree: Tree): Map<string, string | null> {
  const files = new Map<string, string | null>();
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const path = dir ? `${dir}/${child}` : child;
      if (tree.isFile(path)) files.set(path, tree.read(path, 'utf-8'));
      else walk(path);
    }
  };
  walk('');
  return files;
}
