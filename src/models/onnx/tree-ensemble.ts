/**
 * A boosted tree ensemble as an ONNX graph:
 *   probabilities = Softmax(TreeEnsembleRegressor(features))   (ai.onnx.ml, one target per class)
 * Each tree becomes BRANCH_LEQ nodes (x ≤ threshold goes to the true/left child) with float32 thresholds; each
 * leaf adds one weight to every class's target, and base_values holds the per-class starting scores.
 */
import type onnxProto from 'onnx-proto';
import type { TreeEnsemble } from '../gbdt/tree.ts';
import { encodeModel, floatMatrixInfo, intAttribute, node, onnx } from './graph.ts';
import { INPUT_NAME, OUTPUT_NAME } from './softmax-regression.ts';

const SCORES = 'raw_scores';

export function treeEnsembleToOnnx(ensemble: TreeEnsemble, featureNames: readonly string[]): Uint8Array {
  const a = new Attributes();
  ensemble.trees.forEach((tree, treeId) => {
    for (let id = 0; id < tree.feature.length; id++) {
      const leaf = tree.feature[id]! < 0;
      a.treeIds.push(treeId);
      a.nodeIds.push(id);
      a.featureIds.push(leaf ? 0 : tree.feature[id]!);
      a.values.push(leaf ? 0 : tree.threshold[id]!);
      a.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.trueIds.push(leaf ? 0 : tree.left[id]!);
      a.falseIds.push(leaf ? 0 : tree.right[id]!);
      if (!leaf) continue;
      for (let c = 0; c < ensemble.numClasses; c++) {
        a.targetTreeIds.push(treeId);
        a.targetNodeIds.push(id);
        a.targetIds.push(c);
        a.targetWeights.push(tree.value[id * ensemble.numClasses + c]!);
      }
    }
  });
  const k = ensemble.numClasses;
  return encodeModel({
    name: 'gbdt_softmax',
    usesMl: true,
    nodes: [
      node(
        'TreeEnsembleRegressor',
        [INPUT_NAME],
        [SCORES],
        [
          intAttribute('n_targets', k),
          ints('nodes_treeids', a.treeIds),
          ints('nodes_nodeids', a.nodeIds),
          ints('nodes_featureids', a.featureIds),
          floats('nodes_values', a.values),
          strings('nodes_modes', a.modes),
          ints('nodes_truenodeids', a.trueIds),
          ints('nodes_falsenodeids', a.falseIds),
          ints('target_treeids', a.targetTreeIds),
          ints('target_nodeids', a.targetNodeIds),
          ints('target_ids', a.targetIds),
          floats('target_weights', a.targetWeights),
          floats('base_values', ensemble.baseScore),
          string('aggregate_function', 'SUM'),
          string('post_transform', 'NONE'),
        ],
        'ai.onnx.ml',
      ),
      node('Softmax', [SCORES], [OUTPUT_NAME], [intAttribute('axis', 1)]),
    ],
    initializers: [],
    inputs: [floatMatrixInfo(INPUT_NAME, featureNames.length)],
    outputs: [floatMatrixInfo(OUTPUT_NAME, k)],
    metadata: { feature_names: JSON.stringify(featureNames) },
  });
}

class Attributes {
  readonly treeIds: number[] = [];
  readonly nodeIds: number[] = [];
  readonly featureIds: number[] = [];
  readonly values: number[] = [];
  readonly modes: string[] = [];
  readonly trueIds: number[] = [];
  readonly falseIds: number[] = [];
  readonly targetTreeIds: number[] = [];
  readonly targetNodeIds: number[] = [];
  readonly targetIds: number[] = [];
  readonly targetWeights: number[] = [];
}

const { AttributeType } = onnx.AttributeProto;
const encoder = new TextEncoder();

function ints(name: string, values: readonly number[]): onnxProto.onnx.IAttributeProto {
  return { name, type: AttributeType.INTS, ints: [...values] };
}

function floats(name: string, values: readonly number[]): onnxProto.onnx.IAttributeProto {
  return { name, type: AttributeType.FLOATS, floats: [...values] };
}

function strings(name: string, values: readonly string[]): onnxProto.onnx.IAttributeProto {
  return { name, type: AttributeType.STRINGS, strings: values.map((v) => encoder.encode(v)) };
}

function string(name: string, value: string): onnxProto.onnx.IAttributeProto {
  return { name, type: AttributeType.STRING, s: encoder.encode(value) };
}
