#!/usr/bin/python3
"""Writes test_manifest.json: a small stand-in for the TS exporter's manifest
that touches every op in reference.py (several attribute variants each).

    /usr/bin/python3 conformance/generator/make_test_manifest.py

Inputs are float32-rounded like the exporter's; cotangents are random float32.
Output shapes (needed for the cotangents) come from reference.py.
"""

from __future__ import annotations

import json
import math
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from generate import decode_tensor  # noqa: E402
from reference import REFERENCES  # noqa: E402

rng = np.random.default_rng(1234)
NAN, INF = math.nan, math.inf


def f32(shape, lo=-2.0, hi=2.0):
    return ("float32", rng.uniform(lo, hi, size=shape).astype(np.float32))


def arr(values, dtype="float32"):
    npdt = {"float32": np.float32, "float64": np.float64, "int32": np.int32, "bool": np.bool_}[dtype]
    return (dtype, np.array(values, dtype=npdt))


def enc(dtype, a):
    flat = a.reshape(-1).tolist()
    if dtype == "bool":
        data = [bool(v) for v in flat]
    elif dtype == "int32":
        data = [int(v) for v in flat]
    else:
        data = []
        for v in flat:
            v = float(v)
            data.append("NaN" if math.isnan(v) else ("Infinity" if v == INF else ("-Infinity" if v == -INF else v)))
    return {"dtype": dtype, "shape": list(a.shape), "data": data}


CASES = []


def case(op, name, inputs, attrs=None, diff=None):
    attrs = attrs or {}
    if diff is None:
        diff = [i for i, (dt, _) in enumerate(inputs) if dt in ("float32", "float64")]
    CASES.append((op, name, inputs, attrs, diff))


# ---- unary
for op in ["exp", "sin", "cos", "tanh", "erf", "neg", "square", "sigmoid"]:
    case(op, "basic", [f32([2, 3])])
case("exp", "specials", [arr([NAN, INF, -INF, 0.0])], diff=[])
case("log", "positive", [f32([2, 3], 0.1, 3.0)])
case("log", "specials", [arr([0.0, -1.0, INF, NAN])], diff=[])
case("sqrt", "positive", [f32([5], 0.1, 4.0)])
case("abs", "basic", [f32([2, 3])])
case("abs", "at_zero", [arr([0.0, 1.5, -2.0])], {"kink": True})
case("relu", "basic", [f32([3, 2])])
case("relu", "at_zero", [arr([0.0, -1.0, 2.0])], {"kink": True})
case("leakyRelu", "alpha", [f32([4])], {"alpha": 0.2})
case("leakyRelu", "at_zero", [arr([0.0, -1.0, 2.0])], {"kink": True})
case("elu", "alpha", [f32([6])], {"alpha": 0.5})
case("elu", "default", [f32([6])])
case("gelu", "none", [f32([6], -4, 4)])
case("gelu", "tanh", [f32([6], -4, 4)], {"approximate": "tanh"})

# ---- binary
case("add", "broadcast_row", [f32([3, 4]), f32([4])])
case("add", "scalar", [f32([2, 2]), f32([])])
case("sub", "broadcast_col", [f32([3, 1]), f32([1, 4])])
case("mul", "broadcast", [f32([2, 1, 3]), f32([4, 1])])
case("div", "broadcast", [f32([2, 3]), f32([3], 0.5, 2.0)])
case("pow", "positive_base", [f32([2, 3], 0.2, 2.0), f32([3], -2.0, 2.0)])
case("pow", "zero_base", [arr([0.0, 0.0, 0.0, 2.0]), arr([0.0, 2.0, 1.0, 3.0])], {"kink": True})
case("maximum", "ties", [arr([1.0, 2.0, 3.0, -1.0]), arr([1.0, 1.0, 3.0, 0.5])], {"kink": True})
case("maximum", "broadcast", [f32([2, 3]), f32([3])])
case("minimum", "ties", [arr([[1.0, 2.0], [3.0, -1.0]]), arr([1.0, 5.0])], {"kink": True})

# ---- comparisons / logical / where
a_cmp = arr([[1.0, 2.0, NAN], [INF, -1.0, 0.0]])
b_cmp = arr([2.0, 2.0, NAN])
for op in ["equal", "notEqual", "less", "lessEqual", "greater", "greaterEqual"]:
    case(op, "broadcast_nan", [a_cmp, b_cmp], diff=[])
case("equal", "int", [arr([1, 2, 3], "int32"), arr([1, 0, 3], "int32")], diff=[])
case("logicalNot", "basic", [arr([True, False, True], "bool")])
case("logicalAnd", "broadcast", [arr([[True, False], [True, True]], "bool"), arr([True, False], "bool")])
case("logicalOr", "broadcast", [arr([[True, False], [False, False]], "bool"), arr([False, True], "bool")])
case("where", "broadcast", [arr([[True], [False]], "bool"), f32([2, 3]), f32([3])])

