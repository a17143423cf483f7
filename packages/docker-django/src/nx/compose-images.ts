// The images a compose file builds, read the same way by the executors (content tags) and the
// inference plugin (the runtime input that puts the engine's copy of them into the task hash),
// so both always talk about the same images.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Service name → the `image:` a service with a `build:` section builds, null when it names
 * none (compose then makes up `<project>-<service>`).
 */
export function builtImagesOf(services: unknown): Record<string, string | null> {
  const built: Record<string, string | null> = {};
  if (!isRecord(services)) return built;
  for (const [name, definition] of Object.entries(services)) {
    if (isRecord(definition) && definition['build'] !== undefined)
      built[name] = typeof definition['image'] === 'string' ? definition['image'] : null;
  }
  return built;
}

/**
 * The distinct image names the wanted services build (all when `services` is empty), or null
 * when one cannot be named without compose's own rules: no `image:`, interpolation
 * (`${TAG}`) or a digest. Services that share an image (a server and a one-off command) are
 * one image.
 */
export function nameableImages(
  built: Record<string, string | null>,
  services: readonly string[] = [],
): Array<{ service: string; image: string }> | null {
  const wanted = Object.entries(built).filter(
    ([service]) => services.length === 0 || services.includes(service),
  );
  if (wanted.length === 0) return null;
  const images: Array<{ service: string; image: string }> = [];
  for (const [service, image] of wanted) {
    if (image === null || image.includes('$') || image.includes('@')) return null;
    if (!images.some((known) => known.image === image)) images.push({ service, image });
  }
  return images;
}
