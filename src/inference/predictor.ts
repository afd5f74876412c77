/**
 * A Predictor runs one registered model version: validates feature vectors against its signature and returns
 * home/draw/away probabilities summing to 1. Built from the artifact's bytes (never a path), so the bytes that
 * were checksum-verified are the bytes that run.
 *
 * @example
 *   const predictor = await createPredictor(version, bytes);
 *   const [home, draw, away] = await predictor.predict(features, featureNames);
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { ModelSignature } from '../domain/model-signature.ts';
import type { Probabilities } from '../domain/outcome.ts';
import { sha256Hex } from '../registry/checksum.ts';
import type { ModelVersion } from '../registry/model-registry.ts';
import { ChecksumMismatchError } from '../registry/registry-errors.ts';
import {
  normaliseProbabilities,
  validateFeatureMatrix,
  validateFeatureVector,
} from './feature-validation.ts';
import { ModelLoadError } from './inference-errors.ts';

export type { Probabilities } from '../domain/outcome.ts';

/** The part of a ModelVersion a predictor needs (tests and tools can build one without a registry). */
export type PredictorModel = Pick<
  ModelVersion,
  'name' | 'version' | 'runId' | 'sha256' | 'signature' | 'artifactUri'
>;

export interface Predictor {
  readonly model: PredictorModel;
  readonly signature: ModelSignature;
  /** One row; `names`, when given, must equal the signature's feature names (order included). */
  predict(features: ArrayLike<number>, names?: readonly string[]): Promise<Probabilities>;
  /**
   * Many rows, row-major (n × d). Runs in as few session calls as possible (up to `BATCH_ROWS` rows each);
   * returns n × 3 probabilities, row-major.
   */
  predictBatch(x: Float32Array | Float64Array, n: number): Promise<Float64Array>;
  release(): Promise<void>;
}

/** Rows per session.run in predictBatch: 1M rows × ~40 features is ~160 MB of float32 input. */
export const BATCH_ROWS = 1 << 20;

const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  // One thread: a worker process runs `concurrency` tasks at once anyway, and a small model gains nothing
  // from a thread pool except wake-up latency.
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};

class OnnxPredictor implements Predictor {
  readonly #width: number;

  constructor(
    readonly model: PredictorModel,
    readonly signature: ModelSignature,
    readonly session: InferenceSession,
    readonly tensor: typeof Tensor,
  ) {
    this.#width = signature.featureNames.length;
  }

  async #run(input: Float32Array, n: number): Promise<Float64Array> {
    const feeds = { [this.signature.inputName]: new this.tensor('float32', input, [n, this.#width]) };
    const output = await this.session.run(feeds, [this.signature.outputName]);
    const tensor = output[this.signature.outputName];
    if (!tensor || tensor.data.length !== n * 3) {
      throw new ModelLoadError(
        `model ${this.model.name}@${this.model.version} returned ${tensor?.data.length ?? 0} values for ${n} rows, expected ${n * 3}`,
      );
    }
    return normaliseProbabilities(tensor.data as Float32Array, n);
  }

  async predict(features: ArrayLike<number>, names?: readonly string[]): Promise<Probabilities> {
    validateFeatureVector(this.signature, features, names);
    const p = await this.#run(Float32Array.from(features), 1);
    return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
  }

  async predictBatch(x: Float32Array | Float64Array, n: number): Promise<Float64Array> {
    validateFeatureMatrix(this.signature, x, n);
    if (n === 0) return new Float64Array(0);
    const input = x instanceof Float32Array ? x : Float32Array.from(x);
    if (n <= BATCH_ROWS) return this.#run(input, n);
    const out = new Float64Array(n * 3);
    for (let start = 0; start < n; start += BATCH_ROWS) {
      const rows = Math.min(BATCH_ROWS, n - start);
      const part = await this.#run(input.subarray(start * this.#width, (start + rows) * this.#width), rows);
      out.set(part, start * 3);
    }
    return out;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/**
 * Verifies `bytes` against the model's recorded sha256 (ChecksumMismatchError otherwise), opens an ONNX session
 * from them and checks that the graph has the signature's input and output.
 */
export async function createPredictor(model: PredictorModel, bytes: Uint8Array): Promise<Predictor> {
  const actual = sha256Hex(bytes);
  if (actual !== model.sha256) throw new ChecksumMismatchError(model.artifactUri, model.sha256, actual);
  // Loaded on first use: a process that never runs a model (an API in queue mode) does not map the runtime.
  const ort = await import('onnxruntime-node');
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
  } catch (error) {
    throw new ModelLoadError(
      `cannot load model ${model.name}@${model.version} from ${model.artifactUri}: ${(error as Error).message}`,
    );
  }
  const { inputName, outputName } = model.signature;
  if (!session.inputNames.includes(inputName) || !session.outputNames.includes(outputName)) {
    await session.release();
    throw new ModelLoadError(
      `model ${model.name}@${model.version} has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], signature names ${inputName} → ${outputName}`,
    );
  }
  return new OnnxPredictor(model, model.signature, session, ort.Tensor);
}
