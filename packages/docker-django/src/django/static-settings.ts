// Static files as the settings the image runs define them, read through the settings chain:
// whether `collectstatic` exists and can run at build time, and where it writes.
import { joinPath, relativePath, type FileSource } from '../files/file-source';
import { subdirectories } from './django-root';
import type { PythonPath, ResolvedModule } from './modules';
import { hasStringLiteral, readAssignments } from './python-source';
import { settingsChainFiles } from './settings-chain';
import { readStaticFolders, type StaticFolders } from './static-folders';

export interface StaticSettings {
  /** django.contrib.staticfiles is in INSTALLED_APPS somewhere in the chain (`+=` included). */
  installed: boolean;
  /** The right-hand side of the STATIC_ROOT that wins (`BASE_DIR / "static"`), or null. */
  staticRoot: string | null;
  /** The static files storage backend a module-level assignment names, or null (Django's default). */
  storage: string | null;
  /** The storage keeps a manifest (ManifestStaticFilesStorage, WhiteNoise's compressed one). */
  manifest: boolean;
  /** The storage is remote (S3, GCS, Azure, ...): unreachable while the image builds. */
  remote: boolean;
  /** WhiteNoise is used (middleware, app or storage), so the app serves STATIC_ROOT itself. */
  whitenoise: boolean;
  /** COMPRESS_OFFLINE = True: django-compressor's `compress` must run after collectstatic. */
  compressOffline: boolean;
  /** Project-root-relative path of a committed staticfiles.json (collected files in git), or null. */
  committedManifest: string | null;
  /** Folders named by STATIC_ROOT, MEDIA_ROOT, STATICFILES_DIRS and TEMPLATES' DIRS. */
  folders: StaticFolders;
  /**
   * Project-root-relative folders Django fills at run time that the build context leaves out:
   * STATIC_ROOT (when collectstatic refills it) and MEDIA_ROOT, at the project root and beside
   * manage.py, unless the settings use the folder as source or git seems to track it.
   */
  runtimeFolders: string[];
  /** Whether the image should run `collectstatic` at build time. */
  collectStatic: boolean;
  /** Why, in a sentence the generator can print. */
  reason: string;
}

/** Storage backends that write somewhere else than the image's file system. */
const REMOTE_STORAGE = /storages\.backends|s3|gcloud|google|azure|dropbox|cloudinary|minio|ftp/i;

