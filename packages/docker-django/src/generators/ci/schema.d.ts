export interface CiGeneratorSchema {
  name?: string;
  mainBranch?: string;
  targetName?: string;
  officialImagesCheck?: boolean;
  overwrite?: boolean;
}
