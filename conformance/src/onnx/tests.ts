// Every ONNX node test: metadata from goldens/onnx/index.json, data for the ones that run.

import index from '../../goldens/onnx/index.json';
import { onnxData } from '../generated/onnx.js';
import { type OnnxTest, onnxTestName } from './types.js';

export const onnxTests: readonly OnnxTest[] = (index as unknown as readonly OnnxTest[]).map(
  (meta) => onnxData[onnxTestName(meta)] ?? meta,
);
