/**
 * A multinomial logistic (softmax) regression as an ONNX graph:
 *   probabilities = Softmax(((min(max(x, lower), upper) − mean) / scale) · W + b)
 * Standardisation stays in the graph so callers pass raw feature values; so does the clamp to the training range
 * (src/models/logistic-regression.ts says why), when the model has one.
 */
import { encodeModel, floatMatrixInfo, floatTensor, intAttribute, node } from './graph.ts';

export interface SoftmaxRegressionParams {
  readonly featureNames: readonly string[];
  /** Per-feature training range the inputs are clamped to; without it they pass as they are. */
  readonly range?: { readonly lower: readonly number[]; readonly upper: readonly number[] };
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
  const { range } = params;
  if (
    params.mean.length !== d ||
    params.scale.length !== d ||
    params.weights.length !== d ||
    (range !== undefined && (range.lower.length !== d || range.upper.length !== d))
  ) {
    throw new Error(`softmax regression: ${d} features but range/mean/scale/weights sized differently`);
  }
  const clamp =
    range === undefined
      ? { nodes: [], initializers: [], output: INPUT_NAME }
      : {
          nodes: [node('Max', [INPUT_NAME, 'lower'], ['raised']), node('Min', ['raised', 'upper'], ['held'])],
          initializers: [floatTensor('lower', [d], range.lower), floatTensor('upper', [d], range.upper)],
          output: 'held',
        };
  return encodeModel({
    name: 'softmax_regression',
    nodes: [
      ...clamp.nodes,
      node('Sub', [clamp.output, 'mean'], ['centred']),
      node('Div', ['centred', 'scale'], ['standardised']),
      node('MatMul', ['standardised', 'W'], ['xw']),
      node('Add', ['xw', 'b'], ['logits']),
      node('Softmax', ['logits'], [OUTPUT_NAME], [intAttribute('axis', 1)]),
    ],
    initializers: [
      ...clamp.initializers,
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
