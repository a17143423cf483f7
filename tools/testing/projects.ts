// Nx projects on disk as a Python monorepo declares them, and real Django projects made by
// Django's own `django-admin startproject`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanEnv } from './env';
import { runOrThrow } from './run';

export interface NxProjectOnDisk {
  name: string;
  /** Project root relative to the workspace root, as in project.json. */
  root: string;
  /** Absolute path of the project root. */
  path: string;
}

/** An Nx project as a Python project declares one: a bare project.json (no inference plugin). */
export function writeNxProject(
  workspaceRoot: string,
  name: string,
  root = `apps/${name}`,
  projectType: 'application' | 'library' = 'application',
): NxProjectOnDisk {
  const path = join(workspaceRoot, root);
  mkdirSync(path, { recursive: true });
  writeFileSync(
    join(path, 'project.json'),
    JSON.stringify({ name, root, projectType }, null, 2) + '\n',
  );
  return { name, root, path };
}

export interface DjangoProjectSpec {
  name: string;
  /** Workspace-relative project root; `apps/<name>` when not given. */
  root?: string;
  /** Folder of manage.py inside the project root; the root itself when not given. */
  djangoDir?: string;
  /** The settings package `startproject` creates; `mysite` when not given. */
  module?: string;
  /** More files, by path relative to the project root (requirements.txt, .python-version...). */
  files?: Record<string, string>;
}

/** `django-admin startproject <module>` inside a bare Nx project, plus the given files. */
export async function startDjangoProject(
  workspaceRoot: string,
  spec: DjangoProjectSpec,
): Promise<NxProjectOnDisk & { djangoPath: string; module: string }> {
  const project = writeNxProject(workspaceRoot, spec.name, spec.root);
  const djangoPath = join(project.path, spec.djangoDir ?? '');
  const module = spec.module ?? 'mysite';
  mkdirSync(djangoPath, { recursive: true });
  await runOrThrow('django-admin', ['startproject', module, djangoPath], {
    cwd: workspaceRoot,
    env: cleanEnv(),
  });
  for (const [file, content] of Object.entries(spec.files ?? {})) {
    mkdirSync(dirname(join(project.path, file)), { recursive: true });
    writeFileSync(join(project.path, file), content);
  }
  return { ...project, djangoPath, module };
}
