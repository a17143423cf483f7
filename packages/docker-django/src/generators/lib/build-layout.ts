import { posix } from 'node:path';
import type { WorkspaceLibrary } from './workspace-libraries';

export interface ImageLibrary extends WorkspaceLibrary {
  /** Where the library sits in the image: its workspace path under /workspace. */
  imagePath: string;
}

/**
 * Where the build context is and where things sit in the image. An app on its own builds
 * from its own folder into /app. An app that installs workspace libraries by path builds from
 * the workspace root, with a Dockerfile.dockerignore that lets in only the app and those
 * libraries, and mirrors the workspace under /workspace, so every relative path between them
 * (`-e ../../libs/x`) resolves in the image as it does on the developer's machine.
 */
export interface BuildLayout {
  /** The build context, relative to the project root. */
  context: string;
  /** The Dockerfile, relative to the context, when it is not the context's own Dockerfile. */
  dockerfile: string | null;
  /** Prefix that turns a project-relative path into a context-relative one. */
  contextPrefix: string;
  /** The app's folder in the image. */
  appHome: string;
  /** The ignore file that filters the context, relative to the project root. */
  ignoreFile: string;
  /**
   * The folder inside the project that is the context ('' for the project root): an app deeper
   * in a bigger repository builds from the smallest folder holding it and its dependency files.
   */
  contextDir: string;
  libraries: ImageLibrary[];
}

/** A project-root-relative path as the context sees it (the context folder's prefix removed). */
export function inContext(layout: BuildLayout, path: string): string {
  if (layout.contextDir === '') return path;
  if (path === layout.contextDir) return '';
  return path.startsWith(`${layout.contextDir}/`) ? path.slice(layout.contextDir.length + 1) : path;
}

export function buildLayout(
  projectRoot: string,
  libraries: WorkspaceLibrary[],
  contextDir = '',
): BuildLayout {
  if (libraries.length === 0) {
    return {
      context: contextDir || '.',
      // Outside its context: compose sends it along (BuildKit, and docker-compose v1 alike).
      dockerfile: contextDir ? posix.relative(contextDir, 'Dockerfile') : null,
      contextPrefix: '',
      appHome: '/app',
      ignoreFile: contextDir ? `${contextDir}/.dockerignore` : '.dockerignore',
      contextDir,
      libraries: [],
    };
  }
  return {
    context: posix.relative(projectRoot, '.') || '.',
    dockerfile: `${projectRoot}/Dockerfile`,
    contextPrefix: `${projectRoot}/`,
    appHome: `/workspace/${projectRoot}`,
    ignoreFile: 'Dockerfile.dockerignore',
    contextDir: '',
    libraries: libraries.map((lib) => ({ ...lib, imagePath: `/workspace/${lib.root}` })),
  };
}
