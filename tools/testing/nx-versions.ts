/**
 * The Nx release trains the published plugin supports (its peer range is `>=22 <24`), each
 * pinned exactly: the e2e workspaces are made with `create-nx-workspace@<this version>`,
 * never `@latest`. The single list every e2e suite iterates over.
 */
export const SUPPORTED_NX_VERSIONS = ['22.7.8', '23.2.1'] as const;

export type NxVersion = (typeof SUPPORTED_NX_VERSIONS)[number];

/**
 * The trains to test in this run: all of them, or the subset named in E2E_NX_VERSIONS
 * (comma or space separated). Naming a train that is not supported is an error, not a skip.
 */
export function selectedNxVersions(value = process.env.E2E_NX_VERSIONS): NxVersion[] {
  if (value === undefined || value.trim() === '') return [...SUPPORTED_NX_VERSIONS];
  const requested = value.split(/[\s,]+/).filter(Boolean);
  const unknown = requested.filter(
    (v) => !(SUPPORTED_NX_VERSIONS as readonly string[]).includes(v),
  );
  if (unknown.length > 0) {
    throw new Error(
      `E2E_NX_VERSIONS names unsupported Nx version(s) ${unknown.map((v) => `"${v}"`).join(', ')}. ` +
        `Supported: ${SUPPORTED_NX_VERSIONS.join(', ')}.`,
    );
  }
  return SUPPORTED_NX_VERSIONS.filter((v) => requested.includes(v));
}

export function nxMajor(version: string): number {
  return Number(version.split('.')[0]);
}
