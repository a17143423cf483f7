import type { CommandSpec } from './run-compose';

/** Labels Docker puts on everything `docker stack deploy` creates. */
export const STACK_LABEL = 'com.docker.stack.namespace';

export interface StackDeployArgs {
  stackFile: string;
  stackName: string;
  withRegistryAuth: boolean;
  prune: boolean;
  /** REGISTRY and TAG for the stack file's `${REGISTRY}/...:${TAG}` images, when given. */
  registry?: string;
  tag?: string;
}

export function swarmStateCommand(): CommandSpec {
  return {
    file: 'docker',
    args: ['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'],
  };
}

export function stackDeployCommand(o: StackDeployArgs): CommandSpec {
  const env: Record<string, string> = {};
  if (o.registry) env.REGISTRY = o.registry;
  if (o.tag) env.TAG = o.tag;
  return {
    file: 'docker',
    args: [
      'stack',
      'deploy',
      '--compose-file',
      o.stackFile,
      ...(o.withRegistryAuth ? ['--with-registry-auth'] : []),
      ...(o.prune ? ['--prune'] : []),
      o.stackName,
    ],
    ...(Object.keys(env).length ? { env } : {}),
  };
}

export function stackRmCommand(stackName: string): CommandSpec {
  return { file: 'docker', args: ['stack', 'rm', stackName] };
}

/** IDs of the stack's services (`service`) or networks (`network`). */
export function stackObjectsCommand(kind: 'service' | 'network', stackName: string): CommandSpec {
  return {
    file: 'docker',
    args: [kind, 'ls', '--quiet', '--filter', `label=${STACK_LABEL}=${stackName}`],
  };
}

export function serviceInspectCommand(serviceIds: string[]): CommandSpec {
  return { file: 'docker', args: ['service', 'inspect', ...serviceIds] };
}

/** Every task of the services, the history included (the IDs, for `docker inspect`). */
export function serviceTasksCommand(serviceIds: string[]): CommandSpec {
  return { file: 'docker', args: ['service', 'ps', '--quiet', '--no-trunc', ...serviceIds] };
}

export function inspectCommand(ids: string[]): CommandSpec {
  return { file: 'docker', args: ['inspect', ...ids] };
}

/** What the user reads when a service fails: every task with its full error. */
export function servicePsCommand(serviceName: string): CommandSpec {
  return {
    file: 'docker',
    args: [
      'service',
      'ps',
      '--no-trunc',
      '--format',
      'table {{.Name}}\t{{.Image}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}',
      serviceName,
    ],
  };
}

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
