import { posix } from 'node:path';
import type { Tree } from '@nx/devkit';

/**
 * A requirements file and every file it pulls in with -r/-c (recursively), as paths
 * relative to the project root. The Dockerfile bind-mounts each of them, so an include
 * resolves inside the builder exactly as it does on the developer's machine.
 */
export function requirementFilesOf(tree: Tree, projectRoot: string, mainFile: string): string[] {
  const seen: string[] = [];
  const visit = (file: string) => {
    if (seen.includes(file)) return;
    const text = tree.read(posix.join(projectRoot, file), 'utf-8');
    if (text === null) return;
    seen.push(file);
    for (const include of includesIn(text)) {
      const target = posix.normalize(posix.join(posix.dirname(file), include));
      // An include outside the project is outside the build context: Docker could not mount it.
      if (!target.startsWith('../')) visit(target);
    }
  };
  visit(mainFile);
  return seen;
}

function includesIn(text: string): string[] {
  const includes: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const match = /^(?:-r|-c|--requirement|--constraint)(?:\s+|=)(\S+)$/.exec(line);
    if (match) includes.push(match[1]);
  }
  return includes;
}
