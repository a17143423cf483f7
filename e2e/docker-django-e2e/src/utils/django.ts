import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startDjangoProject,
  writeNxProject,
  type NxProjectOnDisk,
} from '../../../../tools/testing/projects';

/**
 * Where a Django project keeps manage.py relative to its Nx project root: the layouts the
 * generator has to find (anchors.md: project root, src/, or one or two levels down).
 */
export interface DjangoLayout {
  id: 'root' | 'src' | 'nested';
  description: string;
  /** Folder of manage.py, relative to the Nx project root ('' for the root itself). */
  djangoDir: string;
  /** Python package `startproject` creates (settings, urls, wsgi). */
  module: string;
  requirements: string;
  /** Content of `.python-version`, or none. */
  pythonVersionFile?: string;
}

// Only packages the offline python:3.11-slim stand-in already has: pip cannot fetch anything.
export const DJANGO_LAYOUTS: readonly DjangoLayout[] = [
  {
    id: 'root',
    description: 'manage.py at the project root',
    djangoDir: '',
    module: 'mysite',
    requirements: 'Django>=3.2,<4\n',
  },
  {
    id: 'src',
    description: 'manage.py under src/',
    djangoDir: 'src',
    module: 'config',
    requirements: 'Django>=3.2,<4\ngunicorn\n',
    pythonVersionFile: '3.11\n',
  },
  {
    id: 'nested',
    description: 'manage.py two levels down (services/web/)',
    djangoDir: 'services/web',
    module: 'backend',
    requirements: 'Django>=3.2,<4\n',
    pythonVersionFile: '3.11\n',
  },
];

export interface DjangoProject extends NxProjectOnDisk {
  layout: DjangoLayout;
  /** Absolute path of the folder holding manage.py. */
  djangoPath: string;
}

/** A real Django project made by Django's own `django-admin startproject`, as an Nx project. */
export async function createDjangoProject(
  workspaceRoot: string,
  name: string,
  layout: DjangoLayout,
): Promise<DjangoProject> {
  const files: Record<string, string> = { 'requirements.txt': layout.requirements };
  if (layout.pythonVersionFile !== undefined) files['.python-version'] = layout.pythonVersionFile;
  const project = await startDjangoProject(workspaceRoot, {
    name,
    djangoDir: layout.djangoDir,
    module: layout.module,
    files,
  });
  return { name, root: project.root, path: project.path, layout, djangoPath: project.djangoPath };
}

/** An Nx project that looks like a Python project but has no manage.py anywhere. */
export function createNonDjangoProject(workspaceRoot: string, name: string): NxProjectOnDisk {
  const project = writeNxProject(workspaceRoot, name);
  writeFileSync(join(project.path, 'requirements.txt'), 'Django>=3.2,<4\n');
  mkdirSync(join(project.path, 'scripts'), { recursive: true });
  writeFileSync(join(project.path, 'scripts', 'main.py'), 'print("not a Django project")\n');
  return project;
}
