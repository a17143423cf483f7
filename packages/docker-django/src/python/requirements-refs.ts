// Local path references in pip requirements files, read with the one requirements reader.
import * as path from 'node:path';
import { normalizeRoot, toPosix } from '../files/workspace-paths';
import type {
  PythonPathRef,
  RequirementsManifest,
  RequirementsParseOptions,
} from './manifest-refs';
import { normalizePythonName, readDirectReference } from './names';
import {
  fileUrlTarget,
  isPathLike,
  pathTarget,
  resolveRef,
  resolveRelative,
  stripMarker,
  type RefTarget,
} from './ref-targets';
import { hasUrlScheme, isFileInclude, readRequirementsFile, shellWords } from './requirements';

/**
 * Local references in a pip requirements file: `-e <path>`, `--editable[=]<path>`, bare
 * paths (`./x`, `../x`, `/abs/x`), `file:` URLs and `name @ file:...`; plus the `-r` / `-c`
 * files it includes. Comments, other options, environment markers and extras are ignored.
 */
export function parseRequirements(
  text: string,
  manifestPath: string,
  options: RequirementsParseOptions = {},
): RequirementsManifest {
  const manifest = toPosix(manifestPath);
  const manifestDir = path.posix.dirname(manifest);
  const baseDir = options.baseDir === undefined ? manifestDir : normalizeRoot(options.baseDir);
  const refs: PythonPathRef[] = [];
  const includes: string[] = [];

  const addRef = (target: RefTarget | undefined, name?: string) => {
    if (!target) {
      return;
    }
    const ref = resolveRef(target, {
      manifest,
      manifestDir,
      baseDir,
      workspaceRoot: options.workspaceRoot,
    });
    if (ref) {
      refs.push(name ? { ...ref, name: normalizePythonName(name) } : ref);
    }
  };

  const file = readRequirementsFile(text);
  for (const include of file.includes) {
    if (isFileInclude(include.path)) {
      const included = resolveRelative(manifestDir, include.path, options.workspaceRoot);
      if (included !== undefined) {
        includes.push(included);
      }
    }
  }
  for (const install of file.installs) {
    if (install.editable) {
      addRef(editableTarget(install.spec));
      continue;
    }
    const requirement = readRequirement(install.spec);
    if (requirement) {
      addRef(requirement.target, requirement.name);
    }
  }
  return { refs, includes };
}

function editableTarget(value: string): RefTarget | undefined {
  const spec = stripMarker(value);
  if (spec.startsWith('file:')) {
    return fileUrlTarget(spec);
  }
  if (hasUrlScheme(spec) || spec.includes('${')) {
    return undefined; // a VCS or remote URL, or an unexpanded variable
  }
  return pathTarget(spec);
}

function readRequirement(line: string): { target: RefTarget; name?: string } | undefined {
  // Per-requirement options (`--hash=...`, `--config-settings ...`) follow the requirement.
  const words = shellWords(line);
  const optionAt = words.findIndex((word) => word.startsWith('-'));
  const spec = stripMarker((optionAt === -1 ? words : words.slice(0, optionAt)).join(' '));
  if (spec.includes('${')) {
    return undefined;
  }
  if (isPathLike(spec)) {
    const target = pathTarget(spec);
    return target && { target };
  }
  if (spec.startsWith('file:')) {
    const target = fileUrlTarget(spec);
    return target && { target };
  }
  const direct = readDirectReference(spec);
  if (direct?.url.startsWith('file:')) {
    const target = fileUrlTarget(direct.url);
    return target && { target, name: direct.name };
  }
  return undefined;
}

/**
 * Drops an environment marker (`; python_version < "3.12"`). Like pip, a URL keeps a `;`
 * that has no whitespace before it; anything else is cut at the first `;`.
 */
