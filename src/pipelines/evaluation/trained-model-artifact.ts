/**
 * What `train` hands to `evaluate` and `register`: the ONNX bytes and a small JSON description, kept in the
 * artifact store under pipeline/train/ until register copies the model into the registry.
 */
import { type Static, Type } from 'typebox';

export const TRAINED_MODEL_KEYS = {
  onnx: 'pipeline/train/model.onnx',
  description: 'pipeline/train/model.json',
} as const;

export const TrainedModelDescription = Type.Object({
  family: Type.String(),
  feature_names: Type.Array(Type.String()),
  feature_set_version: Type.String(),
  /** MODEL_REVISION of the code that fitted it; absent before revision 2. */
  model_revision: Type.Optional(Type.Integer()),
  params: Type.Record(Type.String(), Type.Unknown()),
  n_train: Type.Integer(),
  /** ISO 8601: first and last kick-off in the training data. */
  trained_from: Type.String(),
  trained_until: Type.String(),
  seed: Type.Integer(),
});
export type TrainedModelDescription = Static<typeof TrainedModelDescription>;

/** Written by `evaluate`: held-out scores of the same recipe trained before evaluate.test_from. */
export const EVALUATION_KEY = 'reports/evaluation.json';
