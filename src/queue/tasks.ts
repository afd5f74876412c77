/**
 * The `ml` queue's tasks (Celery's role, DESIGN §7): their names and the schema of each task's data and
 * result. The same TypeBox objects validate messages on both sides of the queue and type them.
 */
import { type Static, Type } from '@sinclair/typebox';

export const QUEUE_NAME = 'ml';
export const TASK_NAMES = ['predict_match', 'model_info'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const Stage = Type.Union([
  Type.Literal('champion'),
  Type.Literal('challenger'),
  Type.Literal('candidate'),
]);

export const PredictMatchData = Type.Object(
  {
    match_id: Type.Integer(),
    stage: Stage,
    /** Feature values in the order of the model signature's feature names. */
    features: Type.Array(Type.Number()),
    feature_names: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type PredictMatchData = Static<typeof PredictMatchData>;

export const PredictionResult = Type.Object({
  predicted_class: Type.Integer({ minimum: 0, maximum: 2 }),
  predicted_label: Type.String(),
  probabilities: Type.Object({ '0': Type.Number(), '1': Type.Number(), '2': Type.Number() }),
  model_name: Type.String(),
  model_version: Type.String(),
  model_stage: Type.String(),
  model_run_id: Type.Union([Type.String(), Type.Null()]),
});
export type PredictionResult = Static<typeof PredictionResult>;

export const PredictMatchResult = Type.Object({
  match_id: Type.Integer(),
  prediction: PredictionResult,
  inference_ms: Type.Number(),
});
export type PredictMatchResult = Static<typeof PredictMatchResult>;

export const ModelInfoData = Type.Object({ stage: Stage }, { additionalProperties: false });
export type ModelInfoData = Static<typeof ModelInfoData>;

export const ModelInfoResult = Type.Object({
  model_name: Type.String(),
  stage: Type.String(),
  version: Type.String(),
  run_id: Type.Union([Type.String(), Type.Null()]),
  metrics: Type.Record(Type.String(), Type.Unknown()),
  params: Type.Record(Type.String(), Type.Unknown()),
  feature_names: Type.Array(Type.String()),
  created_at: Type.String(),
});
export type ModelInfoResult = Static<typeof ModelInfoResult>;

export interface TaskDataMap {
  predict_match: PredictMatchData;
  model_info: ModelInfoData;
}
export interface TaskResultMap {
  predict_match: PredictMatchResult;
  model_info: ModelInfoResult;
}
