/**
 * Pure checks that a model artifact can serve the current features: its signature must name exactly the
 * feature set's columns in the same order, and its ONNX graph must have the input and output it claims.
 */

import type onnxProto from 'onnx-proto';
import type { FeatureSetManifest } from '../domain/artifacts.ts';
import type { ModelSignature } from '../domain/model-signature.ts';
import { onnx } from '../models/onnx/graph.ts';

/** Problems found comparing a signature with the current feature set; empty when it fits. */
export function signatureProblems(signature: ModelSignature, featureSet: FeatureSetManifest): string[] {
  const problems: string[] = [];
  if (signature.featureSetVersion !== featureSet.version) {
    problems.push(`feature set version is ${signature.featureSetVersion}, current is ${featureSet.version}`);
  }
  const expected = featureSet.featureNames;
  const actual = signature.featureNames;
  if (actual.length !== expected.length) {
    problems.push(`${actual.length} features, current feature set has ${expected.length}`);
  }
  const firstDifference = expected.findIndex((name, i) => actual[i] !== name);
  if (firstDifference >= 0 && actual.length === expected.length) {
    problems.push(
      `feature ${firstDifference} is ${actual[firstDifference]}, expected ${expected[firstDifference]}`,
    );
  }
  const classes = signature.classes as readonly number[];
  if (classes.length !== 3 || classes.some((c, i) => c !== i)) {
    problems.push(`classes are [${classes.join(', ')}], expected [0, 1, 2]`);
  }
  return problems;
}

function dims(info: onnxProto.onnx.IValueInfoProto): (number | string)[] {
  const shape = info.type?.tensorType?.shape?.dim ?? [];
  return shape.map((d) => (d.dimValue != null ? Number(d.dimValue) : (d.dimParam ?? '?')));
}

/** Problems found comparing an ONNX graph's declared inputs and outputs with the signature. */
export function graphProblems(bytes: Uint8Array, signature: ModelSignature): string[] {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return [`not an ONNX model (${(error as Error).message})`];
  }
  const problems: string[] = [];
  const inputs = model.graph?.input ?? [];
  const outputs = model.graph?.output ?? [];
  const input = inputs.find((i) => i.name === signature.inputName);
  if (!input) {
    problems.push(
      `graph has no input ${signature.inputName} (inputs: ${inputs.map((i) => i.name).join(', ')})`,
    );
  } else {
    const width = dims(input)[1];
    if (typeof width === 'number' && width !== signature.featureNames.length) {
      problems.push(`graph input takes ${width} features, signature names ${signature.featureNames.length}`);
    }
  }
  if (!outputs.some((o) => o.name === signature.outputName)) {
    problems.push(
      `graph has no output ${signature.outputName} (outputs: ${outputs.map((o) => o.name).join(', ')})`,
    );
  }
  return problems;
}
