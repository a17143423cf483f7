// Project-graph edges for local Python dependencies: an app whose requirements file or
// pyproject.toml points at a workspace library depends on that library's Nx project, so
// `nx affected` and the image cache see a library change.
//
// Incrementality. On a warm graph Nx passes only changed files in `filesToProcess`, and it
// keeps the dependencies it recorded on unchanged files: edges that carry a `sourceFile` are
// stored on that file's `deps` and restored from the project-graph cache after the plugins
// run (nx/src/project-graph/build-project-graph.js, `buildProjectGraphUsingContext`), which
// is why Nx's own JS plugin reads only `filesToProcess`. So a project is re-read only when one
// of its manifests (or a file it might include) changed, and every edge names the file that
// declares it. Python references cross files (`-r` includes, uv workspace member names), so
// parsed manifests are also cached by content hash, keeping the cross-file look-ups cheap.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  CreateDependencies,
  CreateDependenciesContext,
  DependencyType,
  FileData,
  RawProjectGraphDependency,
} from '@nx/devkit';
import { logger } from '../nx/log';
import {
  manifestKind,
  parsePyproject,
  parseRequirements,
  pyprojectMayReferencePaths,
  type PyprojectManifest,
  type PythonPathRef,
  type RequirementsManifest,
} from '../python/manifest-refs';
import { TomlSyntaxError } from '../python/toml';
import { normalizeRoot, ProjectRoots } from '../files/workspace-paths';

export const createDependencies: CreateDependencies<unknown> = (_options, context) => {
  const graph = new PythonDependencyScan(context);
  return graph.scan();
};

interface ProjectEntry {
  name: string;
  root: string;
  /** The project's files by workspace-relative path (from the file map, with hashes). */
  files: Map<string, FileData>;
}

class PythonDependencyScan {
  private readonly projects: ProjectEntry[];
  private readonly roots: ProjectRoots<ProjectEntry>;
  private members: Map<string, string[]> | undefined;
  private readonly edges: RawProjectGraphDependency[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly context: CreateDependenciesContext) {
    this.projects = Object.entries(context.projects).map(([name, config]) => ({
      name,
      root: normalizeRoot(config.root),
      files: new Map((context.fileMap?.projectFileMap?.[name] ?? []).map((f) => [f.file, f])),
    }));
    this.roots = new ProjectRoots(this.projects);
  }

  scan(): RawProjectGraphDependency[] {
    for (const project of this.projects) {
      if (this.needsScan(project)) {
        this.scanProject(project);
      }
    }
    return this.edges.sort(
      (a, b) =>
        a.source.localeCompare(b.source) ||
        a.target.localeCompare(b.target) ||
        sourceFileOf(a).localeCompare(sourceFileOf(b)),
    );
  }

  /**
   * Without `filesToProcess` every project is scanned. With it, only projects with a changed
   * manifest, or a changed .txt/.in file that a `-r` line may include.
   */
  private needsScan(project: ProjectEntry): boolean {
    const changedByProject = this.context.filesToProcess?.projectFileMap;
    if (!changedByProject) {
      return true;
    }
    return (changedByProject[project.name] ?? []).some(
      (f) => manifestKind(f.file, project.root) !== undefined || /\.(txt|in)$/.test(f.file),
    );
  }

  private scanProject(project: ProjectEntry): void {
    const manifests = [...project.files.keys()]
      .filter((file) => manifestKind(file, project.root))
      .sort();
    const requirements = manifests.filter(
      (file) => manifestKind(file, project.root) === 'requirements',
    );
    this.scanRequirements(project, requirements);
    for (const file of manifests.filter((f) => manifestKind(f, project.root) === 'pyproject')) {
      const parsed = this.readPyprojectRefs(project, file);
      if (!parsed) {
        continue;
      }
      for (const ref of parsed.refs) {
        this.addPathRef(project, ref);
      }
      for (const ref of parsed.workspaceRefs) {
        for (const target of this.workspaceMembers().get(ref.name) ?? []) {
          this.addEdge(project, target, ref.manifest);
        }
      }
    }
  }

  /** Reads the project's requirements files and follows `-r` / `-c` to files of the project. */
  private scanRequirements(project: ProjectEntry, roots: string[]): void {
    const queue = [...roots];
    const visited = new Set<string>();
    while (queue.length > 0) {
      const file = queue.shift() as string;
      if (visited.has(file)) {
        continue;
      }
      visited.add(file);
      const parsed = this.readRequirements(project, file);
      if (!parsed) {
        continue;
      }
      for (const ref of parsed.refs) {
        this.addPathRef(project, ref);
      }
      // Only files that belong to this project can be an edge's sourceFile.
      queue.push(...parsed.includes.filter((included) => project.files.has(included)));
    }
  }

