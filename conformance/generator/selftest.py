#!/usr/bin/python3
"""Cross-checks the hand-written references in reference.py against independent
implementations (torch built-ins where their semantics coincide, naive NumPy
loops where they do not).  Complements `generate.py --check`, which only
verifies gradients against central differences.

    /usr/bin/python3 conformance/generator/selftest.py
"""

from __future__ import annotations

import itertools
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import REFERENCES  # noqa: E402

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(7)
FAILS = []


def T(a, grad=False):
    t = torch.tensor(np.asarray(a), dtype=torch.float64)
    return t.requires_grad_(grad)


def rnd(*shape):
    return rng.standard_normal(shape)


def check(name, got, want, tol=1e-12):
    got = np.asarray(got.detach() if isinstance(got, torch.Tensor) else got, dtype=np.float64)
    want = np.asarray(want.detach() if isinstance(want, torch.Tensor) else want, dtype=np.float64)
    ok = got.shape == want.shape and np.allclose(got, want, rtol=tol, atol=tol, equal_nan=True)
    if not ok:
        FAILS.append(name)
        print(f"FAIL {name}\n got  {got.shape} {got.ravel()[:12]}\n want {want.shape} {want.ravel()[:12]}")
    return ok


def grad(y, x, ct=None):
    ct = torch.ones_like(y) if ct is None else ct
    return torch.autograd.grad((y * ct).sum(), x, allow_unused=True)


# ---------------------------------------------------------------- pooling vs torch
def test_pools():
    for (H, W, k, s, p, d, ceil) in [(5, 5, 3, 2, 1, 1, True), (7, 6, 2, 2, 0, 1, True), (6, 7, 3, 2, 1, 2, False),
                                     (8, 8, 3, 3, 1, 1, True), (5, 6, 2, 1, 1, 1, False), (9, 7, 3, 2, 1, 2, True)]:
        xa = rnd(2, 3, H, W)
        x1, x2 = T(xa, True), T(xa, True)
        ct = T(rnd(*F.max_pool2d(T(xa), k, s, p, d, ceil).shape))
        y = REFERENCES["maxPool2d"]([x1], {"kernelSize": k, "strides": s, "padding": p, "dilations": d, "ceilMode": ceil})
        yt = F.max_pool2d(x2, k, s, p, d, ceil)
        tag = f"maxPool2d H{H} W{W} k{k} s{s} p{p} d{d} ceil{ceil}"
        check(tag, y, yt)
        check(tag + " grad", grad(y, x1, ct)[0], grad(yt, x2, ct)[0])
        if d == 1:
            for inc in (False, True):
                y = REFERENCES["avgPool2d"]([x1], {"kernelSize": k, "strides": s, "padding": p, "ceilMode": ceil, "countIncludePad": inc})
                yt = F.avg_pool2d(x2, k, s, p, ceil, inc)
                check(f"avgPool2d H{H} W{W} k{k} s{s} p{p} ceil{ceil} inc{inc}", y, yt)
    # NHWC == NCHW permuted
    xa = rnd(1, 5, 6, 2)
    a = REFERENCES["maxPool2d"]([T(xa)], {"kernelSize": [2, 3], "strides": [1, 2], "dataFormat": "NHWC"})
    b = REFERENCES["maxPool2d"]([T(xa).permute(0, 3, 1, 2)], {"kernelSize": [2, 3], "strides": [1, 2]}).permute(0, 2, 3, 1)
    check("maxPool2d NHWC", a, b)
    # ties: first max in row-major window order
    x = T([[[[1.0, 1.0], [1.0, 1.0]]]], True)
    y = REFERENCES["maxPool2d"]([x], {"kernelSize": 2})
    check("maxPool2d first tie", grad(y, x)[0], [[[[1.0, 0.0], [0.0, 0.0]]]])
    x = T([[[[0.0, 2.0], [2.0, math.nan]]]], True)
    y = REFERENCES["maxPool2d"]([x], {"kernelSize": 2})
    check("maxPool2d NaN wins", grad(y, x)[0], [[[[0.0, 0.0], [0.0, 1.0]]]])
    # same padding: TF SAME_UPPER, naive loop
    xa = rnd(1, 1, 5, 4)
    y = REFERENCES["maxPool2d"]([T(xa)], {"kernelSize": 2, "strides": 2, "padding": "same"})
    xp = np.pad(xa, ((0, 0), (0, 0), (0, 1), (0, 0)), constant_values=-np.inf)  # H: out 3, total 1 -> (0,1)
    want = xp.reshape(1, 1, 3, 2, 2, 2).max(axis=(3, 5))
    check("maxPool2d same", y, want)
    # asymmetric padding + count-include-pad divisor: naive
    xa = rnd(1, 1, 4, 5)
    pads = [[0, 1], [2, 1]]
    for inc in (False, True):
        y = REFERENCES["avgPool2d"]([T(xa)], {"kernelSize": [2, 3], "strides": [2, 2], "padding": pads, "countIncludePad": inc})
        H, W = 4, 5
        oh = (H + 1 - 2) // 2 + 1
        ow = (W + 3 - 3) // 2 + 1
        want = np.zeros((1, 1, oh, ow))
        for i, j in itertools.product(range(oh), range(ow)):
            h0, w0 = i * 2 - 0, j * 2 - 2
            h1, w1 = min(h0 + 2, H + 1), min(w0 + 3, W + 1)
            vals = [xa[0, 0, a, b] for a in range(max(h0, 0), min(h1, H)) for b in range(max(w0, 0), min(w1, W))]
            div = (h1 - h0) * (w1 - w0) if inc else len(vals)
            want[0, 0, i, j] = sum(vals) / div
        check(f"avgPool2d asym inc{inc}", y, want)


