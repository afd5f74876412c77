/**
 * The task contract of the `ml` queue (Celery's role; docs/operations-workers.md), written once: the task names
 * and one TypeBox schema per message. The same objects validate messages on both sides of the queue, type them,
 * and document the API answers built from them (src/api/schemas/predict.ts imports them).
 */
import { type Static, Type } from 'typebox';
import { NameEnum } from '../config/name-enum.ts';
import { MODEL_ALIASES } from '../domain/model-signature.ts';
import { OUTCOME_LABELS } from '../domain/outcome.ts';

export const QUEUE_NAME = 'ml';
export const TASK_NAMES = ['predict_match'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/** A registry alias, as a request names it (`stage` in the reference's contract). */
export const ModelAliasName = NameEnum(MODEL_ALIASES, {
  description: `registry alias of the model to use: ${MODEL_ALIASES.join(', ')}. Another text (an empty one too) is answered 400 STAGE_NOT_SERVED naming these three, as the reference answers it, not 422; an alias no version holds, 400 naming the aliases held`,
});

/** predict_match's data: the resolved model's features for one match, in the signature's order. */
export const PredictMatchData = Type.Object(
  {
    match_id: Type.Integer(),
    stage: ModelAliasName,
    /** The version the API resolved `stage` to and built the features for: the worker runs exactly it. */
    model_version: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Feature values in the order of the model signature's feature names. */
    features: Type.Array(Type.Number()),
    feature_names: Type.Array(Type.String()),
    /** W3C trace context (`traceparent`, `tracestate`) of the request that enqueued it, when tracing is on. */
    trace_context: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);
export type PredictMatchData = Static<typeof PredictMatchData>;

/** A probability, in the queue's answers and the API's alike. */
export const Probability = Type.Number({ minimum: 0, maximum: 1 });
/** An outcome as a class number. */
export const OutcomeClass = Type.Integer({
  minimum: 0,
  maximum: 2,
  description: '0 home_win, 1 draw, 2 away_win',
});
/** An outcome by name, the label of its class. */
export const OutcomeLabel = NameEnum(OUTCOME_LABELS);

/** One model's answer for one match: the `prediction` object of the live prediction routes. */
export const PredictionResult = Type.Object({
  predicted_class: OutcomeClass,
  predicted_label: OutcomeLabel,
  probabilities: Type.Object({ '0': Probability, '1': Probability, '2': Probability }),
  model_name: Type.String(),
  model_version: Type.String(),
  model_stage: Type.String(),
  model_run_id: Type.Union([Type.String(), Type.Null()]),
});
export type PredictionResult = Static<typeof PredictionResult>;

/** predict_match's result. */
export const PredictMatchResult = Type.Object({
  match_id: Type.Integer(),
  prediction: PredictionResult,
  inference_ms: Type.Number(),
});
export type PredictMatchResult = Static<typeof PredictMatchResult>;

export interface TaskDataMap {
  predict_match: PredictMatchData;
}
export interface TaskResultMap {
  predict_match: PredictMatchResult;
}
