import { tmpdir } from 'node:os';
import { compose } from '../../../../tools/testing/compose';
import { cleanEnv } from '../../../../tools/testing/env';
import { describeFailure, run, type RunResult } from '../../../../tools/testing/run';

/** Shell code for manage.py shell: adds the user the data checks look for, prints the user count. */
export const ADD_USER = `from django.contrib.auth.models import User; User.objects.create_user('hardened-e2e'); print(User.objects.count())`;
/** Shell code for manage.py shell: prints how many users of that name the database holds. */
export const COUNT_USERS = `from django.contrib.auth.models import User; print(User.objects.filter(username='hardened-e2e').count())`;

/** What `docker inspect` says about a container's confinement, for one readable toEqual. */
export interface Confinement {
  readOnlyRootfs: boolean;
  capDrop: string[];
  capAdd: string[];
  securityOpt: string[];
  memory: number;
  nanoCpus: number;
  pidsLimit: number;
  logConfig: { Type: string; Config: Record<string, string> };
  networks: string[];
  publishedPorts: string[];
}

/** The container id of a compose service (stopped ones too: migrate has exited). */
export async function containerOf(project: string, cwd: string, service: string): Promise<string> {
  const ps = await compose(project, ['ps', '--all', '-q', service], cwd);
  const id = ps.stdout.trim().split('\n')[0];
  if (ps.exitCode !== 0 || !id) throw new Error(describeFailure(ps, `no container for ${service}`));
  return id;
}

export async function confinementOf(container: string): Promise<Confinement> {
  const inspect = await run('docker', ['inspect', container], { cwd: tmpdir(), env: cleanEnv() });
  if (inspect.exitCode !== 0) throw new Error(describeFailure(inspect, 'docker inspect failed'));
  const [{ HostConfig: host, NetworkSettings: net }] = JSON.parse(inspect.stdout) as Array<{
    HostConfig: Record<string, unknown>;
    NetworkSettings: { Networks: Record<string, unknown>; Ports: Record<string, unknown> | null };
  }>;
  return {
    readOnlyRootfs: Boolean(host.ReadonlyRootfs),
    capDrop: ((host.CapDrop as string[] | null) ?? []).map((c) => c.replace(/^CAP_/, '')),
    capAdd: ((host.CapAdd as string[] | null) ?? []).map((c) => c.replace(/^CAP_/, '')).sort(),
    securityOpt: (host.SecurityOpt as string[] | null) ?? [],
    memory: Number(host.Memory),
    nanoCpus: Number(host.NanoCpus),
    pidsLimit: Number(host.PidsLimit),
    logConfig: host.LogConfig as Confinement['logConfig'],
    networks: Object.keys(net.Networks).sort(),
    publishedPorts: Object.entries(net.Ports ?? {})
      .filter(([, bindings]) => Array.isArray(bindings) && bindings.length > 0)
      .map(([port]) => port),
  };
}

/** `docker network inspect -f {{.Internal}}`: true for a network with no route to the host. */
export async function networkIsInternal(network: string): Promise<boolean> {
  const inspect = await run('docker', ['network', 'inspect', '-f', '{{.Internal}}', network], {
    cwd: tmpdir(),
    env: cleanEnv(),
  });
  if (inspect.exitCode !== 0) throw new Error(describeFailure(inspect, 'network inspect failed'));
  return inspect.stdout.trim() === 'true';
}

/** `docker compose exec -T <service> sh -c <script>` (the image's user). */
export function execIn(
  project: string,
  cwd: string,
  service: string,
  script: string,
): Promise<RunResult> {
  return compose(project, ['exec', '-T', service, 'sh', '-c', script], cwd, 2 * 60 * 1000);
}

/** One SQL query in the db container as the superuser, over its socket; rows as `a|b` lines. */
export function psql(project: string, cwd: string, database: string, sql: string) {
  return compose(
    project,
    ['exec', '-T', 'db', 'psql', '-U', 'postgres', '-d', database, '-tAc', sql],
    cwd,
    2 * 60 * 1000,
  );
}