# ---------------------------------------------------------------- conv vs naive numpy
def naive_conv(x, w, b, s, d, pads, groups):
    """x NCHW, w OIHW; pads ((t,b),(l,r))."""
    x = np.pad(x, ((0, 0), (0, 0), pads[0], pads[1]))
    N, C, H, W = x.shape
    O, Cg, KH, KW = w.shape
    OH = (H - d[0] * (KH - 1) - 1) // s[0] + 1
    OW = (W - d[1] * (KW - 1) - 1) // s[1] + 1
    y = np.zeros((N, O, OH, OW))
    og = O // groups
    for n, o, i, j in itertools.product(range(N), range(O), range(OH), range(OW)):
        g = o // og
        acc = 0.0
        for c, kh, kw in itertools.product(range(Cg), range(KH), range(KW)):
            acc += x[n, g * Cg + c, i * s[0] + kh * d[0], j * s[1] + kw * d[1]] * w[o, c, kh, kw]
        y[n, o, i, j] = acc + (b[o] if b is not None else 0.0)
    return y


def naive_conv_transpose(x, w, b, s, d, pads, op, groups):
    """x NCHW, w [Cin, Cout/g, KH, KW]; scatter form, then crop pads, outputPadding at the end."""
    N, C, H, W = x.shape
    _, Og, KH, KW = w.shape
    Cg = C // groups
    OH = (H - 1) * s[0] + d[0] * (KH - 1) + 1 + op[0]
    OW = (W - 1) * s[1] + d[1] * (KW - 1) + 1 + op[1]
    y = np.zeros((N, Og * groups, OH, OW))
    for n, c, i, j in itertools.product(range(N), range(C), range(H), range(W)):
        g = c // Cg
        for oc, kh, kw in itertools.product(range(Og), range(KH), range(KW)):
            y[n, g * Og + oc, i * s[0] + kh * d[0], j * s[1] + kw * d[1]] += x[n, c, i, j] * w[c, oc, kh, kw]
    if b is not None:
        y += b[None, :, None, None]
    (t, bb), (l, r) = pads
    return y[:, :, t:OH - bb, l:OW - r]


