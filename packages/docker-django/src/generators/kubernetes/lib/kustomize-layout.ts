import { commentText } from '../../lib/syntax/comment';
import { Document } from 'yaml';
import { yamlText as readableYaml } from '../../lib/syntax/yaml';
import type { DeploymentModel } from '../../lib/deployment-model';
import { baseManifests, podNames, type KubernetesOptions } from './base-manifests';

export interface KustomizeOptions extends KubernetesOptions {
  /** Where the overlays pull the image from. */
  registry: string;
}

const OVERLAYS = { dev: { replicas: 1, tag: 'latest' }, prod: { replicas: 3, tag: 'latest' } };

function yamlText(value: unknown, comment?: string): string {
  const text = readableYaml(new Document(value), { lineWidth: 0 });
  return comment ? `${comment}\n${text}` : text;
}

/**
 * The files of the kustomize layout under the manifests folder: `base/` from the deployment
 * model, `overlays/dev` and `overlays/prod` with their replicas and image. The overlays use
 * `bases` and `patchesStrategicMerge`: kustomize 2 (Debian's kubectl 1.20) reads nothing
 * newer; later kubectl warns that they are deprecated and renders them all the same.
 */
export function kustomizeFiles(
  model: DeploymentModel,
  options: KustomizeOptions,
): Record<string, string> {
  const names = podNames(model);
  const manifests = baseManifests(model, options);
  const header = `# Rendered by \`nx g docker-django:kubernetes\` from ${commentText(model.projectName)}'s compose.yaml.`;
  const files: Record<string, string> = {};
  for (const [file, manifest] of Object.entries(manifests)) {
    files[`base/${file}`] = yamlText(manifest, header);
  }
  files['base/kustomization.yaml'] = yamlText(
    { resources: Object.keys(manifests) },
    [
      header,
      `# The pods read their secrets from the Secret "${names.secrets}", which is not here (a`,
      '# manifest would hold the values). Create it in the namespace before applying:',
      `#   kubectl create secret generic ${names.secrets} ${model.secrets
        .map((s) => `--from-file=${s.name}=${s.file}`)
        .join(' ')}`,
    ].join('\n'),
  );
  for (const [overlay, { replicas, tag }] of Object.entries(OVERLAYS)) {
    files[`overlays/${overlay}/kustomization.yaml`] = yamlText(
      {
        bases: ['../../base'],
        images: [
          { name: model.imageName, newName: `${options.registry}/${model.imageName}`, newTag: tag },
        ],
        patchesStrategicMerge: ['replicas.yaml'],
      },
      `# ${overlay}: \`kubectl apply -k\` this folder. Pin the image in CI with\n#   (cd this folder && kustomize edit set image ${model.imageName}=${options.registry}/${model.imageName}:<tag>)`,
    );
    files[`overlays/${overlay}/replicas.yaml`] = yamlText({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: names.app },
      spec: { replicas },
    });
  }
  return files;
}