# ---- clip / cast
case("clip", "both", [arr([-3.0, -1.0, 0.25, 1.0, 2.5, NAN])], {"min": -1.0, "max": 1.0, "kink": True})
case("clip", "smooth", [arr([-3.0, -0.5, 0.25, 2.5])], {"min": -1.0, "max": 1.0})
case("clip", "min_only", [arr([-3.0, 0.5, 2.5])], {"min": 0.0})
case("cast", "to_int32", [arr([-2.7, -0.5, 0.5, 2.9, NAN, INF, 3e9])], {"dtype": "int32"})
case("cast", "to_bool", [arr([0.0, -0.0, 0.1, NAN])], {"dtype": "bool"})
case("cast", "int_to_float32", [arr([1, -7, 16777217], "int32")], {"dtype": "float32"})
case("cast", "float_identity", [f32([3])], {"dtype": "float32"})

# ---- reductions
case("sum", "axis_keep", [f32([2, 3, 4])], {"axes": [-1], "keepDims": True})
case("sum", "all", [f32([2, 3])])
case("sum", "empty_axes", [f32([2, 3])], {"axes": []})
case("reduceMean", "axes01", [f32([2, 3, 4])], {"axes": [0, 2]})
case("prod", "with_zeros", [arr([[0.0, 2.0, 0.0, 3.0], [1.5, 0.0, 2.0, -1.0], [1.0, 2.0, 3.0, 0.5]])], {"axes": [1]})
case("prod", "all", [f32([2, 3], 0.5, 1.5)])
case("max", "ties", [arr([[1.0, 3.0, 3.0], [0.0, -1.0, 2.0]])], {"axes": [1], "kink": True})
case("max", "smooth", [f32([3, 4])], {"axes": [0], "keepDims": True})
case("max", "nan", [arr([[1.0, NAN, 3.0], [0.0, -1.0, 2.0]])], {"axes": [1]}, diff=[])
case("min", "all", [f32([3, 4])])
case("argMax", "ties_nan", [arr([[1.0, 3.0, 3.0], [0.0, NAN, NAN], [2.0, 2.0, 1.0]])])
case("argMin", "axis0", [arr([[1.0, 3.0, 3.0], [0.0, NAN, 3.0], [0.0, 2.0, 1.0]])], {"axis": 0})
case("softmax", "axis0", [f32([3, 2])], {"axis": 0})
case("logSoftmax", "last", [f32([2, 4])])

# ---- shape ops
case("reshape", "infer", [f32([2, 3])], {"shape": [3, -1]})
case("squeeze", "axes", [f32([1, 3, 1])], {"axes": [-1]})
case("squeeze", "all", [f32([1, 3, 1])])
case("expandDims", "neg", [f32([2, 3])], {"axis": -1})
case("transpose", "default", [f32([2, 3, 4])])
case("transpose", "perm", [f32([2, 3, 4])], {"perm": [1, 0, 2]})
case("broadcastTo", "basic", [f32([3, 1])], {"shape": [2, 3, 4]})
case("slice", "to_end", [f32([4, 5])], {"begin": [1, 2], "size": [2, -1]})
case("pad", "value", [f32([2, 3])], {"paddings": [[1, 0], [2, 1]], "value": 0.5})
case("concat", "three", [f32([2, 1]), f32([2, 3]), f32([2, 2])], {"axis": -1})
case("stack", "axis1", [f32([2, 3]), f32([2, 3])], {"axis": 1})
case("split", "sizes", [f32([2, 6])], {"sizesOrCount": [1, -1, 2], "axis": 1})
case("split", "count", [f32([4, 2])], {"sizesOrCount": 2})
case("gather", "neg_idx", [f32([3, 4]), arr([[2, -1], [0, 0]], "int32")], {"axis": 1}, diff=[0])
case("oneHot", "out_of_range", [arr([0, 2, 3, -1], "int32")], {"depth": 3, "on": 5.0, "off": -1.0})

# ---- matmul
case("matmul", "batch_broadcast_tt", [f32([2, 1, 4, 3]), f32([3, 5, 4])], {"transposeA": True, "transposeB": True})
case("matmul", "vec_mat", [f32([3]), f32([3, 2])])
case("matmul", "mat_vec", [f32([2, 3]), f32([3])], {"transposeA": False})

