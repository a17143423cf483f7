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
  /** The ignore file that filters the context. */
  ignoreFile: '.dockerignore' | 'Dockerfile.dockerignore';
  libraries: ImageLibrary[];
}

export function buildLayout(projectRoot: string, libraries: WorkspaceLibrary[]): BuildLayout {
  if (libraries.length === 0) {
    return {
      context: '.',
      dockerfile: null,
      contextPrefix: '',
      appHome: '/app',
      ignoreFile: '.dockerignore',
      libraries: [],
    };
  }
  return {
    context: posix.relative(projectRoot, '.') || '.',
    dockerfile: `${projectRoot}/Dockerfile`,
    contextPrefix: `${projectRoot}/`,
    appHome: `/workspace/${projectRoot}`,
    ignoreFile: 'Dockerfile.dockerignore',
    libraries: libraries.map((lib) => ({ ...lib, imagePath: `/workspace/${lib.root}` })),
  };
}
