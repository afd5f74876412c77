/** What a model artifact expects and returns, stored beside it in the registry. */
export const MODEL_ALIASES = ['champion', 'challenger', 'candidate'] as const;
export type ModelAlias = (typeof MODEL_ALIASES)[number];

export interface ModelSignature {
  /** Name of the ONNX graph's single float32 input of shape [N, featureNames.length]. */
  readonly inputName: string;
  /** Name of the ONNX output holding probabilities of shape [N, 3]. */
  readonly outputName: string;
  readonly featureNames: readonly string[];
  readonly classes: readonly [0, 1, 2];
  readonly featureSetVersion: string;
}