# ---- conv
case("conv2d", "same_stride2", [f32([1, 2, 5, 6]), f32([3, 2, 3, 3])], {"strides": 2, "padding": "same"})
case("conv2d", "nhwc_groups_dil_bias", [f32([2, 6, 7, 4]), f32([3, 2, 2, 6]), f32([6])],
     {"dataFormat": "NHWC", "groups": 2, "dilations": [2, 1], "padding": [[1, 0], [2, 1]], "strides": [1, 2]})
case("conv2d", "int_pad", [f32([1, 1, 4, 4]), f32([1, 1, 2, 2])], {"padding": 1})
case("conv2dTranspose", "stride2_outpad", [f32([1, 2, 3, 3]), f32([2, 3, 3, 3]), f32([3])],
     {"strides": 2, "outputPadding": 1, "padding": [[1, 0], [0, 2]]})
case("conv2dTranspose", "nhwc_groups", [f32([1, 3, 2, 4]), f32([2, 2, 3, 4])],
     {"dataFormat": "NHWC", "groups": 2, "strides": [2, 1], "dilations": [1, 2], "padding": 1})

# ---- pooling
case("maxPool2d", "ceil_pad", [f32([1, 2, 5, 5])], {"kernelSize": 3, "strides": 2, "padding": 1, "ceilMode": True})
case("maxPool2d", "dil_nhwc", [f32([1, 6, 6, 2])], {"kernelSize": [2, 2], "strides": 1, "dilations": 2, "dataFormat": "NHWC"})
case("maxPool2d", "same", [f32([1, 1, 5, 4])], {"kernelSize": 2, "padding": "same"})
case("maxPool2d", "ties", [arr([[[[1.0, 1.0, 0.0], [1.0, 0.5, 2.0], [NAN, 3.0, NAN]]]])], {"kernelSize": 2, "strides": 1, "kink": True})
case("avgPool2d", "ceil_exclude", [f32([1, 2, 5, 5])], {"kernelSize": 3, "strides": 2, "padding": 1, "ceilMode": True})
case("avgPool2d", "ceil_include", [f32([1, 2, 5, 5])], {"kernelSize": 3, "strides": 2, "padding": 1, "ceilMode": True, "countIncludePad": True})
case("avgPool2d", "asym_nhwc", [f32([1, 4, 5, 3])], {"kernelSize": [2, 3], "padding": [[0, 1], [2, 1]], "dataFormat": "NHWC", "countIncludePad": True})

# ---- batchNorm
case("batchNorm", "inference", [f32([2, 3, 2, 2]), f32([3]), f32([3]), f32([3]), f32([3], 0.5, 2.0)])
case("batchNorm", "train_pytorch", [f32([2, 3, 2, 2]), f32([3]), f32([3]), f32([3]), f32([3], 0.5, 2.0)],
     {"training": True})
case("batchNorm", "train_onnx_nhwc", [f32([2, 2, 2, 3]), f32([3]), f32([3]), f32([3]), f32([3], 0.5, 2.0)],
     {"training": True, "convention": "onnx", "dataFormat": "NHWC", "epsilon": 1e-3})

# ---- losses
case("meanSquaredError", "mean", [f32([3, 2]), f32([3, 2])])
case("meanSquaredError", "none", [f32([3, 2]), f32([3, 2])], {"reduction": "none"})
case("softmaxCrossEntropy", "int_labels", [f32([3, 4]), arr([0, 3, 1], "int32")], diff=[0])
case("softmaxCrossEntropy", "prob_labels_axis0", [f32([4, 2]), ("float32", np.array([[0.1, 0.5], [0.2, 0.25], [0.3, 0.25], [0.4, 0.0]], np.float32))],
     {"axis": 0, "reduction": "sum"})


def build():
    out = []
    for op, name, inputs, attrs, diff in CASES:
        entry = {"op": op, "name": name, "attrs": attrs, "inputs": [enc(dt, a) for dt, a in inputs], "diff": diff}
        ins = [decode_tensor(e)[0] for e in entry["inputs"]]
        outs = REFERENCES[op](ins, attrs)
        outs = outs if isinstance(outs, list) else [outs]
        if diff and any(o.dtype.is_floating_point for o in outs):
            entry["cotangents"] = [enc("float32", rng.standard_normal(tuple(o.shape)).astype(np.float32)) for o in outs]
            entry["secondCotangents"] = [
                {k: v for k, v in enc("float32", rng.standard_normal(tuple(ins[i].shape)).astype(np.float32)).items() if k != "dtype"}
                for i in diff]
        out.append(entry)
    return {"version": 1, "cases": out}


if __name__ == "__main__":
    m = build()
    path = os.path.join(HERE, "test_manifest.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"version":1,"cases":[\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in m["cases"]))
        f.write("\n]}\n")
    print(f"wrote {len(m['cases'])} cases to {path}")
