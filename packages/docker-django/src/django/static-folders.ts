// The folders the settings name for static files, templates and uploads, as the folder names
// their string literals end in (`BASE_DIR / "media"`, `os.path.join(BASE_DIR, "assets")`):
// enough to tell a folder the build must keep (a STATICFILES_DIRS or template folder) from one
// Django fills at run time (STATIC_ROOT, MEDIA_ROOT), which the build context may leave out.
import { readAssignments, stripPythonComments } from './python-source';

export interface StaticFolders {
  /** The last folder name of the STATIC_ROOT that wins, or null. */
  staticRoot: string | null;
  /** The last folder name of the MEDIA_ROOT that wins, or null. */
  mediaRoot: string | null;
  /** Every folder name in STATICFILES_DIRS and TEMPLATES' DIRS: source the image needs. */
  sourceFolders: string[];
}

/** The folder names in an expression's string literals, in order (`"frontend/build"` gives both). */
function folderNames(expression: string): string[] {
  return [...expression.matchAll(/(['"])([^'"\n]+)\1/g)]
    .flatMap((m) => m[2].split('/'))
    .map((part) => part.trim())
    .filter((part) => /^[\w.-]+$/.test(part) && part !== '.' && part !== '..');
}

/** The last folder name of the last assignment to `name` across `texts` (chain order). */
function lastFolder(texts: string[], name: string): string | null {
  let folder: string | null = null;
  for (const text of texts) {
    for (const assignment of readAssignments(text, name)) {
      const names = folderNames(assignment.value).filter((n) => n !== name);
      if (names.length > 0) folder = names[names.length - 1];
    }
  }
  return folder;
}

export function readStaticFolders(sources: string[]): StaticFolders {
  const texts = sources.map(stripPythonComments);
  const source = new Set<string>();
  for (const text of texts) {
    // The trailing line ends a STATICFILES_DIRS that is the file's last statement.
    for (const m of `${text}\n~`.matchAll(
      /^[ \t]*STATICFILES_DIRS\s*(?::[^=\n]*)?\+?=\s*([\s\S]*?)^\S/gm,
    )) {
      for (const name of folderNames(m[1])) source.add(name);
    }
    for (const m of text.matchAll(/(['"])DIRS\1\s*:\s*\[([\s\S]*?)\]/g)) {
      for (const name of folderNames(m[2])) source.add(name);
    }
  }
  return {
    staticRoot: lastFolder(texts, 'STATIC_ROOT'),
    mediaRoot: lastFolder(texts, 'MEDIA_ROOT'),
    sourceFolders: [...source],
  };
}
