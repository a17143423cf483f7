import { detectPackageManager, type PackageManager } from '@nx/devkit';

/** The install and run commands CI uses, for the workspace's own package manager. */
export function packageManagerSteps(root: string): {
  manager: PackageManager;
  install: string;
  exec: string;
} {
  const manager = detectPackageManager(root);
  switch (manager) {
    case 'pnpm':
      return { manager, install: 'pnpm install --frozen-lockfile', exec: 'pnpm exec' };
    case 'yarn':
      return { manager, install: 'yarn install --immutable', exec: 'yarn' };
    case 'bun':
      return { manager, install: 'bun install --frozen-lockfile', exec: 'bunx' };
    default:
      return { manager: 'npm', install: 'npm ci', exec: 'npx' };
  }
}
