/**
 * The model the inference benchmarks time: a softmax regression over `d` features with seeded random weights,
 * the size of the champion recipe, behind the same Predictor the workers and the batch stage use.
 */
import type { ModelSignature } from '../../src/domain/model-signature.ts';
import { createPredictor, type Predictor } from '../../src/inference/predictor.ts';
import {
  INPUT_NAME,
  OUTPUT_NAME,
  softmaxRegressionToOnnx,
} from '../../src/models/onnx/softmax-regression.ts';
import { sha256Hex } from '../../src/registry/checksum.ts';

export interface BenchModel {
  readonly predictor: Predictor;
  readonly featureNames: readonly string[];
  /** The seeded uniform [0, 1) generator the weights came from, for input rows. */
  readonly uniform: () => number;
}

export async function randomPredictor(d: number, seed: number): Promise<BenchModel> {
  const featureNames = Array.from({ length: d }, (_, j) => `f${j}`);
  let state = seed;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const bytes = softmaxRegressionToOnnx({
    featureNames,
    // The champion holds its inputs to their training range (a Max and a Min before scaling): timed with it.
    range: { lower: featureNames.map(() => -1.5), upper: featureNames.map(() => 1.5) },
    mean: featureNames.map(() => 0),
    scale: featureNames.map(() => 1),
    weights: featureNames.map(() => [uniform() - 0.5, uniform() - 0.5, uniform() - 0.5]),
    bias: [0.2, -0.1, 0],
  });
  const signature: ModelSignature = {
    inputName: INPUT_NAME,
    outputName: OUTPUT_NAME,
    featureNames,
    classes: [0, 1, 2],
    featureSetVersion: 'bench',
  };
  const predictor = await createPredictor(
    {
      name: 'bench',
      version: 1,
      runId: null,
      sha256: sha256Hex(bytes),
      signature,
      artifactUri: 'memory://bench',
    },
    bytes,
  );
  return { predictor, featureNames, uniform };
}
