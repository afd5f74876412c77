/** Small helpers for writing ONNX graphs with onnx-proto: tensors, nodes, value infos, the model envelope. */
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;

/** Opset of the default domain the exported graphs use (supported by onnxruntime-node 1.x). */
export const OPSET = 17;
/** Opset of `ai.onnx.ml` (tree ensembles), when a graph uses it. */
export const ML_OPSET = 3;

export function floatTensor(
  name: string,
  dims: readonly number[],
  values: ArrayLike<number>,
): onnxProto.onnx.ITensorProto {
  return { name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, floatData: Array.from(values) };
}

export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: onnxProto.onnx.IAttributeProto[] = [],
  domain = '',
): onnxProto.onnx.INodeProto {
  return {
    opType,
    input: [...inputs],
    output: [...outputs],
    name: `${opType}_${outputs[0]}`,
    attribute: attributes,
    domain,
  };
}

export function intAttribute(name: string, value: number): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

/** A float32 tensor of shape [N, width] with a symbolic batch dimension. */
export function floatMatrixInfo(name: string, width: number): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] },
      },
    },
  };
}

export interface GraphSpec {
  readonly name: string;
  readonly nodes: onnxProto.onnx.INodeProto[];
  readonly initializers: onnxProto.onnx.ITensorProto[];
  readonly inputs: onnxProto.onnx.IValueInfoProto[];
  readonly outputs: onnxProto.onnx.IValueInfoProto[];
  readonly usesMl?: boolean;
  /** Free-form metadata stored in the model (e.g. feature names as JSON). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Serialises a graph into the bytes of an .onnx file. */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const opsetImport: onnxProto.onnx.IOperatorSetIdProto[] = [{ domain: '', version: OPSET }];
  if (spec.usesMl) opsetImport.push({ domain: 'ai.onnx.ml', version: ML_OPSET });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'matchcast',
    opsetImport,
    graph: {
      name: spec.name,
      node: spec.nodes,
      initializer: spec.initializers,
      input: spec.inputs,
      output: spec.outputs,
    },
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
