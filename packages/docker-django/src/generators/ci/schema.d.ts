export interface CiGeneratorSchema {
  name?: string;
  mainBranch?: string;
  targetName?: string;
  officialImagesCheck?: boolean;
  registry?: string;
  registryUsernameSecret?: string;
  registryPasswordSecret?: string;
  overwrite?: boolean;
}
