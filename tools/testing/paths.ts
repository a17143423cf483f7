import { join, resolve } from 'node:path';

/** The plugin's development workspace (this repository), found from this file, not from the cwd. */
export const repoRoot = resolve(__dirname, '../..');

/** Scratch space of the e2e run: the packed plugin and the workspace templates (git-ignored `tmp/`). */
export const e2eTmpRoot = join(repoRoot, 'tmp', 'e2e');

/** One pristine create-nx-workspace workspace per Nx version, shared by the e2e suite and the benchmarks. */
export const templatesRoot = join(e2eTmpRoot, 'templates');

/** What `npm run build` writes. */
export const pluginDistDir = join(repoRoot, 'dist', 'packages', 'docker-django');
