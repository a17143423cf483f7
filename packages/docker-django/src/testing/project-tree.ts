import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { FileSource } from '../files/file-source';
import { treeFileSource } from '../nx/tree-file-source';

export interface ProjectTree {
  tree: Tree;
  /** The workspace as detection reads it. */
  src: FileSource;
  /** Writes files relative to a project root ('' for the workspace root). */
  write(files: Record<string, string>, root?: string): void;
}

/**
 * A fresh in-memory workspace before each test of the calling describe block, holding the
 * `initial` files in the project at `projectRoot`.
 */
export function useProjectTree(
  projectRoot: string,
  initial: Record<string, string> = {},
): ProjectTree {
  const project = {
    write(files: Record<string, string>, root = projectRoot) {
      for (const [path, content] of Object.entries(files)) {
        project.tree.write(root === '' ? path : `${root}/${path}`, content);
      }
    },
  } as ProjectTree;
  beforeEach(() => {
    project.tree = createTreeWithEmptyWorkspace();
    project.src = treeFileSource(project.tree);
    project.write(initial);
  });
  return project;
}