/** The backend of `STORAGES = {"staticfiles": {"BACKEND": "..."}}` in an assignment's text. */
function staticfilesBackend(text: string): string | null {
  const match =
    /(['"])staticfiles\1\s*:\s*\{\s*(['"])BACKEND\2\s*:\s*[^'"\n]*?(['"])([\w.]+)\3/.exec(text);
  return match?.[4] ?? null;
}

function literal(value: string): string | null {
  return /^(['"])([\w.]+)\1/.exec(value)?.[2] ?? null;
}

/** Whether a .gitignore in `folder` names `child` (a local collectstatic run, not committed). */
function gitIgnores(src: FileSource, folder: string, child: string): boolean {
  const lines = (src.read(joinPath(folder, '.gitignore')) ?? '').split(/\r?\n/);
  return lines.some((line) => line.trim().replace(/^\/|\/$/g, '') === child);
}

/** A staticfiles.json in a child of one of `folders`: collected files kept in the repository. */
function findCommittedManifest(
  src: FileSource,
  projectRoot: string,
  folders: string[],
): string | null {
  for (const folder of folders) {
    for (const child of subdirectories(src, folder)) {
      const manifest = joinPath(folder, child, 'staticfiles.json');
      if (src.isFile(manifest) && !folders.some((f) => gitIgnores(src, f, child))) {
        return relativePath(projectRoot, manifest);
      }
    }
  }
  return null;
}

/** A folder with files that no .gitignore beside it or at the project root names: git tracks it. */
function looksTracked(src: FileSource, projectRoot: string, base: string, name: string): boolean {
  const path = joinPath(base, name);
  if (!src.isDirectory(path) || src.children(path).length === 0) return false;
  const fromRoot = relativePath(projectRoot, path);
  return !gitIgnores(src, base, name) && !gitIgnores(src, projectRoot, fromRoot);
}

function runtimeFoldersOf(
  src: FileSource,
  projectRoot: string,
  djangoDir: string,
  folders: StaticFolders,
  collectStatic: boolean,
): string[] {
  const names = [
    // Without a STATIC_ROOT, the container settings collect into staticfiles/ beside manage.py.
    ...(collectStatic ? [folders.staticRoot ?? 'staticfiles'] : []),
    ...(folders.mediaRoot ? [folders.mediaRoot] : []),
  ].filter((name) => !folders.sourceFolders.includes(name));
  const found: string[] = [];
  for (const base of [...new Set([projectRoot, djangoDir])]) {
    for (const name of [...new Set(names)]) {
      if (!looksTracked(src, projectRoot, base, name))
        found.push(relativePath(projectRoot, joinPath(base, name)));
    }
  }
  return found;
}

/**
 * Reads the static-files settings of `settings` (the module the image runs) through its
 * import chain. `collectstatic` runs at build time when staticfiles is installed, the storage
 * is local and the collected files are not already committed. Without a STATIC_ROOT it still
 * runs: the generated container settings set one (the reason says nothing serves the files
 * without WhiteNoise or a web server).
 */
export function detectStaticSettings(
  src: FileSource,
  projectRoot: string,
  pythonRoot: PythonPath,
  settings: ResolvedModule | null,
): StaticSettings {
  const files = settings === null ? [] : settingsChainFiles(src, pythonRoot, settings);
  const texts = files.map((file) => src.read(file) ?? '');
  const installed = texts.some((t) => hasStringLiteral(t, 'django.contrib.staticfiles'));
  let staticRoot: string | null = null;
  let storage: string | null = null;
  let compressOffline = false;
  for (const text of texts) {
    for (const a of readAssignments(text, 'STATIC_ROOT')) staticRoot = a.value;
    for (const a of readAssignments(text, 'COMPRESS_OFFLINE')) {
      compressOffline = /^True\b/.test(a.value);
    }
    // Only module-level assignments: one under `if USE_S3:` is a switch the image does not flip.
    for (const a of readAssignments(text, 'STATICFILES_STORAGE')) {
      if (a.indent === 0) storage = literal(a.value) ?? storage;
    }
    for (const match of text.matchAll(/^STORAGES\s*(?::[^=\n]*)?=\s*\{[\s\S]*?^\}/gm)) {
      storage = staticfilesBackend(match[0]) ?? storage;
    }
    for (const match of text.matchAll(
      /^STORAGES\[\s*(['"])staticfiles\1\s*\]\[\s*(['"])BACKEND\2\s*\]\s*=\s*(['"])([\w.]+)\3/gm,
    )) {
      storage = match[4];
    }
    // A one-line STORAGES = {...}.
    for (const a of readAssignments(text, 'STORAGES')) {
      if (a.indent === 0) storage = staticfilesBackend(a.value) ?? storage;
    }
  }
  const whitenoise = texts.some((t) => /['"]whitenoise[.'"]/.test(t));
  const remote = storage !== null && !/whitenoise/i.test(storage) && REMOTE_STORAGE.test(storage);
  const djangoDir = typeof pythonRoot === 'string' ? pythonRoot : pythonRoot[0];
  const committedManifest = findCommittedManifest(src, projectRoot, [
    ...new Set([djangoDir, projectRoot]),
  ]);

  let collectStatic = false;
  let reason: string;
  if (!installed) {
    reason = 'django.contrib.staticfiles is not in INSTALLED_APPS';
  } else if (committedManifest !== null) {
    reason = `the collected files are committed (${committedManifest})`;
  } else if (remote) {
    reason = `static files go to remote storage (${storage}), unreachable while the image builds`;
  } else {
    collectStatic = true;
    reason =
      staticRoot !== null
        ? 'django.contrib.staticfiles is installed and STATIC_ROOT is set'
        : whitenoise
          ? 'django.contrib.staticfiles is installed and WhiteNoise serves the collected files'
          : 'django.contrib.staticfiles is installed; the settings set no STATIC_ROOT, so the ' +
            "files go to the container settings' one, and nothing serves them until WhiteNoise " +
            'or a web server is added';
  }
  const folders = readStaticFolders(texts);
  return {
    installed,
    staticRoot,
    storage,
    manifest: storage !== null && /Manifest/.test(storage),
    remote,
    whitenoise,
    compressOffline,
    committedManifest,
    folders,
    runtimeFolders: runtimeFoldersOf(src, projectRoot, djangoDir, folders, collectStatic),
    collectStatic,
    reason,
  };
}
