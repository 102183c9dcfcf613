#!/usr/bin/python3
"""Float64 golden generator for libml's conformance suite.

Reads the manifest written by the TypeScript exporter, evaluates every case
with the PyTorch float64 references in ``reference.py`` and writes one
``<op>.json`` per op plus the TS index ``src/generated/goldens.ts``.

    /usr/bin/python3 conformance/generator/generate.py [--manifest PATH] [--out DIR]
                                                        [--ts PATH] [--check] [--only OP,...]

Run it with Debian's /usr/bin/python3 (torch 1.13 + numpy); see README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
import traceback
import zlib
from typing import Any, Dict, List, Optional, Sequence, Tuple

try:
    import numpy as np
    import torch
except ImportError:  # e.g. a pyenv `python3` without torch: re-run under Debian's Python
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])
    raise

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from reference import CHECK_GROUPS, FLOAT32_ROUNDED_OUTPUT, REFERENCES  # noqa: E402

CONFORMANCE = os.path.dirname(HERE)
DEFAULT_MANIFEST = os.path.join(CONFORMANCE, "goldens", "manifest.json")
DEFAULT_OUT = os.path.join(CONFORMANCE, "goldens")
DEFAULT_TS = os.path.join(CONFORMANCE, "src", "generated", "goldens.ts")
GENERATOR_TAG = f"conformance/generator/generate.py (torch {torch.__version__}, float64)"

torch.set_default_dtype(torch.float64)

# --------------------------------------------------------------------------
# decoding / encoding
# --------------------------------------------------------------------------

_SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "+Infinity": math.inf}
_warned_null = False


def _num(v: Any) -> float:
    global _warned_null
    if isinstance(v, str):
        if v in _SPECIAL:
            return _SPECIAL[v]
        return float(v)
    if v is None:  # JSON.stringify(NaN) === 'null'
        if not _warned_null:
            print("warning: null in float data, read as NaN", file=sys.stderr)
            _warned_null = True
        return math.nan
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    return float(v)


def decode_tensor(spec: Dict[str, Any], default_dtype: str = "float32") -> Tuple[torch.Tensor, str]:
    dtype = spec.get("dtype") or default_dtype
    shape = [int(s) for s in spec.get("shape", [])]
    data = spec.get("data", [])
    n = 1
    for s in shape:
        n *= s
    if len(data) != n:
        raise ValueError(f"data has {len(data)} values, shape {shape} needs {n}")
    if dtype == "bool":
        t = torch.tensor([bool(_num(v)) for v in data], dtype=torch.bool)
    elif dtype == "int32":
        vals = []
        for v in data:
            f = _num(v)
            if f != int(f):
                raise ValueError(f"non-integer {v!r} in int32 data")
            vals.append(int(f))
        t = torch.tensor(vals, dtype=torch.int64)
    elif dtype in ("float32", "float64"):
        t = torch.tensor([_num(v) for v in data], dtype=torch.float64)
    else:
        raise ValueError(f"unsupported dtype {dtype!r}")
    return t.reshape(shape), dtype


def _enc_float(v: float) -> Any:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float(v)


def encode_data(t: torch.Tensor) -> List[Any]:
    flat = t.detach().reshape(-1)
    if t.dtype == torch.bool:
        return [bool(v) for v in flat.tolist()]
    if not t.dtype.is_floating_point:
        return [int(v) for v in flat.tolist()]
    return [_enc_float(v) for v in flat.to(torch.float64).tolist()]


def encode_tensor(t: torch.Tensor, dtype: Optional[str] = None) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    if dtype is not None:
        out["dtype"] = dtype
    out["shape"] = list(t.shape)
    out["data"] = encode_data(t)
    return out


def output_dtype(op: str, attrs: Dict[str, Any], in_dtypes: Sequence[str], t: torch.Tensor) -> str:
    if t.dtype == torch.bool:
        return "bool"
    if not t.dtype.is_floating_point:
        return "int32"
    if op == "cast":
        return str(attrs.get("dtype") or "float32")
    if any(d == "float64" for d in in_dtypes):
        return "float64"
    return "float32"


# --------------------------------------------------------------------------
# evaluation
# --------------------------------------------------------------------------


def _as_list(r: Any) -> List[torch.Tensor]:
    if isinstance(r, (list, tuple)):
        return list(r)
    return [r]


def _make_inputs(case: Dict[str, Any], overrides: Optional[Dict[int, torch.Tensor]] = None, grad: bool = True):
    diff = [int(i) for i in case.get("diff") or []]
    tensors, dtypes = [], []
    for i, spec in enumerate(case["inputs"]):
        t, dt = decode_tensor(spec)
        if overrides is not None and i in overrides:
            t = overrides[i]
        if i in diff:
            if not t.dtype.is_floating_point:
                raise ValueError(f"diff input {i} is not a float tensor ({dt})")
            t = t.detach().clone().requires_grad_(grad)
        tensors.append(t)
        dtypes.append(dt)
    return tensors, dtypes, diff


def _objective(outputs: List[torch.Tensor], cots: List[Optional[torch.Tensor]]) -> Optional[torch.Tensor]:
    s = None
    for y, c in zip(outputs, cots):
        if c is None or not y.dtype.is_floating_point or not y.requires_grad:
            continue
        term = (y * c).sum()
        s = term if s is None else s + term
    return s


def _grads(s: Optional[torch.Tensor], wrt: List[torch.Tensor], create_graph: bool) -> List[torch.Tensor]:
    if s is None or not s.requires_grad:
        return [torch.zeros_like(x) for x in wrt]
    g = torch.autograd.grad(s, wrt, create_graph=create_graph, allow_unused=True)
    # None (unused) and torch's storage-less "ZeroTensor" (e.g. abs'' = sgn') -> real zeros
    return [torch.zeros_like(x).detach() if gi is None or _is_zero_tensor(gi) else gi for x, gi in zip(wrt, g)]


def _is_zero_tensor(t: torch.Tensor) -> bool:
    f = getattr(t, "_is_zerotensor", None)
    return bool(f()) if f is not None else False


def _cotangents(case: Dict[str, Any], n_out: int) -> Optional[List[Optional[torch.Tensor]]]:
    specs = case.get("cotangents") or []
    if not specs:
        return None
    if len(specs) != n_out:
        raise ValueError(f"{len(specs)} cotangents for {n_out} outputs")
    return [None if s is None else decode_tensor(s)[0] for s in specs]


def _second_cotangents(case: Dict[str, Any], diff: List[int]) -> Optional[List[torch.Tensor]]:
    specs = case.get("secondCotangents") or []
    if not specs:
        return None
    if len(specs) != len(diff):
        raise ValueError(f"{len(specs)} secondCotangents for {len(diff)} diff inputs")
    return [decode_tensor(s)[0] for s in specs]


def evaluate(op: str, case: Dict[str, Any]) -> Dict[str, Any]:
    attrs = case.get("attrs") or {}
    fn = REFERENCES[op]
    inputs, dtypes, diff = _make_inputs(case)
    outputs = _as_list(fn(inputs, attrs))
    encoded = []
    for y in outputs:
        v = y.detach()
        if v.dtype.is_floating_point and FLOAT32_ROUNDED_OUTPUT(op, attrs):
            v = v.to(torch.float32).to(torch.float64)
        elif v.dtype != torch.bool and not v.dtype.is_floating_point:
            v = torch.remainder(v.to(torch.int64), 2 ** 32)  # int32 wrap-around
            v = torch.where(v >= 2 ** 31, v - 2 ** 32, v)
        encoded.append(encode_tensor(v, output_dtype(op, attrs, dtypes, y)))
    result: Dict[str, Any] = {"outputs": encoded}
    if "checksum" in case:
        result["checksum"] = case["checksum"]  # lets the runner detect goldens older than their inputs
    cots = _cotangents(case, len(outputs))
    if cots is None or not diff:
        return result
    for y, c in zip(outputs, cots):
        if c is not None and y.dtype.is_floating_point and list(c.shape) != list(y.shape):
            raise ValueError(f"cotangent shape {list(c.shape)} != output shape {list(y.shape)}")
    wrt = [inputs[i] for i in diff]
    vjp = _grads(_objective(outputs, cots), wrt, create_graph=True)
    result["vjp"] = [encode_tensor(g.detach() + 0.0) for g in vjp]  # + 0.0: -0 -> 0
    sc = _second_cotangents(case, diff)
    if sc is not None:
        s2 = None
        for g, c in zip(vjp, sc):
            if list(c.shape) != list(g.shape):
                raise ValueError(f"secondCotangent shape {list(c.shape)} != input shape {list(g.shape)}")
            if g.requires_grad:
                term = (g * c).sum()
                s2 = term if s2 is None else s2 + term
        second = _grads(s2, wrt, create_graph=False)
        result["secondOrder"] = [encode_tensor(g.detach() + 0.0) for g in second]
    return result


# --------------------------------------------------------------------------
# self-check: central differences
# --------------------------------------------------------------------------


def check_case(op: str, case: Dict[str, Any], h: float = 1e-6, rtol: float = 1e-5) -> Tuple[List[str], str]:
    """Returns (problems, note); problems is empty when the case agrees.

    note is "" for a full check, "partial" when some outputs/inputs are
    non-finite (those output elements are dropped from the objective, those
    input elements are not perturbed, second order is not checked), and
    "skipped" when even that leaves a non-finite directional derivative.
    """
    problems: List[str] = []
    diff = [int(i) for i in case.get("diff") or []]
    if not diff or not case.get("cotangents"):
        return problems, ""
    seed = zlib.crc32(f"{op}/{case['name']}".encode())
    rng = np.random.default_rng(seed)
    base = {i: decode_tensor(case["inputs"][i])[0] for i in diff}
    attrs = case.get("attrs") or {}

    # analytic first and second order at x (the same code path as the goldens)
    inputs, _, _ = _make_inputs(case)
    outputs = _as_list(REFERENCES[op](inputs, attrs))
    cots = _cotangents(case, len(outputs))
    wrt = [inputs[i] for i in diff]
    vjp = _grads(_objective(outputs, cots), wrt, create_graph=True)

    out_masks = [torch.isfinite(y.detach()) if y.dtype.is_floating_point else None for y in outputs]
    in_masks = {i: torch.isfinite(base[i]) for i in diff}
    finite = all(m is None or bool(m.all()) for m in out_masks) and all(bool(m.all()) for m in in_masks.values())

    def masked_objective(outs, sel):
        s = None
        for k, (y, c) in enumerate(zip(outs, cots)):
            if c is None or (sel is not None and k not in sel) or not y.dtype.is_floating_point or not y.requires_grad:
                continue
            m = out_masks[k]
            cm = torch.where(m, c, torch.zeros_like(c))
            term = torch.where(m, y * cm, torch.zeros_like(y)).sum()
            s = term if s is None else s + term
        return s

    sc = _second_cotangents(case, diff)
    second = None
    if finite and sc is not None:
        s2 = None
        for g, c in zip(vjp, sc):
            if g.requires_grad:
                term = (g * c).sum()
                s2 = term if s2 is None else s2 + term
        second = _grads(s2, wrt, create_graph=False)

    def vjp_at(over, out_sel):
        ins, _, _ = _make_inputs(case, over)
        outs = _as_list(REFERENCES[op](ins, attrs))
        s_sel = masked_objective(outs, out_sel)
        val = 0.0 if s_sel is None else float(s_sel.detach())
        gs = _grads(_objective(outs, cots), [ins[i] for i in diff], create_graph=False) if second is not None else None
        return val, gs

    def close(a: float, b: float, scale: float) -> bool:
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return abs(a - b) <= rtol * max(abs(a), abs(b)) + 1e-9 * max(1.0, scale)

    def dot(g, d):
        return float(torch.where(d != 0, g.detach() * d, torch.zeros_like(d)).sum())

    hook = CHECK_GROUPS.get(op)
    groups = (hook(attrs) if hook else None) or [(diff, None)]
    note = "" if finite else "partial"
    for gi, (g_inputs, out_sel) in enumerate(groups):
        g_inputs = [i for i in g_inputs if i in diff]
        if not g_inputs:
            continue
        tag = "" if len(groups) == 1 else f" group{gi}{g_inputs}"
        if finite:
            grad_an = vjp
        else:  # gradient of the masked objective, for the finite part only
            ins_m, _, _ = _make_inputs(case)
            outs_m = _as_list(REFERENCES[op](ins_m, attrs))
            grad_an = _grads(masked_objective(outs_m, None), [ins_m[i] for i in diff], create_graph=False)
        for trial in range(2):
            dirs = {}
            for i in diff:
                dd = torch.tensor(rng.standard_normal(tuple(base[i].shape)), dtype=torch.float64).reshape(base[i].shape)
                dd = torch.where(in_masks[i], dd, torch.zeros_like(dd))
                dirs[i] = dd if i in g_inputs else torch.zeros_like(dd)
            plus = {i: base[i] + h * dirs[i] for i in diff}
            minus = {i: base[i] - h * dirs[i] for i in diff}
            fp, gp = vjp_at(plus, out_sel)
            fm, gm = vjp_at(minus, out_sel)
            fd = (fp - fm) / (2 * h)
            an = sum(dot(g, dirs[i]) for g, i in zip(grad_an, diff))
            if not finite and not (math.isfinite(an) and math.isfinite(fd)):
                return [], "skipped"
            if not close(fd, an, max(abs(fp), abs(fm))):
                problems.append(f"vjp{tag} dir{trial}: analytic {an:.12g} vs central difference {fd:.12g}")
            if second is not None and gp is not None:
                gp_s = sum(float((g * c).sum()) for g, c in zip(gp, sc))
                gm_s = sum(float((g * c).sum()) for g, c in zip(gm, sc))
                fd2 = (gp_s - gm_s) / (2 * h)
                an2 = sum(dot(g, dirs[i]) for g, i in zip(second, diff))
                if not close(fd2, an2, max(abs(gp_s), abs(gm_s))):
                    problems.append(f"secondOrder{tag} dir{trial}: analytic {an2:.12g} vs central difference {fd2:.12g}")
    return problems, note


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


def _dumps(v: Any) -> str:
    return json.dumps(v, separators=(",", ":"), sort_keys=True, allow_nan=False)


def write_op_file(path: str, op: str, cases: Dict[str, Dict[str, Any]]) -> int:
    lines = [f'{{"op":{_dumps(op)},"generator":{_dumps(GENERATOR_TAG)},"cases":{{']
    names = sorted(cases)
    for k, name in enumerate(names):
        sep = "," if k + 1 < len(names) else ""
        lines.append(f"{_dumps(name)}:{_dumps(cases[name])}{sep}")
    lines.append("}}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # sanity
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return len(text)


def _natural_key(name: str):
    """Biome's organizeImports order: case-insensitive, digit runs numeric."""
    parts = re.split(r"(\d+)", name.lower())
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != ""], name


