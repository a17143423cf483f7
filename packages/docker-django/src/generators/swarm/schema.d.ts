export interface SwarmGeneratorSchema {
  project: string;
  replicas?: number;
  registry?: string;
  stackFile?: string;
  overwrite?: boolean;
}
