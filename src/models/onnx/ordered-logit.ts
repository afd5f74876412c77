/**
 * An ordered logit on one feature as an ONNX graph with the same input as every other model (the full feature
 * vector, float32 [N, d]): the graph gathers its column, then
 *   P(away) = σ(c1 − βx),  P(draw) = σ(c2 − βx) − σ(c1 − βx),  P(home) = 1 − σ(c2 − βx).
 */
import { encodeModel, floatMatrixInfo, floatTensor, intAttribute, node, onnx } from './graph.ts';
import { INPUT_NAME, OUTPUT_NAME } from './softmax-regression.ts';

export interface OrderedLogitParams {
  readonly featureNames: readonly string[];
  /** Index of the feature the model reads, within featureNames. */
  readonly featureIndex: number;
  readonly beta: number;
  /** Cut points c1 < c2 on the latent scale. */
  readonly cut1: number;
  readonly cut2: number;
}

export function orderedLogitToOnnx(params: OrderedLogitParams): Uint8Array {
  const d = params.featureNames.length;
  if (params.featureIndex < 0 || params.featureIndex >= d) {
    throw new Error(`ordered logit: feature index ${params.featureIndex} outside 0..${d - 1}`);
  }
  return encodeModel({
    name: 'ordered_logit',
    nodes: [
      node('Gather', [INPUT_NAME, 'column'], ['x'], [intAttribute('axis', 1)]),
      node('Mul', ['x', 'beta'], ['bx']),
      node('Sub', ['cuts', 'bx'], ['z']),
      // cdf = [P(away), P(away or draw)]; one affine map gives [1 − cdf1, cdf1 − cdf0, cdf0] = home, draw, away.
      node('Sigmoid', ['z'], ['cdf']),
      node('MatMul', ['cdf', 'differences'], ['shifted']),
      node('Add', ['shifted', 'offset'], [OUTPUT_NAME]),
    ],
    initializers: [
      int64Tensor('column', [1], [params.featureIndex]),
      floatTensor('beta', [1], [params.beta]),
      floatTensor('cuts', [2], [params.cut1, params.cut2]),
      floatTensor('differences', [2, 3], [0, -1, 1, -1, 1, 0]),
      floatTensor('offset', [3], [1, 0, 0]),
    ],
    inputs: [floatMatrixInfo(INPUT_NAME, d)],
    outputs: [floatMatrixInfo(OUTPUT_NAME, 3)],
    metadata: { feature_names: JSON.stringify(params.featureNames) },
  });
}

function int64Tensor(name: string, dims: readonly number[], values: readonly number[]) {
  return { name, dims: [...dims], dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] };
}
