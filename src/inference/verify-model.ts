/**
 * The check a version passes before an alias may point at it: its artifact's bytes match the registry's
 * checksum, the ONNX session loads with the signature's input and output, and a probe row (every feature 0)
 * scores to three finite probabilities summing to 1. A version that fails any of these would make every live
 * prediction fail, so promotion refuses it instead.
 *
 * @example
 *   await verifyModelVersion(registry, version); // throws ModelVerificationError naming the version and why
 */
import { ExpectedError } from '../domain/expected-error.ts';
import type { ModelRegistry, ModelVersion } from '../registry/model-registry.ts';
import { createPredictor } from './predictor.ts';

export class ModelVerificationError extends ExpectedError {
  override readonly name = 'ModelVerificationError';
  constructor(
    readonly version: Pick<ModelVersion, 'name' | 'version'>,
    readonly reason: string,
  ) {
    super(`refusing version ${version.version} of ${version.name}: ${reason}`);
  }
}

const SUM_TOLERANCE = 1e-6;

export async function verifyModelVersion(
  registry: Pick<ModelRegistry, 'fetchArtifact'>,
  version: ModelVersion,
): Promise<void> {
  const fail = (error: unknown): never => {
    throw new ModelVerificationError(version, error instanceof Error ? error.message : String(error));
  };
  const bytes = await registry.fetchArtifact(version).catch(fail);
  const predictor = await createPredictor(version, bytes).catch(fail);
  try {
    const probe = new Array<number>(version.signature.featureNames.length).fill(0);
    const p = await predictor.predict(probe).catch(fail);
    const sum = p[0] + p[1] + p[2];
    if (!p.every(Number.isFinite) || Math.abs(sum - 1) > SUM_TOLERANCE) {
      fail(`the probe row scored [${p.join(', ')}], expected three finite probabilities summing to 1`);
    }
  } finally {
    await predictor.release();
  }
}