  private addPathRef(project: ProjectEntry, ref: PythonPathRef): void {
    const target = this.roots.owning(ref.path) ?? this.roots.owning(ref.fallbackPath);
    if (target) {
      this.addEdge(project, target.name, ref.manifest);
    }
  }

  private addEdge(project: ProjectEntry, target: string, sourceFile: string): void {
    const key = `${project.name}\0${target}\0${sourceFile}`;
    if (target === project.name || this.seen.has(key)) {
      return;
    }
    this.seen.add(key);
    const edge: RawProjectGraphDependency = {
      source: project.name,
      target,
      sourceFile,
      // Nx checks every edge a plugin returns (validateDependency in ProjectGraphBuilder).
      type: 'static' as DependencyType.static,
    };
    this.edges.push(edge);
  }

  /** uv workspace members: normalised `[project] name` → the projects declaring it. */
  private workspaceMembers(): Map<string, string[]> {
    if (!this.members) {
      this.members = new Map();
      for (const project of this.projects) {
        const file = project.root === '.' ? 'pyproject.toml' : `${project.root}/pyproject.toml`;
        const name = project.files.has(file)
          ? this.readPyproject(project, file)?.projectName
          : undefined;
        if (name) {
          this.members.set(name, [...(this.members.get(name) ?? []), project.name]);
        }
      }
    }
    return this.members;
  }

  private readRequirements(project: ProjectEntry, file: string): RequirementsManifest | undefined {
    return this.readManifest(project, file, 'requirements', (text) =>
      parseRequirements(text, file, {
        workspaceRoot: this.context.workspaceRoot,
        baseDir: project.root,
      }),
    );
  }

  /** The references of a pyproject.toml; one that cannot hold any is not parsed. */
  private readPyprojectRefs(project: ProjectEntry, file: string): PyprojectManifest | undefined {
    const mayHoldRefs = this.readManifest(project, file, 'pyproject-words', (text) =>
      pyprojectMayReferencePaths(text),
    );
    return mayHoldRefs ? this.readPyproject(project, file) : { refs: [], workspaceRefs: [] };
  }

  private readPyproject(project: ProjectEntry, file: string): PyprojectManifest | undefined {
    return this.readManifest(project, file, 'pyproject', (text) =>
      parsePyproject(text, file, { workspaceRoot: this.context.workspaceRoot }),
    );
  }

  private readManifest<T>(
    project: ProjectEntry,
    file: string,
    kind: string,
    parse: (text: string) => T,
  ): T | undefined {
    const hash = project.files.get(file)?.hash;
    // The parse depends on the text, the file's path, the workspace root and (requirements)
    // the project root; all but the text are in the key, and the text is pinned by its hash.
    const key = [kind, this.context.workspaceRoot, file, project.root].join('\0');
    const cached = hash ? manifestCache.get(key) : undefined;
    if (cached && cached.hash === hash) {
      return cached.result as T | undefined;
    }
    let text: string;
    try {
      text = readFileSync(path.join(this.context.workspaceRoot, file), 'utf-8');
    } catch (error) {
      // Deleted or unreadable since the file map was built: nothing to contribute.
      logger.verbose(
        `[docker-django] Could not read "${file}" of project "${project.name}": ${String(error)}`,
      );
      return undefined;
    }
    let result: T | undefined;
    try {
      result = parse(text);
    } catch (error) {
      if (!(error instanceof TomlSyntaxError)) {
        throw error;
      }
      logger.warn(
        `[docker-django] Ignoring "${file}" of project "${project.name}" in the project graph: ` +
          `it is not valid TOML (line ${error.line}: ${error.reason}). Fix the file so its local ` +
          `dependencies are tracked.`,
      );
      result = undefined;
    }
    if (hash) {
      // One entry per manifest: a new hash replaces the old one, so the cache stays bounded.
      manifestCache.set(key, { hash, result });
    }
    return result;
  }
}

/**
 * Parsed manifests keyed by kind + workspace root + path + project root, valid only for the
 * stored content hash. A pure cache: an entry is used only when the file map reports the
 * same hash, so it can never change an answer, only skip a read.
 */
const manifestCache = new Map<string, { hash: string; result: unknown }>();

function sourceFileOf(dependency: RawProjectGraphDependency): string {
  return 'sourceFile' in dependency && dependency.sourceFile ? dependency.sourceFile : '';
}
