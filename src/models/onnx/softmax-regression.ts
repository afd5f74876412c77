/**
 * A multinomial logistic (softmax) regression as an ONNX graph:
 *   probabilities = Softmax(((x − mean) / scale) · W + b)
 * Standardisation stays in the graph so callers pass raw feature values.
 */
import { encodeModel, floatMatrixInfo, floatTensor, intAttribute, node } from './graph.ts';

export interface SoftmaxRegressionParams {
  readonly featureNames: readonly string[];
  /** Per-feature mean and scale used to standardise inputs (scale > 0). */
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  /** weights[feature][class], features × 3 */
  readonly weights: readonly (readonly number[])[];
  /** bias[class] */
  readonly bias: readonly number[];
}

export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'probabilities';

export function softmaxRegressionToOnnx(params: SoftmaxRegressionParams): Uint8Array {
  const d = params.featureNames.length;
  const k = params.bias.length;
  if (params.mean.length !== d || params.scale.length !== d || params.weights.length !== d) {
    throw new Error(`softmax regression: ${d} features but mean/scale/weights sized differently`);
  }
  return encodeModel({
    name: 'softmax_regression',
    nodes: [
      node('Sub', [INPUT_NAME, 'mean'], ['centred']),
      node('Div', ['centred', 'scale'], ['standardised']),
      node('MatMul', ['standardised', 'W'], ['xw']),
      node('Add', ['xw', 'b'], ['logits']),
      node('Softmax', ['logits'], [OUTPUT_NAME], [intAttribute('axis', 1)]),
    ],
    initializers: [
      floatTensor('mean', [d], params.mean),
      floatTensor('scale', [d], params.scale),
      floatTensor('W', [d, k], params.weights.flat()),
      floatTensor('b', [k], params.bias),
    ],
    inputs: [floatMatrixInfo(INPUT_NAME, d)],
    outputs: [floatMatrixInfo(OUTPUT_NAME, k)],
    metadata: { feature_names: JSON.stringify(params.featureNames) },
  });
}