def test_conv():
    # 'same' = SAME_UPPER: in 5, k 3, s 2 -> out 3, total = 2*2+3-5 = 2 -> (1,1); in 6 -> out 3, total 1 -> (0,1)
    xa, wa = rnd(1, 2, 5, 6), rnd(3, 2, 3, 3)
    y = REFERENCES["conv2d"]([T(xa), T(wa)], {"strides": 2, "padding": "same"})
    check("conv2d same s2", y, naive_conv(xa, wa, None, (2, 2), (1, 1), ((1, 1), (0, 1)), 1))
    # same with dilation: k 3 d 2 s 1, in 5 -> total = 4 -> (2,2)
    y = REFERENCES["conv2d"]([T(xa), T(wa)], {"padding": "same", "dilations": 2})
    check("conv2d same d2", y, naive_conv(xa, wa, None, (1, 1), (2, 2), ((2, 2), (2, 2)), 1))
    # NHWC + HWIO + groups + dilation + asymmetric padding + bias
    xa, wa, ba = rnd(2, 6, 7, 4), rnd(3, 2, 2, 6), rnd(6)
    y = REFERENCES["conv2d"]([T(xa), T(wa), T(ba)], {"dataFormat": "NHWC", "groups": 2, "dilations": [2, 1],
                                                     "padding": [[1, 0], [2, 1]], "strides": [1, 2]})
    want = naive_conv(xa.transpose(0, 3, 1, 2), wa.transpose(3, 2, 0, 1), ba, (1, 2), (2, 1), ((1, 0), (2, 1)), 2)
    check("conv2d nhwc groups", y, want.transpose(0, 2, 3, 1))
    # int and [ph, pw] padding
    xa, wa = rnd(1, 1, 4, 5), rnd(2, 1, 2, 3)
    check("conv2d pad int", REFERENCES["conv2d"]([T(xa), T(wa)], {"padding": 1}),
          naive_conv(xa, wa, None, (1, 1), (1, 1), ((1, 1), (1, 1)), 1))
    check("conv2d pad pair", REFERENCES["conv2d"]([T(xa), T(wa)], {"padding": [2, 0]}),
          naive_conv(xa, wa, None, (1, 1), (1, 1), ((2, 2), (0, 0)), 1))
    # transpose
    for (s, d, pads, op, groups, cin, cout) in [((2, 2), (1, 1), ((1, 0), (0, 2)), (1, 1), 1, 2, 3),
                                                ((2, 1), (1, 2), ((1, 1), (1, 1)), (0, 0), 2, 4, 2),
                                                ((3, 2), (2, 1), ((0, 2), (1, 0)), (1, 0), 1, 1, 2)]:
        xa, wa, ba = rnd(2, cin, 3, 4), rnd(cin, cout // groups if groups > 1 else cout, 3, 2), rnd(cout)
        attrs = {"strides": list(s), "dilations": list(d), "padding": [list(pads[0]), list(pads[1])],
                 "outputPadding": list(op), "groups": groups}
        y = REFERENCES["conv2dTranspose"]([T(xa), T(wa), T(ba)], attrs)
        want = naive_conv_transpose(xa, wa, ba, s, d, pads, op, groups)
        check(f"conv2dTranspose s{s} d{d} p{pads} op{op} g{groups}", y, want)
        # HWIO/NHWC variant: HWIO = [KH, KW, Cout/g, Cin]
        y2 = REFERENCES["conv2dTranspose"]([T(xa.transpose(0, 2, 3, 1)), T(wa.transpose(2, 3, 1, 0)), T(ba)],
                                           dict(attrs, dataFormat="NHWC"))
        check(f"conv2dTranspose NHWC s{s}", y2, want.transpose(0, 2, 3, 1))
    # transpose is the adjoint of conv (same strides/pads/dilations)
    xa, wa = rnd(1, 2, 7, 6), rnd(3, 2, 3, 3)
    x = T(xa, True)
    attrs = {"strides": 2, "padding": [[1, 0], [2, 1]], "dilations": 1}
    y = REFERENCES["conv2d"]([x, T(wa)], attrs)
    ct = rnd(*y.shape)
    g = grad(y, x, T(ct))[0]
    # conv output 3x3 (7+1-3)//2+1=3, (6+3-3)//2+1 = 4; transpose of 3x4 gives (3-1)*2+3-1 = 6 -> need op 1 for 7
    yt = REFERENCES["conv2dTranspose"]([T(ct), T(wa)], dict(attrs, outputPadding=[1, (6 + 3 - 3) % 2]))
    check("conv2dTranspose adjoint of conv2d", yt, g)


# ---------------------------------------------------------------- misc
def test_misc():
    # batchNorm training vs F.batch_norm (pytorch convention, running stats)
    xa = rnd(4, 3, 2, 5)
    rm, rv = rnd(3), np.abs(rnd(3)) + 0.5
    sc, of = rnd(3), rnd(3)
    outs = REFERENCES["batchNorm"]([T(xa), T(sc), T(of), T(rm), T(rv)], {"training": True, "momentum": 0.2})
    rm_t, rv_t = T(rm), T(rv)
    yt = F.batch_norm(T(xa), rm_t, rv_t, T(sc), T(of), training=True, momentum=0.2, eps=1e-5)
    check("batchNorm y", outs[0], yt)
    check("batchNorm runningMean", outs[3], rm_t)
    check("batchNorm runningVar", outs[4], rv_t)
    check("batchNorm batchVar biased", outs[2], xa.transpose(1, 0, 2, 3).reshape(3, -1).var(axis=1))
    outs = REFERENCES["batchNorm"]([T(xa), T(sc), T(of), T(rm), T(rv)], {"training": True, "convention": "onnx"})
    check("batchNorm onnx runningMean", outs[3], 0.9 * rm + 0.1 * xa.mean(axis=(0, 2, 3)))
    check("batchNorm onnx runningVar", outs[4], 0.9 * rv + 0.1 * xa.var(axis=(0, 2, 3)))
    y = REFERENCES["batchNorm"]([T(xa), T(sc), T(of), T(rm), T(rv)], {})
    check("batchNorm inference", y, F.batch_norm(T(xa), T(rm), T(rv), T(sc), T(of), training=False, eps=1e-5))
    # running stats: gradient only to the running inputs
    x, r = T(xa, True), T(rm, True)
    outs = REFERENCES["batchNorm"]([x, T(sc), T(of), r, T(rv)], {"training": True})
    gx, gr = grad(outs[3], [x, r])
    check("batchNorm newRunningMean no grad to x", gx if gx is not None else torch.zeros(1), torch.zeros_like(x) if gx is not None else torch.zeros(1))
    check("batchNorm newRunningMean grad to rm", gr, np.full(3, 0.9))

    # softmaxCrossEntropy vs F.cross_entropy
    la, lab = rnd(5, 4), rng.integers(0, 4, 5)
    check("sce int", REFERENCES["softmaxCrossEntropy"]([T(la), torch.tensor(lab)], {}),
          F.cross_entropy(T(la), torch.tensor(lab)))
    pa = np.abs(rnd(5, 4))
    pa /= pa.sum(1, keepdims=True)
    check("sce prob none", REFERENCES["softmaxCrossEntropy"]([T(la), T(pa)], {"reduction": "none"}),
          F.cross_entropy(T(la), T(pa), reduction="none"))
    check("sce axis0", REFERENCES["softmaxCrossEntropy"]([T(la.T), torch.tensor(lab)], {"axis": 0, "reduction": "sum"}),
          F.cross_entropy(T(la), torch.tensor(lab), reduction="sum"))

    # argMax/argMin vs numpy (first occurrence, NaN is the extremum)
    a = rng.integers(0, 3, (6, 5)).astype(np.float64)
    a[1, 2] = a[4, 0] = a[4, 3] = np.nan
    for ax in (0, 1, -1):
        check(f"argMax axis{ax}", REFERENCES["argMax"]([T(a)], {"axis": ax}), np.argmax(a, axis=ax))
        check(f"argMin axis{ax}", REFERENCES["argMin"]([T(a)], {"axis": ax}), np.argmin(a, axis=ax))

    # prod: second order with zeros vs explicit Hessian
    v = np.array([0.0, 2.0, 0.0, 3.0, -1.5])
    x = T(v, True)
    (g,) = torch.autograd.grad(REFERENCES["prod"]([x], {}), x, create_graph=True)
    H = np.zeros((5, 5))
    for i, j in itertools.product(range(5), range(5)):
        if i != j:
            H[i, j] = np.prod([v[k] for k in range(5) if k not in (i, j)])
    c = rnd(5)
    (h2,) = torch.autograd.grad((g * T(c)).sum(), x)
    check("prod hessian with zeros", h2, H @ c)
    check("prod keepDims axes", REFERENCES["prod"]([T(a[:, :3] + 1)], {"axes": [-1, 0], "keepDims": True}),
          np.prod(a[:, :3] + 1, axis=(0, 1), keepdims=True))

    # max/min reduction: equal split among ties
    x = T([[1.0, 3.0, 3.0, 3.0], [2.0, 0.0, 2.0, -1.0]], True)
    check("max ties split", grad(REFERENCES["max"]([x], {"axes": [1]}), x)[0], [[0, 1 / 3, 1 / 3, 1 / 3], [0.5, 0, 0.5, 0]])
    check("min all", grad(REFERENCES["min"]([x], {}), x)[0], [[0, 0, 0, 0], [0, 0, 0, 1.0]])

    # maximum/minimum 0.5 split, pow exponent grad masking
    a, b = T([1.0, 2.0, 3.0], True), T([1.0, 1.0, 4.0], True)
    ga, gb = grad(REFERENCES["maximum"]([a, b], {}), [a, b])
    check("maximum ties a", ga, [0.5, 1, 0])
    check("maximum ties b", gb, [0.5, 0, 1])
    a, b = T([0.0, 0.0, 2.0], True), T([0.0, 2.0, 3.0], True)
    ga, gb = grad(REFERENCES["pow"]([a, b], {}), [a, b])
    check("pow d/db masked at a==0,b>=0", gb, [0.0, 0.0, 8 * math.log(2)])

    # clip: gradient 1 at the bounds, NaN passes
    x = T([-2.0, -1.0, 0.0, 1.0, 2.0, math.nan], True)
    y = REFERENCES["clip"]([x], {"min": -1, "max": 1})
    check("clip value", y, [-1, -1, 0, 1, 1, math.nan])
    check("clip grad", grad(y, x)[0], [0, 1, 1, 1, 0, 1])

    # cast int32 (JS ToInt32)
    y = REFERENCES["cast"]([T([2.9, -2.9, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5.5, math.nan, -math.inf])], {"dtype": "int32"})
    check("cast int32", y, [2, -2, -(2 ** 31), 2 ** 31 - 1, 5, 0, 0])

    # gather/oneHot/split/slice/pad/squeeze vs numpy
    xa = rnd(3, 4, 2)
    idx = np.array([[3, -1], [0, 2]])
    check("gather axis1", REFERENCES["gather"]([T(xa), torch.tensor(idx)], {"axis": 1}), np.take(xa, idx, axis=1))
    check("oneHot", REFERENCES["oneHot"]([torch.tensor([1, 5, -1])], {"depth": 3}), [[0, 1, 0], [0, 0, 0], [0, 0, 0]])
    parts = REFERENCES["split"]([T(xa)], {"sizesOrCount": [1, -1], "axis": 1})
    check("split -1", parts[1], xa[:, 1:])
    check("slice", REFERENCES["slice"]([T(xa)], {"begin": [1, 0, 1], "size": [-1, 3, 1]}), xa[1:, 0:3, 1:2])
    check("pad", REFERENCES["pad"]([T(xa)], {"paddings": [[1, 0], [0, 2], [1, 1]], "value": 3.0}),
          np.pad(xa, ((1, 0), (0, 2), (1, 1)), constant_values=3.0))
    check("transpose default", REFERENCES["transpose"]([T(xa)], {}), xa.transpose())
    check("stack -1", REFERENCES["stack"]([T(xa), T(xa + 1)], {"axis": -1}), np.stack([xa, xa + 1], axis=-1))
    check("expandDims -1", REFERENCES["expandDims"]([T(xa)], {"axis": -1}), xa[..., None])
    check("sum empty axes", REFERENCES["sum"]([T(xa)], {"axes": []}), xa)
    check("reduceMean neg axes", REFERENCES["reduceMean"]([T(xa)], {"axes": [-1, 0], "keepDims": True}),
          xa.mean(axis=(0, 2), keepdims=True))
    # matmul flags and batch broadcast
    a, b = rnd(2, 1, 4, 3), rnd(3, 5, 4)
    check("matmul tA tB", REFERENCES["matmul"]([T(a), T(b)], {"transposeA": True, "transposeB": True}),
          np.matmul(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2)))
    v = rnd(4)
    check("matmul vec tB ignored", REFERENCES["matmul"]([T(v), T(b[0])], {"transposeA": True, "transposeB": True}),
          np.matmul(v, b[0].T))


if __name__ == "__main__":
    test_pools()
    test_conv()
    test_misc()
    print("selftest: " + ("all passed" if not FAILS else f"{len(FAILS)} FAILED: {FAILS}"))
    sys.exit(1 if FAILS else 0)
