import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** `KUBECTL` picks another binary (e.g. Debian's kubectl 1.20 to check kustomize 2). */
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export type KubernetesObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Writes `files` (path → text) under a temporary folder and renders `overlay` with `kubectl kustomize`. */
export function kustomize(files: Record<string, string>, overlay: string): KubernetesObject[] {
  const dir = mkdtempSync(join(tmpdir(), 'docker-django-k8s-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    let output: string;
    try {
      output = execFileSync(KUBECTL, ['kustomize', join(dir, overlay)], {
        encoding: 'utf-8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') {
        throw new Error(`${KUBECTL} is not installed: run tools/engine/kubectl.sh (as root).`);
      }
      throw new Error(`kubectl kustomize ${overlay} failed: ${e.stderr ?? e.message}`);
    }
    return parseAllDocuments(output).map((doc) => doc.toJS());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SchemaResult {
  kind: string;
  name: string;
  error?: string;
}

/** Each object validated against the Kubernetes API schemas of the pinned kubernetes-models. */
export function validateAgainstSchemas(objects: KubernetesObject[]): SchemaResult[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'validate-kubernetes.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf-8',
  });
  return JSON.parse(output);
}
