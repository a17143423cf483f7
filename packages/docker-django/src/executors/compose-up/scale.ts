import { ComposeError } from '../lib/errors';
import type { ComposeFileSummary } from '../lib/compose-file';
import type { NormalizedUp } from '../lib/normalize-options';

/**
 * Refuses `--scale` of a service that publishes a fixed host port before compose starts
 * anything: the second container would fail on "port is already allocated" half-way up.
 */
export function assertScalable(o: NormalizedUp, file: ComposeFileSummary | undefined): void {
  for (const [service, replicas] of Object.entries(o.scale)) {
    if (file && !file.services.includes(service) && !file.hasInclude) {
      throw new ComposeError(
        `--scale ${service}=${replicas} for project "${o.project}": the compose file has no service "${service}" ` +
          `(it has ${file.services.join(', ')}).`,
      );
    }
    const fixed = file?.fixedHostPorts?.[service] ?? [];
    if (replicas > 1 && fixed.length > 0) {
      throw new ComposeError(
        `--scale ${service}=${replicas} for project "${o.project}": service "${service}" publishes the fixed ` +
          `host port ${fixed.join(', ')}, which only one container can hold. Publish a range instead ` +
          `("${fixed[0]}-${Number(fixed[0]) + replicas - 1}:<container port>" in ${file?.path}), or put a proxy ` +
          'in front of the replicas as the Swarm stack does (`nx g docker-django:swarm`).',
      );
    }
  }
}
