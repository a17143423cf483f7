import { join, resolve } from 'node:path';

/** The plugin's development workspace (this repository), found from this file, not from the cwd. */
export const repoRoot = resolve(__dirname, '../../../..');

/** Scratch space of the e2e run: the packed plugin and the workspace templates (git-ignored `tmp/`). */
export const e2eTmpRoot = join(repoRoot, 'tmp', 'e2e');

export const templatesRoot = join(e2eTmpRoot, 'templates');

/** Where global setup records the tarball it packed, for test files that do not see its env. */
export const pluginInfoFile = join(e2eTmpRoot, 'plugin.json');

export const pluginDistDir = join(repoRoot, 'dist', 'packages', 'docker-django');
