import type { RegistryAddress } from '../../../nx/registry-address';

export interface RegistryPush {
  address: RegistryAddress;
  /** The secrets that hold the registry's user name and password (or token). */
  usernameSecret: string;
  passwordSecret: string;
  pushTarget: string;
}

/**
 * The steps that push affected images after they are built: a login from CI secrets
 * (docker/login-action, the password never on a command line or in the log), then
 * `nx affected -t compose-push` with the registry in DOCKER_DJANGO_REGISTRY. Only on a push
 * to the main branch: pull requests (forks among them) have no secrets and ship nothing.
 */
export function registryPushSteps(
  registry: RegistryPush,
  exec: string,
  onMainPush: string,
): Record<string, unknown>[] {
  const address = [registry.address.host, registry.address.namespace].filter(Boolean).join('/');
  return [
    {
      name: 'Log in to the image registry',
      if: onMainPush,
      uses: 'docker/login-action@v3',
      with: {
        registry: registry.address.host,
        username: `\${{ secrets.${registry.usernameSecret} }}`,
        password: `\${{ secrets.${registry.passwordSecret} }}`,
      },
    },
    {
      name: 'Push the images of affected Django projects (skips those the registry holds)',
      if: onMainPush,
      env: { DOCKER_DJANGO_REGISTRY: address },
      run: `${exec} nx affected -t ${registry.pushTarget} --base=$NX_BASE --head=$NX_HEAD`,
    },
  ];
}
