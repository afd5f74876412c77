/** A registry version record for unit tests that need one without a registry. */
import type { ModelSignature } from '../../src/domain/model-signature.ts';
import type { ModelVersion } from '../../src/registry/model-registry.ts';

export function modelSignature(featureNames: readonly string[]): ModelSignature {
  return { inputName: 'x', outputName: 'p', featureNames, classes: [0, 1, 2], featureSetVersion: 'v' };
}

export function modelVersion(version: number, signature: ModelSignature): ModelVersion {
  return {
    name: 'm',
    version,
    runId: `run-${version}`,
    artifactUri: '',
    artifactKey: '',
    sha256: '',
    signature,
    metrics: {},
    params: {},
    createdAt: new Date(0),
    aliases: [],
  };
}