def write_ts_index(ts_path: str, out_dir: str, ops: Sequence[str]) -> None:
    ts_dir = os.path.dirname(os.path.abspath(ts_path))
    os.makedirs(ts_dir, exist_ok=True)
    lines = ["// Generated by conformance/generator/generate.py. Do not edit.", ""]
    keys = []
    for op in sorted(ops, key=_natural_key):
        rel = os.path.relpath(os.path.join(os.path.abspath(out_dir), f"{op}.json"), ts_dir).replace(os.sep, "/")
        if not rel.startswith("."):
            rel = "./" + rel
        ident = "g_" + re.sub(r"[^A-Za-z0-9_$]", "_", op)
        lines.append(f"import {ident} from '{rel}';")
        key = op if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", op) else json.dumps(op)
        keys.append(f"{key}: {ident}")
    lines.append("")
    lines.append("export const goldens: Record<string, unknown> = {")
    lines += [f"  {k}," for k in keys]
    lines.append("};")
    with open(ts_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", default=DEFAULT_MANIFEST, help="manifest JSON (default: conformance/goldens/manifest.json)")
    ap.add_argument("--out", default=None, help="output directory for <op>.json (default: conformance/goldens)")
    ap.add_argument("--ts", default=None,
                    help="TS index path (default: conformance/src/generated/goldens.ts with the default --out, "
                         "else <out>/goldens.ts)")
    ap.add_argument("--check", action="store_true",
                    help="also compare every vjp/secondOrder with float64 central differences")
    ap.add_argument("--only", default=None, help="comma-separated op names to process")
    args = ap.parse_args(argv)

    out_dir = args.out or DEFAULT_OUT
    ts_path = args.ts or (DEFAULT_TS if args.out is None else os.path.join(out_dir, "goldens.ts"))
    if not os.path.exists(args.manifest):
        print(f"error: manifest {args.manifest} not found (run the TS exporter first, "
              f"or pass --manifest conformance/generator/test_manifest.json --out /tmp/goldens)", file=sys.stderr)
        return 2
    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("version", 1) != 1:
        print(f"warning: manifest version {manifest.get('version')} (expected 1)", file=sys.stderr)

    only = set(args.only.split(",")) if args.only else None
    by_op: Dict[str, List[Dict[str, Any]]] = {}
    for case in manifest["cases"]:
        if only is None or case["op"] in only:
            by_op.setdefault(case["op"], []).append(case)

    os.makedirs(out_dir, exist_ok=True)
    errors: List[str] = []
    check_failures: List[str] = []
    notes: List[str] = []
    written: List[str] = []
    t0 = time.time()
    print(f"{'op':<22}{'cases':>6}{'grad':>6}{'2nd':>6}{'errors':>7}{'check':>14}{'bytes':>10}")
    for op in sorted(by_op):
        cases = by_op[op]
        results: Dict[str, Dict[str, Any]] = {}
        n_err = n_grad = n_second = 0
        n_chk = n_chk_bad = n_kink = 0
        if op not in REFERENCES:
            errors.append(f"{op}: no reference implementation")
            print(f"{op:<22}{len(cases):>6}{'-':>6}{'-':>6}{len(cases):>7}{'':>14}{'-':>10}  (unknown op)")
            continue
        for case in cases:
            name = case.get("name")
            label = f"{op}/{name}"
            if name in results:
                errors.append(f"{label}: duplicate case name")
                n_err += 1
                continue
            try:
                res = evaluate(op, case)
            except Exception as e:  # noqa: BLE001
                errors.append(f"{label}: {type(e).__name__}: {e}")
                if os.environ.get("GOLDENS_TRACEBACK"):
                    traceback.print_exc()
                n_err += 1
                continue
            results[name] = res
            n_grad += "vjp" in res
            n_second += "secondOrder" in res
            if args.check and "vjp" in res:
                if (case.get("attrs") or {}).get("kink"):
                    n_kink += 1
                    continue
                n_chk += 1
                try:
                    probs, note = check_case(op, case)
                except Exception as e:  # noqa: BLE001
                    probs, note = [f"check raised {type(e).__name__}: {e}"], ""
                if note:
                    notes.append(f"{label}: {note} (non-finite values)")
                if probs:
                    n_chk_bad += 1
                    check_failures += [f"{label}: {p}" for p in probs]
        size = write_op_file(os.path.join(out_dir, f"{op}.json"), op, results) if results else 0
        if results:
            written.append(op)
        chk = ""
        if args.check:
            chk = f"{n_chk - n_chk_bad}/{n_chk} ok" + (f" +{n_kink}k" if n_kink else "")
        print(f"{op:<22}{len(cases):>6}{n_grad:>6}{n_second:>6}{n_err:>7}{chk:>14}{size:>10}")

    if written:
        # The index lists every op of the manifest that has a golden file, not only those just written
        # (--only regenerates some ops and keeps the others).
        indexed = sorted({c["op"] for c in manifest["cases"]
                          if os.path.exists(os.path.join(out_dir, f"{c['op']}.json"))})
        write_ts_index(ts_path, out_dir, indexed)
    total = sum(len(v) for v in by_op.values())
    print(f"\n{len(written)} op files, {total} cases -> {out_dir}; index -> {ts_path} ({time.time() - t0:.1f}s)")
    if args.check:
        print("check: " + ("all vjp/secondOrder agree with central differences"
                           if not check_failures else f"{len(check_failures)} disagreements"))
        for p in notes:
            print("  note  " + p)
        for p in check_failures:
            print("  CHECK " + p)
    for e in errors:
        print("  ERROR " + e, file=sys.stderr)
    return 1 if errors or check_failures else 0


if __name__ == "__main__":
    sys.exit(main())
