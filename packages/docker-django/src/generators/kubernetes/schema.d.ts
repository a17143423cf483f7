export interface KubernetesGeneratorSchema {
  project: string;
  registry?: string;
  directory?: string;
  ingressHost?: string;
  maxReplicas?: number;
  overwrite?: boolean;
}
