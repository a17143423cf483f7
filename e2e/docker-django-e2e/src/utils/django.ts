import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startDjangoProject,
  writeNxProject,
  type NxProjectOnDisk,
} from '../../../../tools/testing/projects';
import { OLDER_PYTHON_VERSION, PYTHON_VERSION } from './base-images';

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
  /** Content of `.python-version`, or none (then the suite passes --pythonVersion). */
  pythonVersionFile?: string;
  /** The Python the image must be built on: the file's, else the generator's default. */
  pythonVersion: string;
}

// Requirements the offline package index of the stand-ins serves (docs/official-images.md),
// as PyPI would. One layout reads its Python from .python-version and builds on the Debian 12
// based 3.11 image, so both slim generations are proven.
export const DJANGO_LAYOUTS: readonly DjangoLayout[] = [
  {
    id: 'root',
    description: 'manage.py at the project root',
    djangoDir: '',
    module: 'mysite',
    requirements: 'Django>=4.2,<5\n',
    pythonVersion: PYTHON_VERSION,
  },
  {
    id: 'src',
    description: 'manage.py under src/',
    djangoDir: 'src',
    module: 'config',
    requirements: 'Django>=4.2,<5\ngunicorn\n',
    pythonVersionFile: `${PYTHON_VERSION}\n`,
    pythonVersion: PYTHON_VERSION,
  },
  {
    id: 'nested',
    description: 'manage.py two levels down (services/web/)',
    djangoDir: 'services/web',
    module: 'backend',
    requirements: 'Django>=4.2,<5\n',
    pythonVersionFile: `${OLDER_PYTHON_VERSION}\n`,
    pythonVersion: OLDER_PYTHON_VERSION,
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
  writeFileSync(join(project.path, 'requirements.txt'), 'Django>=4.2,<5\n');
  mkdirSync(join(project.path, 'scripts'), { recursive: true });
  writeFileSync(join(project.path, 'scripts', 'main.py'), 'print("not a Django project")\n');
  return project;
}
