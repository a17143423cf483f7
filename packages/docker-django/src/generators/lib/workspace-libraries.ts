import { getProjects, type Tree } from '@nx/devkit';
import { posix } from 'node:path';
import { ProjectRoots } from '../../files/workspace-paths';
import {
  manifestKind,
  parsePyproject,
  parseRequirements,
  pyprojectMayReferencePaths,
  type PythonPathRef,
} from '../../python/manifest-refs';

export interface WorkspaceLibrary {
  name: string;
  root: string;
}

/** Requirements files and pyproject.toml of a project: the manifests that can name a local library. */
function manifestsOf(tree: Tree, root: string): string[] {
  const candidates = [
    ...tree.children(root).map((name) => posix.join(root, name)),
    ...tree
      .children(posix.join(root, 'requirements'))
      .map((name) => posix.join(root, 'requirements', name)),
  ];
  return candidates.filter((path) => tree.isFile(path) && manifestKind(path, root) !== undefined);
}

function pathRefsOf(tree: Tree, root: string): PythonPathRef[] {
  const refs: PythonPathRef[] = [];
  for (const manifest of manifestsOf(tree, root)) {
    const text = tree.read(manifest, 'utf-8') ?? '';
    try {
      if (manifestKind(manifest, root) === 'pyproject') {
        if (pyprojectMayReferencePaths(text)) refs.push(...parsePyproject(text, manifest).refs);
      } else refs.push(...parseRequirements(text, manifest, { baseDir: root }).refs);
    } catch {
      // A manifest that does not parse names no library here; the graph plugin reports it.
    }
  }
  return refs;
}

/**
 * Every project of the workspace, by name and root. Reading them means reading every
 * project.json through the Tree (14 ms for 500 projects), so a caller that asks for several
 * apps' libraries reads them once and passes them on.
 */
function workspaceProjects(tree: Tree): WorkspaceLibrary[] {
  return [...getProjects(tree).entries()].map(([name, config]) => ({ name, root: config.root }));
}

/**
 * The workspace projects a Python project installs by path (`-e ../../libs/x`, uv/poetry path
 * sources), and theirs in turn: everything its image must contain. The same manifests and
 * parsers as the project-graph edges, read through the Tree so a generator sees its own edits.
 */
export function workspaceLibrariesOf(
  tree: Tree,
  projectName: string,
  projects: readonly WorkspaceLibrary[] = workspaceProjects(tree),
): WorkspaceLibrary[] {
  // A project at the workspace root (Nx infers one from a root package.json) holds every path,
  // but it is no library to copy into an image: it counts only when named exactly.
  const libraries = new ProjectRoots(projects.filter((p) => p.root !== '.' && p.root !== ''));
  const owner = (path: string | undefined) =>
    libraries.owning(path) ?? (path === '.' ? projects.find((p) => p.root === '.') : undefined);
  const start = projects.find((p) => p.name === projectName);
  if (!start) return [];
  const found = new Map<string, WorkspaceLibrary>();
  const visit = (project: WorkspaceLibrary) => {
    for (const ref of pathRefsOf(tree, project.root)) {
      const target = owner(ref.path) ?? owner(ref.fallbackPath);
      if (!target || target.name === start.name || found.has(target.name)) continue;
      found.set(target.name, target);
      visit(target);
    }
  };
  visit(start);
  return [...found.values()].sort((a, b) => a.root.localeCompare(b.root));
}
