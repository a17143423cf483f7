// Django layout detection, shared by the init generator (through the Nx Tree) and the
// inference plugin (on disk).
export { fsFileSource, treeFileSource, type FileSource } from './file-source';
export {
  DjangoDetectionError,
  SKIPPED_DIRECTORIES,
  detectDjangoLayout,
  findDjangoRoot,
  type DjangoLayout,
  type LayoutOverrides,
} from './detect-django-layout';
export {
  DEFAULT_PYTHON_VERSION,
  detectPythonVersion,
  isValidPythonVersion,
  pythonVersionForRange,
  type PythonVersionHint,
} from './detect-python-version';
export {
  detectDependencies,
  normalizePackageName,
  type DependencyInfo,
  type DependencyManager,
} from './detect-dependencies';
