"""Float64 reference implementations of libml's ops, written against PyTorch.

Every op has one function ``ref_<op>(inputs, attrs)`` registered in ``REFERENCES``.

* ``inputs`` is a list of torch tensors: float inputs are float64 (the ones the
  driver differentiates have ``requires_grad=True``), int32 inputs are int64,
  bool inputs are bool.
* ``attrs`` is the case's attribute dict (camelCase keys exactly as in libml).
  Missing or ``null`` attributes take libml's defaults.  Unknown keys (e.g.
  ``"kink": true``) are ignored.
* The return value is one tensor or a list of tensors (multi-output ops).

Everything is built from differentiable torch primitives so that the driver
can take first AND second derivatives with ``torch.autograd``.  Where libml's
gradient convention differs from, or is not guaranteed by, a torch kernel
(first-occurrence max pooling, argmax, products with zeros, ...) the op is
written out by hand; the comments say why.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, List, Sequence, Tuple, Union

import torch
import torch.nn.functional as F

Tensor = torch.Tensor
Result = Union[Tensor, List[Tensor]]

REFERENCES: Dict[str, Callable[[List[Tensor], Dict[str, Any]], Result]] = {}


def register(name: str):
    def deco(fn):
        REFERENCES[name] = fn
        return fn

    return deco


# --------------------------------------------------------------------------
# attribute helpers
# --------------------------------------------------------------------------


def _get(attrs: Dict[str, Any], key: str, default: Any = None) -> Any:
    v = attrs.get(key)
    return default if v is None else v


def _axis(axis: int, ndim: int) -> int:
    a = int(axis)
    if a < 0:
        a += ndim
    if not 0 <= a < max(ndim, 1):
        raise ValueError(f"axis {axis} out of range for rank {ndim}")
    return a


def _axes(attrs: Dict[str, Any], ndim: int, key: str = "axes") -> List[int]:
    """Normalised, sorted, de-duplicated axes; absent/null means all axes."""
    ax = attrs.get(key)
    if ax is None:
        return list(range(ndim))
    if isinstance(ax, (int, float)):
        ax = [ax]
    return sorted({_axis(a, ndim) for a in ax})


def _pair(v: Any, name: str = "value") -> Tuple[int, int]:
    if isinstance(v, (int, float)):
        return int(v), int(v)
    v = list(v)
    if len(v) == 1:
        return int(v[0]), int(v[0])
    if len(v) != 2:
        raise ValueError(f"{name} must be an int or a pair, got {v!r}")
    return int(v[0]), int(v[1])


def _is_float(t: Tensor) -> bool:
    return t.dtype.is_floating_point


# --------------------------------------------------------------------------
# unary
# --------------------------------------------------------------------------


def _unary(name: str, fn: Callable[[Tensor], Tensor]):
    REFERENCES[name] = lambda inputs, attrs: fn(inputs[0])


_unary("abs", torch.abs)  # torch: abs'(0) = sgn(0) = 0
_unary("exp", torch.exp)
_unary("log", torch.log)
_unary("sqrt", torch.sqrt)
_unary("sin", torch.sin)
_unary("cos", torch.cos)
_unary("tanh", torch.tanh)
_unary("erf", torch.erf)
_unary("neg", torch.neg)
_unary("square", lambda x: x * x)
_unary("relu", torch.relu)  # torch: relu'(0) = 0
_unary("sigmoid", torch.sigmoid)


@register("leakyRelu")
def ref_leakyRelu(inputs, attrs):
    # torch's leaky_relu backward uses `x > 0 ? 1 : alpha`, i.e. alpha at 0.
    return F.leaky_relu(inputs[0], float(_get(attrs, "alpha", 0.01)))


@register("elu")
def ref_elu(inputs, attrs):
    return F.elu(inputs[0], alpha=float(_get(attrs, "alpha", 1.0)))


@register("gelu")
def ref_gelu(inputs, attrs):
    approx = _get(attrs, "approximate", "none")
    if approx is False:
        approx = "none"
    elif approx is True:
        approx = "tanh"
    return F.gelu(inputs[0], approximate=str(approx))


# --------------------------------------------------------------------------
# binary (NumPy broadcasting; torch reduces broadcast gradients itself)
# --------------------------------------------------------------------------

REFERENCES["add"] = lambda inputs, attrs: inputs[0] + inputs[1]
REFERENCES["sub"] = lambda inputs, attrs: inputs[0] - inputs[1]
REFERENCES["mul"] = lambda inputs, attrs: inputs[0] * inputs[1]
REFERENCES["div"] = lambda inputs, attrs: inputs[0] / inputs[1]


@register("pow")
def ref_pow(inputs, attrs):
    # torch.pow backward: d/da = b * a^(b-1) (masked to 0 where b == 0),
    # d/db = y * log(a) masked to 0 where a == 0 and b >= 0 -- libml's rule.
    return torch.pow(inputs[0], inputs[1])


@register("maximum")
def ref_maximum(inputs, attrs):
    # torch 1.13 splits the gradient 0.5/0.5 on ties (verified in README).
    return torch.maximum(inputs[0], inputs[1])


@register("minimum")
def ref_minimum(inputs, attrs):
    return torch.minimum(inputs[0], inputs[1])


# --------------------------------------------------------------------------
# comparisons / logical / where
# --------------------------------------------------------------------------

REFERENCES["equal"] = lambda inputs, attrs: torch.eq(inputs[0], inputs[1])
REFERENCES["notEqual"] = lambda inputs, attrs: torch.ne(inputs[0], inputs[1])
REFERENCES["less"] = lambda inputs, attrs: torch.lt(inputs[0], inputs[1])
REFERENCES["lessEqual"] = lambda inputs, attrs: torch.le(inputs[0], inputs[1])
REFERENCES["greater"] = lambda inputs, attrs: torch.gt(inputs[0], inputs[1])
REFERENCES["greaterEqual"] = lambda inputs, attrs: torch.ge(inputs[0], inputs[1])
REFERENCES["logicalNot"] = lambda inputs, attrs: torch.logical_not(inputs[0].bool())
REFERENCES["logicalAnd"] = lambda inputs, attrs: torch.logical_and(inputs[0].bool(), inputs[1].bool())
REFERENCES["logicalOr"] = lambda inputs, attrs: torch.logical_or(inputs[0].bool(), inputs[1].bool())


@register("where")
def ref_where(inputs, attrs):
    cond, a, b = inputs
    return torch.where(cond.bool(), a, b)


@register("clip")
def ref_clip(inputs, attrs):
    # y1 = where(x < min, min, x); y = where(y1 > max, max, y1).
    # Gradient is 1 at x == min / x == max (torch.clamp convention); NaN passes.
    x = inputs[0]
    # libml stores the bounds in the tensor's dtype (float32), so round them as it does.
    f32 = lambda v: None if v is None else float(torch.tensor(float(v), dtype=torch.float32))  # noqa: E731
    lo = f32(attrs.get("min"))
    hi = f32(attrs.get("max"))
    y = x
    if lo is not None:
        y = torch.where(y < float(lo), torch.full_like(y, float(lo)), y)
    if hi is not None:
        y = torch.where(y > float(hi), torch.full_like(y, float(hi)), y)
    if lo is None and hi is None:
        y = x * 1.0
    return y


def _to_int32(x: Tensor) -> Tensor:
    """JS ToInt32 semantics (what an Int32Array store does): truncate toward
    zero, wrap modulo 2^32; NaN and +-Infinity become 0."""
    if x.dtype == torch.bool:
        return x.to(torch.int64)
    if not _is_float(x):
        v = x.to(torch.int64)
    else:
        xd = x.detach()
        finite = torch.isfinite(xd)
        t = torch.trunc(torch.where(finite, xd, torch.zeros_like(xd)))
        # exact modular reduction in float64 (values up to 2^53 are exact)
        t = torch.fmod(t, 4294967296.0)
        v = t.to(torch.int64)
    v = torch.remainder(v, 4294967296)
    return torch.where(v >= 2147483648, v - 4294967296, v)


@register("cast")
def ref_cast(inputs, attrs):
    x = inputs[0]
    dt = str(_get(attrs, "dtype", "float32"))
    if dt == "bool":
        return x != 0
    if dt == "int32":
        return _to_int32(x)
    if dt in ("float32", "float64"):
        if x.dtype == torch.bool or not _is_float(x):
            y = x.to(torch.float64)
        else:
            y = x * 1.0  # keep the graph: cast is the identity for gradients
        if dt == "float32":
            # the value of a float32 result is float32-rounded; gradient stays 1
            # The float32 rounding of the VALUE is applied by generate.py when
            # it encodes the output (see FLOAT32_ROUNDED_OUTPUT); keeping it out
            # of the graph keeps the function smooth for the central differences.
            pass
        return y
    raise ValueError(f"cast: unknown dtype {dt!r}")


# --------------------------------------------------------------------------
# reductions
# --------------------------------------------------------------------------


def _reduce_prep(x: Tensor, attrs: Dict[str, Any]):
    axes = _axes(attrs, x.dim())
    keep = bool(_get(attrs, "keepDims", False))
    kept_shape = [1 if i in axes else s for i, s in enumerate(x.shape)]
    out_shape = kept_shape if keep else [s for i, s in enumerate(x.shape) if i not in axes]
    return axes, keep, out_shape


@register("sum")
def ref_sum(inputs, attrs):
    x = inputs[0]
    axes, keep, out_shape = _reduce_prep(x, attrs)
    if not axes:  # [] (or rank 0) -> identity; torch.sum(dim=()) would reduce all
        return x * 1.0 if _is_float(x) else x.clone()
    return torch.sum(x, dim=axes, keepdim=keep)


@register("reduceMean")
def ref_reduceMean(inputs, attrs):
    x = inputs[0]
    if not x.dtype.is_floating_point:
        x = x.to(torch.float64)  # int/bool means are float (libml gives float32)
    axes, keep, out_shape = _reduce_prep(x, attrs)
    if not axes:
        return x * 1.0
    return torch.mean(x, dim=axes, keepdim=keep)


@register("prod")
def ref_prod(inputs, attrs):
    # Written as an explicit chain of multiplications: torch 1.13's prod
    # backward returns a graph-less zero tensor when a slice holds >= 2 zeros,
    # which makes its second derivative wrong.  A product of muls is exact at
    # every order.
    x = inputs[0]
    axes, keep, out_shape = _reduce_prep(x, attrs)
    if not axes:
        return x * 1
    kept = [i for i in range(x.dim()) if i not in axes]
    n = 1
    for a in axes:
        n *= x.shape[a]
    xt = x.permute(kept + axes).reshape([x.shape[i] for i in kept] + [n])
    if n == 0:
        y = torch.ones([x.shape[i] for i in kept], dtype=x.dtype) + 0 * xt.sum(-1)
    else:
        y = xt[..., 0]
        for i in range(1, n):
            y = y * xt[..., i]
    return y.reshape(out_shape)


def _extremum(inputs, attrs, largest: bool):
    # torch.amax/amin: NaN propagates; the gradient is split equally among
    # the tied extremal elements.  (A NaN slice gets NaN gradients, as torch.)
    x = inputs[0]
    axes, keep, out_shape = _reduce_prep(x, attrs)
    if not axes:
        return x * 1.0
    fn = torch.amax if largest else torch.amin
    return fn(x, dim=axes, keepdim=keep)


REFERENCES["max"] = lambda inputs, attrs: _extremum(inputs, attrs, True)
REFERENCES["min"] = lambda inputs, attrs: _extremum(inputs, attrs, False)


def _first_true(mask: Tensor, dim: int) -> Tensor:
    n = mask.shape[dim]
    shape = [1] * mask.dim()
    shape[dim] = n
    pos = torch.arange(n, dtype=torch.int64).reshape(shape).expand(mask.shape)
    big = torch.full_like(pos, n)
    return torch.where(mask, pos, big).amin(dim=dim)


def _arg_extremum(x: Tensor, axis: int, largest: bool) -> Tensor:
    """Index of the FIRST extremum; NaN counts as the extremum (NumPy)."""
    x = x.detach()
    if x.dim() == 0:
        return torch.zeros((), dtype=torch.int64)
    d = _axis(axis, x.dim())
    m = (torch.amax if largest else torch.amin)(x, dim=d, keepdim=True)
    if _is_float(x):
        mask = (x == m) | (torch.isnan(x) & torch.isnan(m))
    else:
        mask = x == m
    return _first_true(mask, d)


REFERENCES["argMax"] = lambda inputs, attrs: _arg_extremum(inputs[0], _get(attrs, "axis", -1), True)
REFERENCES["argMin"] = lambda inputs, attrs: _arg_extremum(inputs[0], _get(attrs, "axis", -1), False)


@register("softmax")
def ref_softmax(inputs, attrs):
    x = inputs[0]
    return torch.softmax(x, dim=_axis(_get(attrs, "axis", -1), x.dim()))


@register("logSoftmax")
def ref_logSoftmax(inputs, attrs):
    x = inputs[0]
    return torch.log_softmax(x, dim=_axis(_get(attrs, "axis", -1), x.dim()))


# --------------------------------------------------------------------------
# shape ops
# --------------------------------------------------------------------------


@register("reshape")
def ref_reshape(inputs, attrs):
    return inputs[0].reshape([int(s) for s in attrs["shape"]])


@register("squeeze")
def ref_squeeze(inputs, attrs):
    x = inputs[0]
    if attrs.get("axes") is None:
        axes = [i for i, s in enumerate(x.shape) if s == 1]
    else:
        axes = _axes(attrs, x.dim())
        for a in axes:
            if x.shape[a] != 1:
                raise ValueError(f"squeeze: axis {a} has size {x.shape[a]}")
    return x.reshape([s for i, s in enumerate(x.shape) if i not in axes])


@register("expandDims")
def ref_expandDims(inputs, attrs):
    x = inputs[0]
    a = int(_get(attrs, "axis", 0))
    if a < 0:
        a += x.dim() + 1
    if not 0 <= a <= x.dim():
        raise ValueError(f"expandDims: axis {attrs.get('axis')} out of range")
    return x.unsqueeze(a)


@register("transpose")
def ref_transpose(inputs, attrs):
    x = inputs[0]
    perm = attrs.get("perm")
    if perm is None:
        perm = list(range(x.dim()))[::-1]
    perm = [_axis(p, x.dim()) for p in perm]
    return x.permute(perm)


@register("broadcastTo")
def ref_broadcastTo(inputs, attrs):
    return torch.broadcast_to(inputs[0], [int(s) for s in attrs["shape"]])


@register("slice")
def ref_slice(inputs, attrs):
    x = inputs[0]
    begin = [int(b) for b in attrs["begin"]]
    size = [int(s) for s in attrs.get("size") or [-1] * len(begin)]
    y = x
    for d in range(x.dim()):
        n = x.shape[d]
        b = begin[d] if d < len(begin) else 0
        if b < 0:
            b += n
        s = size[d] if d < len(size) else -1
        if s < 0:
            s = n - b
        if b < 0 or b + s > n:
            raise ValueError(f"slice out of range on axis {d}: begin {b} size {s} dim {n}")
        y = y.narrow(d, b, s)
    return y


@register("pad")
def ref_pad(inputs, attrs):
    x = inputs[0]
    paddings = [[int(p[0]), int(p[1])] for p in attrs["paddings"]]
    value = float(_get(attrs, "value", 0))
    flat: List[int] = []
    for before, after in reversed(paddings):
        flat += [before, after]
    if all(p == 0 for p in flat):
        return x * 1.0
    return F.pad(x, flat, mode="constant", value=value)


@register("concat")
def ref_concat(inputs, attrs):
    ax = _axis(_get(attrs, "axis", 0), inputs[0].dim())
    return torch.cat(list(inputs), dim=ax)


@register("stack")
def ref_stack(inputs, attrs):
    a = int(_get(attrs, "axis", 0))
    nd = inputs[0].dim()
    if a < 0:
        a += nd + 1
    return torch.stack(list(inputs), dim=a)


@register("split")
def ref_split(inputs, attrs):
    x = inputs[0]
    ax = _axis(_get(attrs, "axis", 0), x.dim())
    n = x.shape[ax]
    soc = attrs["sizesOrCount"]
    if isinstance(soc, (int, float)):
        count = int(soc)
        if count <= 0 or n % count != 0:
            raise ValueError(f"split: {n} is not divisible into {count} parts")
        sizes = [n // count] * count
    else:
        sizes = [int(s) for s in soc]
        if sizes.count(-1) > 1:
            raise ValueError("split: at most one size may be -1")
        if -1 in sizes:
            sizes[sizes.index(-1)] = n - (sum(sizes) + 1)
        if sum(sizes) != n or any(s < 0 for s in sizes):
            raise ValueError(f"split: sizes {soc} do not add up to {n}")
    return list(torch.split(x, sizes, dim=ax))


@register("gather")
def ref_gather(inputs, attrs):
    x, idx = inputs
    ax = _axis(_get(attrs, "axis", 0), x.dim())
    n = x.shape[ax]
    flat = idx.reshape(-1).to(torch.int64)
    flat = torch.where(flat < 0, flat + n, flat)
    if flat.numel() and (flat.min() < 0 or flat.max() >= n):
        raise ValueError("gather: index out of range")
    y = torch.index_select(x, ax, flat)
    return y.reshape(list(x.shape[:ax]) + list(idx.shape) + list(x.shape[ax + 1 :]))


@register("oneHot")
def ref_oneHot(inputs, attrs):
    idx = inputs[0].to(torch.int64)
    depth = int(attrs["depth"])
    on = float(_get(attrs, "on", 1))
    off = float(_get(attrs, "off", 0))
    hit = idx.unsqueeze(-1) == torch.arange(depth, dtype=torch.int64)  # out of range -> no hit
    return torch.where(hit, torch.tensor(on, dtype=torch.float64), torch.tensor(off, dtype=torch.float64))


# --------------------------------------------------------------------------
# linear algebra / convolution / pooling
# --------------------------------------------------------------------------


@register("matmul")
def ref_matmul(inputs, attrs):
    a, b = inputs
    if bool(_get(attrs, "transposeA", False)) and a.dim() >= 2:
        a = a.transpose(-1, -2)
    if bool(_get(attrs, "transposeB", False)) and b.dim() >= 2:
        b = b.transpose(-1, -2)
    return torch.matmul(a, b)


def _same_upper(size: int, k: int, s: int, d: int) -> Tuple[int, int]:
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    top = total // 2
    return top, total - top


def _padding2d(padding: Any, in_hw, k_hw, s_hw, d_hw, allow_same=True) -> List[Tuple[int, int]]:
    """-> [(top, bottom), (left, right)]"""
    if padding is None:
        padding = "valid"
    if isinstance(padding, str):
        p = padding.lower()
        if p == "valid":
            return [(0, 0), (0, 0)]
        if p == "same" and allow_same:
            return [_same_upper(in_hw[i], k_hw[i], s_hw[i], d_hw[i]) for i in range(2)]
        raise ValueError(f"unsupported padding {padding!r}")
    if isinstance(padding, (int, float)):
        p = int(padding)
        return [(p, p), (p, p)]
    padding = list(padding)
    if len(padding) == 2 and all(isinstance(p, (int, float)) for p in padding):
        return [(int(padding[0]), int(padding[0])), (int(padding[1]), int(padding[1]))]
    if len(padding) == 2 and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in padding):
        return [(int(padding[0][0]), int(padding[0][1])), (int(padding[1][0]), int(padding[1][1]))]
    raise ValueError(f"unsupported padding {padding!r}")


def _nchw_in(x: Tensor, fmt: str) -> Tensor:
    if fmt == "NCHW":
        return x
    if fmt == "NHWC":
        return x.permute(0, 3, 1, 2)
    raise ValueError(f"unknown dataFormat {fmt!r}")


def _nchw_out(y: Tensor, fmt: str) -> Tensor:
    return y if fmt == "NCHW" else y.permute(0, 2, 3, 1)


def _filter_oihw(w: Tensor, filter_format: str) -> Tensor:
    if filter_format == "OIHW":
        return w
    if filter_format == "HWIO":
        return w.permute(3, 2, 0, 1)
    raise ValueError(f"unknown filterFormat {filter_format!r}")


@register("conv2d")
def ref_conv2d(inputs, attrs):
    x, w = inputs[0], inputs[1]
    bias = inputs[2] if len(inputs) > 2 else None
    fmt = str(_get(attrs, "dataFormat", "NCHW")).upper()
    ffmt = str(_get(attrs, "filterFormat", "OIHW" if fmt == "NCHW" else "HWIO")).upper()
    s = _pair(_get(attrs, "strides", 1), "strides")
    d = _pair(_get(attrs, "dilations", 1), "dilations")
    groups = int(_get(attrs, "groups", 1))
    xn = _nchw_in(x, fmt)
    wo = _filter_oihw(w, ffmt)
    kh, kw = wo.shape[2], wo.shape[3]
    (t, b), (l, r) = _padding2d(attrs.get("padding"), xn.shape[2:], (kh, kw), s, d)
    if any((t, b, l, r)):
        xn = F.pad(xn, (l, r, t, b))
    y = F.conv2d(xn, wo, bias, stride=s, padding=0, dilation=d, groups=groups)
    return _nchw_out(y, fmt)


@register("conv2dTranspose")
def ref_conv2dTranspose(inputs, attrs):
    x, w = inputs[0], inputs[1]
    bias = inputs[2] if len(inputs) > 2 else None
    fmt = str(_get(attrs, "dataFormat", "NCHW")).upper()
    ffmt = str(_get(attrs, "filterFormat", "OIHW" if fmt == "NCHW" else "HWIO")).upper()
    s = _pair(_get(attrs, "strides", 1), "strides")
    d = _pair(_get(attrs, "dilations", 1), "dilations")
    op = _pair(_get(attrs, "outputPadding", 0), "outputPadding")
    groups = int(_get(attrs, "groups", 1))
    xn = _nchw_in(x, fmt)
    wo = _filter_oihw(w, ffmt)  # [Cin, Cout/groups, KH, KW], torch's layout
    kh, kw = wo.shape[2], wo.shape[3]
    (t, b), (l, r) = _padding2d(attrs.get("padding"), xn.shape[2:], (kh, kw), s, d, allow_same=False)
    y = F.conv_transpose2d(xn, wo, bias, stride=s, padding=0, output_padding=op, groups=groups, dilation=d)
    H, W = y.shape[2], y.shape[3]
    y = y[:, :, t : H - b, l : W - r]
    return _nchw_out(y, fmt)


def _pool_geometry(in_size: int, k: int, s: int, d: int, t: int, b: int, ceil: bool) -> Tuple[int, int]:
    """-> (number of windows, padded length needed)"""
    span = in_size + t + b - d * (k - 1) - 1
    if ceil:
        out = -(-span // s) + 1
        if (out - 1) * s >= in_size + t:
            out -= 1
    else:
        out = span // s + 1
    out = max(out, 0)
    needed = (out - 1) * s + d * (k - 1) + 1 if out > 0 else 0
    return out, max(needed, in_size + t + b)


def _windows(xp: Tensor, oh: int, ow: int, k, s, d) -> Tensor:
    """xp: padded [N, C, Hp, Wp] -> windows [N, C, OH, OW, KH*KW] (row-major)."""
    rows = (torch.arange(oh) * s[0]).unsqueeze(1) + torch.arange(k[0]) * d[0]  # [OH, KH]
    cols = (torch.arange(ow) * s[1]).unsqueeze(1) + torch.arange(k[1]) * d[1]  # [OW, KW]
    w = xp[:, :, rows[:, :, None, None], cols[None, None, :, :]]  # [N, C, OH, KH, OW, KW]
    w = w.permute(0, 1, 2, 4, 3, 5)
    return w.reshape(w.shape[0], w.shape[1], oh, ow, k[0] * k[1])


def _pool_setup(x: Tensor, attrs: Dict[str, Any], with_dilation: bool):
    fmt = str(_get(attrs, "dataFormat", "NCHW")).upper()
    xn = _nchw_in(x, fmt)
    k = _pair(attrs["kernelSize"], "kernelSize")
    s = _pair(_get(attrs, "strides", list(k)), "strides")
    d = _pair(_get(attrs, "dilations", 1), "dilations") if with_dilation else (1, 1)
    ceil = bool(_get(attrs, "ceilMode", False))
    H, W = xn.shape[2], xn.shape[3]
    (t, b), (l, r) = _padding2d(attrs.get("padding"), (H, W), k, s, d)
    oh, hp = _pool_geometry(H, k[0], s[0], d[0], t, b, ceil)
    ow, wp = _pool_geometry(W, k[1], s[1], d[1], l, r, ceil)
    return fmt, xn, k, s, d, (t, b, l, r), (oh, ow), (hp, wp)


@register("maxPool2d")
def ref_maxPool2d(inputs, attrs):
    # Hand-written so the gradient goes to the FIRST maximal element of each
    # window in row-major window order (NaN counts as maximal); padding is
    # -inf and never selected unless the whole window is padding.
    x = inputs[0]
    fmt, xn, k, s, d, (t, b, l, r), (oh, ow), (hp, wp) = _pool_setup(x, attrs, True)
    H, W = xn.shape[2], xn.shape[3]
    xp = F.pad(xn, (l, wp - W - l, t, hp - H - t), mode="constant", value=-math.inf)
    win = _windows(xp, oh, ow, k, s, d)
    wd = win.detach()
    m = wd.amax(dim=-1, keepdim=True)
    mask = (wd == m) | (torch.isnan(wd) & torch.isnan(m))
    idx = _first_true(mask, -1).unsqueeze(-1)
    y = torch.gather(win, -1, idx).squeeze(-1)
    return _nchw_out(y, fmt)


@register("avgPool2d")
def ref_avgPool2d(inputs, attrs):
    x = inputs[0]
    fmt, xn, k, s, d, (t, b, l, r), (oh, ow), (hp, wp) = _pool_setup(x, attrs, False)
    include = bool(_get(attrs, "countIncludePad", False))
    H, W = xn.shape[2], xn.shape[3]
    xp = F.pad(xn, (l, wp - W - l, t, hp - H - t), mode="constant", value=0.0)
    win = _windows(xp, oh, ow, k, s, d)
    total = win.sum(dim=-1)

    def sizes(o, kk, ss, pad_before, pad_after, n):
        pool, clipped = [], []
        for i in range(o):
            start = i * ss - pad_before
            end = min(start + kk, n + pad_after)
            pool.append(end - start)
            clipped.append(min(end, n) - max(start, 0))
        return pool, clipped

    ph, ch = sizes(oh, k[0], s[0], t, b, H)
    pw, cw = sizes(ow, k[1], s[1], l, r, W)
    hs, ws = (ph, pw) if include else (ch, cw)
    div = torch.tensor([[float(a * c) for c in ws] for a in hs], dtype=torch.float64)
    return _nchw_out(total / div, fmt)


# --------------------------------------------------------------------------
# normalisation / losses
# --------------------------------------------------------------------------


@register("batchNorm")
def ref_batchNorm(inputs, attrs):
    x, scale, offset, rmean, rvar = inputs
    fmt = str(_get(attrs, "dataFormat", "NCHW")).upper()
    convention = str(_get(attrs, "convention", "pytorch")).lower()
    training = bool(_get(attrs, "training", False))
    momentum = float(_get(attrs, "momentum", 0.9 if convention == "onnx" else 0.1))
    eps = float(_get(attrs, "epsilon", 1e-5))
    ax = _axis(_get(attrs, "axis", 1 if fmt == "NCHW" else -1), x.dim())
    bshape = [1] * x.dim()
    bshape[ax] = x.shape[ax]

    def bc(v):
        return v.reshape(bshape)

    if not training:
        y = (x - bc(rmean)) / torch.sqrt(bc(rvar) + eps) * bc(scale) + bc(offset)
        return y

    red = [i for i in range(x.dim()) if i != ax]
    n = 1
    for i in red:
        n *= x.shape[i]
    mean = x.mean(dim=red, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=red, keepdim=True)  # biased
    y = (x - mean) / torch.sqrt(var + eps) * bc(scale) + bc(offset)
    bmean = mean.reshape(-1)
    bvar = var.reshape(-1)
    dm, dv = bmean.detach(), bvar.detach()
    if convention == "onnx":
        new_mean = momentum * rmean + (1 - momentum) * dm
        new_var = momentum * rvar + (1 - momentum) * dv
    elif convention == "pytorch":
        unbiased = dv * (n / (n - 1)) if n > 1 else dv * math.inf
        new_mean = (1 - momentum) * rmean + momentum * dm
        new_var = (1 - momentum) * rvar + momentum * unbiased
    else:
        raise ValueError(f"batchNorm: unknown convention {convention!r}")
    return [y, bmean, bvar, new_mean, new_var]


def _reduce_loss(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"unknown reduction {reduction!r}")


@register("meanSquaredError")
def ref_meanSquaredError(inputs, attrs):
    pred, target = inputs
    diff = pred - target
    return _reduce_loss(diff * diff, str(_get(attrs, "reduction", "mean")))


@register("softmaxCrossEntropy")
def ref_softmaxCrossEntropy(inputs, attrs):
    logits, labels = inputs
    ax = _axis(_get(attrs, "axis", -1), logits.dim())
    logp = torch.log_softmax(logits, dim=ax)
    if _is_float(labels):
        loss = -(labels * logp).sum(dim=ax)
    else:
        lab = labels.to(torch.int64).unsqueeze(ax)
        loss = -torch.gather(logp, ax, lab).squeeze(ax)
    return _reduce_loss(loss, str(_get(attrs, "reduction", "mean")))


# --------------------------------------------------------------------------
# driver hooks
# --------------------------------------------------------------------------


def FLOAT32_ROUNDED_OUTPUT(op: str, attrs: Dict[str, Any]) -> bool:
    """Ops whose float output VALUE is float32 by definition (not just by dtype
    label): cast to float32 rounds e.g. int 16777217 -> 16777216."""
    return op == "cast" and str(_get(attrs, "dtype", "float32")) == "float32"


def _bn_groups(attrs):
    if not bool(_get(attrs, "training", False)):
        return None
    # the running-stat outputs (3, 4) use detached batch stats: their
    # dependence on x is deliberately not differentiated, so the central
    # difference for x/scale/offset must leave them out.
    return [([0, 1, 2], [0, 1, 2]), ([3, 4], None)]


# op -> attrs -> None or [(inputs to perturb, outputs in the objective or None = all)]
CHECK_GROUPS: Dict[str, Callable[[Dict[str, Any]], Any]] = {"batchNorm": _bn_groups}
