// Validates Kubernetes objects against the API's OpenAPI schemas as compiled by the pinned
// kubernetes-models package (ESM only, hence a child process of the Jest spec). Reads a JSON
// array of objects on stdin, prints one result per object: { kind, name, error? }.
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(0, 'utf-8'));
const results = [];
for (const object of objects) {
  const result = { kind: object.kind, name: object.metadata?.name };
  try {
    const group = object.apiVersion.includes('/') ? object.apiVersion : `${object.apiVersion}`;
    const models = await import(`kubernetes-models/${group}`);
    const Model = models[object.kind];
    if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
    new Model(object).validate();
  } catch (error) {
    result.error = error.message;
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
