/** A trained gradient-boosted tree ensemble behind the shared TrainedModel interface. */
import type { TrainedModel } from '../model.ts';
import { treeEnsembleToOnnx } from '../onnx/tree-ensemble.ts';
import { predictEnsemble, type TreeEnsemble } from './tree.ts';

export function gbdtModel(
  ensemble: TreeEnsemble,
  featureNames: readonly string[],
  params: Readonly<Record<string, unknown>>,
): TrainedModel {
  const d = featureNames.length;
  return {
    family: 'gbdt',
    featureNames,
    params,
    predict: (x, n) => {
      if (x.length !== n * d) throw new Error(`gbdt: expected ${n} × ${d} values, got ${x.length}`);
      return predictEnsemble(ensemble, x, n, d);
    },
    toOnnx: () => treeEnsembleToOnnx(ensemble, featureNames),
  };
}
