import type { Tree } from '@nx/devkit';
import { joinPath, type FileSource } from '../files/file-source';

/** The generators' view of the workspace: reads through the Tree, so --dry-run and unflushed writes count. */
export function treeFileSource(tree: Tree): FileSource {
  const isFile = (path: string): boolean => {
    const p = joinPath(path);
    return p !== '' && tree.exists(p) && tree.isFile(p);
  };
  return {
    isFile,
    isDirectory: (path) => {
      const p = joinPath(path);
      return p === '' || (tree.exists(p) && !tree.isFile(p));
    },
    // Guarded by isFile: Tree.read on a folder logs an error under --verbose.
    read: (path) => (isFile(path) ? tree.read(joinPath(path), 'utf-8') : null),
    children: (dir) => {
      const d = joinPath(dir);
      if (d !== '' && !tree.exists(d)) {
        return [];
      }
      return tree.children(d);
    },
  };
}
