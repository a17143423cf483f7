export interface CiGeneratorSchema {
  name?: string;
  mainBranch?: string;
  targetName?: string;
  overwrite?: boolean;
}
