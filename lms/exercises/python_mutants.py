"""Mutants of a reference solution: the plausible wrong answers a learner could write.

An exercise's tests are only as good as the wrong answers they reject. Each mutant changes
the reference solution in one place, the way beginners really go wrong (a boundary, an
off-by-one, a constant that matches the examples, the wrong rounding, a forgotten or
reordered statement, printing instead of returning, sorting the caller's list in place,
the wrong NumPy axis, ties broken the other way). ``courses validate`` runs every mutant
through the sandbox against the exercise's tests (lms/grading/mutation.py); a mutant that
passes them all is a hole in the tests, unless the exercise declares it equivalent.

A small AST mutator of our own rather than mutmut, cosmic-ray or mutatest: those drive a
test runner over a project on disk (rewriting files or ``__pycache__``), while we need the
mutants as source text to hand to the sandbox, and operators written for exercises (NumPy
axis, ``argmax``/``argmin``, return vs print, in-place vs copy) that they do not have.
Pure and deterministic: parsing and ``ast.unparse`` only, nothing is ever run here.
"""

from __future__ import annotations

import ast
import copy
import difflib
import hashlib
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

#: the kinds of mutation, in the order the report lists them
OPERATORS = (
    "comparison",
    "boundary",
    "constant",
    "off-by-one",
    "arithmetic",
    "rounding",
    "boolean",
    "statement",
    "return-print",
    "copy",
    "numpy",
    "order",
)

_BOUNDARY = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
_COMPARISON = {
    ast.Lt: ast.Gt,
    ast.Gt: ast.Lt,
    ast.LtE: ast.GtE,
    ast.GtE: ast.LtE,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_ARITHMETIC: dict[type, tuple[type, ...]] = {
    ast.Add: (ast.Sub,),
    ast.Sub: (ast.Add,),
    ast.Mult: (ast.Div, ast.Add),
    ast.Div: (ast.Mult, ast.FloorDiv),
    ast.FloorDiv: (ast.Div,),
    ast.Mod: (ast.FloorDiv,),
    ast.Pow: (ast.Mult,),
}
_SWAPPED_NAMES = {
    "max": "min",
    "min": "max",
    "argmax": "argmin",
    "argmin": "argmax",
    "nanargmax": "nanargmin",
    "nanargmin": "nanargmax",
    "idxmax": "idxmin",
    "idxmin": "idxmax",
    "floor": "ceil",
    "ceil": "floor",
    "any": "all",
    "all": "any",
}
_COPIES = {"copy", "deepcopy"}
_COPY_CALLS = {"list", "dict", "set", "sorted"}
#: the lines of the solution being mutated, for descriptions
_SOURCE_LINES: ContextVar[tuple[str, ...]] = ContextVar("source_lines", default=())
_FORMAT_PRECISION = re.compile(r"\.(\d+)([fe%])")


@dataclass(frozen=True)
class Mutant:
    """One changed version of the reference solution."""

    id: str  #: short hash of the mutant's code, stable while the solution's code is unchanged
    operator: str  #: one of OPERATORS
    description: str  #: what changed, e.g. "line 3: < → <="
    line: int  #: line of the change in the reference solution
    source: str  #: the mutant's full code

    def diff(self, original: str) -> str:
        """A unified diff from the (normalised) reference solution to this mutant."""
        before = ast.unparse(ast.parse(original)).splitlines(keepends=True)
        after = self.source.splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, "solution.py", "mutant.py", n=1)).rstrip("\n")


def mutant_id(source: str) -> str:
    """The id a mutant of this code gets: what an exercise names to declare it equivalent."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:10]


def generate_mutants(
    source: str, *, outputs_compared: bool = True, used: frozenset[str] = frozenset()
) -> list[Mutant]:
    """Every distinct single-change mutant of ``source`` (which must parse).

    ``outputs_compared`` False (no test compares standard output) leaves alone the module-level
    demo no test can see: bare ``print(...)`` calls, the ``__main__`` block, and the data
    they alone use (assignments of names no function reads, nor any name in ``used``: the
    names the tests' calls and setups mention).
    """
    tree = ast.parse(source)
    original = ast.unparse(tree)
    _SOURCE_LINES.set(tuple(source.splitlines()))
    skipped = set() if outputs_compared else _demo_nodes(tree, used)
    count = sum(1 for _ in _sites(tree, skipped))
    seen = {original}
    mutants = []
    for index in range(count):
        fresh = ast.parse(source)
        site = next(
            s
            for i, s in enumerate(_sites(fresh, _demo_nodes(fresh, used) if skipped else set()))
            if i == index
        )
        operator, description, line, apply = site
        try:
            apply()
            ast.fix_missing_locations(fresh)
            text = ast.unparse(fresh)
            compile(text, "<mutant>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, TypeError, AttributeError, RecursionError):
            continue
        if text in seen:
            continue
        seen.add(text)
        mutants.append(Mutant(mutant_id(text), operator, f"line {line}: {description}", line, text))
    return mutants


# --- where mutations apply ------------------------------------------------------------------

Site = tuple[str, str, int, Callable[[], None]]


def _demo_nodes(tree: ast.Module, used: frozenset[str]) -> set[int]:
    """Module-level code no test can observe when no output is compared: bare expressions
    (``print(...)``), the ``__main__`` block, and assignments of names that neither a function
    nor a test reads (the data of a demo)."""
    read_inside: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            read_inside |= _free_names(stmt)
    found: set[int] = set()
    for stmt in tree.body:
        demo = isinstance(stmt, ast.Expr) or (isinstance(stmt, ast.If) and _is_main_guard(stmt.test))
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            demo = bool(names) and not names & (read_inside | used)
        if demo:
            found.update(id(node) for node in ast.walk(stmt))
    return found


def _free_names(definition: ast.stmt) -> set[str]:
    """Names a function or class reads from the module (its parameters and locals left out)."""
    local: set[str] = set()
    loaded: set[str] = set()
    for node in ast.walk(definition):
        if isinstance(node, ast.arg):
            local.add(node.arg)
        elif isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else local).add(node.id)
        elif isinstance(node, ast.Global):
            loaded.update(node.names)
    return loaded - local


def names_used(*sources: str | None) -> frozenset[str]:
    """The names a test's call and setup use (Python source; what does not parse counts for nothing)."""
    found: set[str] = set()
    for source in sources:
        if not source:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        found.update(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))
    return frozenset(found)


def _is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def _sites(tree: ast.Module, skipped: set[int]) -> Iterator[Site]:
    """Every possible single mutation, in a deterministic order (the AST's walk order)."""
    pure = _pure_functions(tree)
    defined = {s.name for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    purity = (pure, frozenset(defined) - pure)
    docstrings = _docstrings(tree)
    for parent in ast.walk(tree):
        if id(parent) in skipped:
            continue
        for field, value in ast.iter_fields(parent):
            if isinstance(value, list):
                if value and all(isinstance(v, ast.stmt) for v in value):
                    yield from _statement_sites(value, skipped, docstrings, purity)
                for index, child in enumerate(value):
                    if isinstance(child, ast.AST) and id(child) not in skipped:
                        yield from _node_sites(parent, field, index, child, docstrings)
            elif isinstance(value, ast.AST) and id(value) not in skipped:
                yield from _node_sites(parent, field, None, value, docstrings)


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first))
                found.add(id(first.value))
    return found


def _replace(parent: ast.AST, field: str, index: int | None, new: ast.AST) -> Callable[[], None]:
    def apply() -> None:
        if index is None:
            setattr(parent, field, new)
        else:
            getattr(parent, field)[index] = new

    return apply


def _line(node: ast.AST) -> int:
    return getattr(node, "lineno", 0)


def _node_sites(
    parent: ast.AST, field: str, index: int | None, node: ast.AST, docstrings: set[int]
) -> Iterator[Site]:
    line = _line(node) or _line(parent)
    if isinstance(node, ast.Compare):
        yield from _compare_sites(node, line)
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        for new in _ARITHMETIC.get(type(node.op), ()):
            yield "arithmetic", f"{_op(node.op)} → {_op(new())}", line, _set(node, "op", new())
    elif isinstance(node, ast.BoolOp):
        new = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield "boolean", f"{_op(node.op)} → {_op(new)}", line, _set(node, "op", new)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        yield "boolean", f"'{_op(node.op)}' removed", line, _replace(parent, field, index, node.operand)
    elif isinstance(node, ast.Constant) and id(node) not in docstrings:
        yield from _constant_sites(parent, field, index, node, line)
    elif isinstance(node, ast.Call):
        yield from _call_sites(parent, field, index, node, line)
    elif isinstance(node, ast.Subscript):
        yield from _subscript_sites(node, line)
    elif isinstance(node, ast.Attribute) and node.attr in _SWAPPED_NAMES and isinstance(node.ctx, ast.Load):
        new = _SWAPPED_NAMES[node.attr]
        yield _swap_kind(node.attr), f".{node.attr} → .{new}", line, _set(node, "attr", new)
    elif isinstance(node, ast.Name) and node.id in _SWAPPED_NAMES and isinstance(node.ctx, ast.Load):
        new = _SWAPPED_NAMES[node.id]
        yield _swap_kind(node.id), f"{node.id} → {new}", line, _set(node, "id", new)
    elif isinstance(node, ast.Return) and node.value is not None and field != "orelse":
        printed = ast.Expr(ast.Call(ast.Name("print", ast.Load()), [node.value], []))
        yield (
            "return-print",
            "return → print",
            line,
            _replace(parent, field, index, ast.copy_location(printed, node)),
        )
    elif isinstance(node, ast.Expr) and _is_print(node.value) and _inside_function(parent):
        args = node.value.args
        value = args[0] if len(args) == 1 else ast.Tuple(list(args), ast.Load())
        returned = ast.copy_location(ast.Return(value), node)
        yield "return-print", "print → return", line, _replace(parent, field, index, returned)
    elif isinstance(node, ast.keyword):
        yield from _keyword_sites(parent, node, line)
    elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
        yield from _format_sites(node, line)


def _swap_kind(name: str) -> str:
    return (
        "numpy"
        if "arg" in name or name.startswith("idx")
        else ("rounding" if name in ("floor", "ceil") else "order")
    )


def _set(node: ast.AST, attribute: str, value: object) -> Callable[[], None]:
    def apply() -> None:
        setattr(node, attribute, value)

    return apply


def _op(op: ast.AST) -> str:
    return {
        ast.Add: "+",
        ast.Sub: "-",
        ast.Mult: "*",
        ast.Div: "/",
        ast.FloorDiv: "//",
        ast.Mod: "%",
        ast.Pow: "**",
        ast.Lt: "<",
        ast.LtE: "<=",
        ast.Gt: ">",
        ast.GtE: ">=",
        ast.Eq: "==",
        ast.NotEq: "!=",
        ast.In: "in",
        ast.NotIn: "not in",
        ast.Is: "is",
        ast.IsNot: "is not",
        ast.And: "and",
        ast.Or: "or",
        ast.Not: "not",
        ast.USub: "-",
    }.get(type(op), type(op).__name__)


def _compare_sites(node: ast.Compare, line: int) -> Iterator[Site]:
    for position, op in enumerate(node.ops):
        for kind, table in (("boundary", _BOUNDARY), ("comparison", _COMPARISON)):
            if type(op) in table:
                new = table[type(op)]()

                def apply(position: int = position, new: ast.cmpop = new) -> None:
                    node.ops[position] = new

                yield kind, f"{_op(op)} → {_op(new)}", line, apply


def _constant_sites(
    parent: ast.AST, field: str, index: int | None, node: ast.Constant, line: int
) -> Iterator[Site]:
    value = node.value
    if isinstance(value, bool):
        yield "constant", f"{value} → {not value}", line, _set(node, "value", not value)
    elif isinstance(value, int):
        for new in (value + 1, value - 1):
            kind = "off-by-one" if _in_range_or_index(parent) else "constant"
            yield kind, f"{value} → {new}", line, _replace(parent, field, index, _number(new, node))
    elif isinstance(value, float):
        new = value * 2 if value else 1.0
        yield "constant", f"{value!r} → {new!r}", line, _replace(parent, field, index, _number(new, node))


def _number(value: float, like: ast.AST) -> ast.expr:
    node: ast.expr = ast.Constant(abs(value))
    if value < 0:
        node = ast.UnaryOp(ast.USub(), node)
    return ast.copy_location(node, like)


def _in_range_or_index(parent: ast.AST) -> bool:
    return isinstance(parent, (ast.Slice, ast.Subscript)) or (
        isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "range"
    )


def _plus(node: ast.expr, amount: int) -> ast.expr:
    op = ast.Add() if amount > 0 else ast.Sub()
    return ast.BinOp(copy.deepcopy(node), op, ast.Constant(abs(amount)))


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _call_sites(parent: ast.AST, field: str, index: int | None, node: ast.Call, line: int) -> Iterator[Site]:
    name = _callee(node)
    if name == "range":
        for position, arg in enumerate(node.args):
            if not isinstance(arg, ast.Constant):
                for amount in (1, -1):

                    def apply(position: int = position, arg: ast.expr = arg, amount: int = amount) -> None:
                        node.args[position] = _plus(arg, amount)

                    yield "off-by-one", f"range argument {ast.unparse(arg)} {amount:+d}", line, apply
    if name == "round" and isinstance(node.func, ast.Name) and node.args:
        if len(node.args) == 2:
            yield "rounding", "round(x, n) → round(x)", line, _set(node, "args", node.args[:1])
        else:
            truncated = ast.Call(ast.Name("int", ast.Load()), node.args[:1], [])
            yield "rounding", "round(x) → int(x)", line, _replace(parent, field, index, truncated)
    if (
        name == "int"
        and isinstance(node.func, ast.Name)
        and len(node.args) == 1
        and _fractional(node.args[0])
    ):
        rounded = ast.Call(ast.Name("round", ast.Load()), node.args, [])
        yield "rounding", "int(x) → round(x)", line, _replace(parent, field, index, rounded)
    if name == "sorted" and isinstance(node.func, ast.Name) and node.args:
        # sorting the caller's list in place: (lst.sort(...), lst)[1]
        target = node.args[0]
        if isinstance(target, (ast.Name, ast.Attribute, ast.Subscript)):
            in_place = ast.Call(ast.Attribute(copy.deepcopy(target), "sort", ast.Load()), [], node.keywords)
            both = ast.Subscript(
                ast.Tuple([in_place, copy.deepcopy(target)], ast.Load()), ast.Constant(1), ast.Load()
            )
            yield (
                "copy",
                "sorted(x) → x.sort() (the caller's list changes)",
                line,
                _replace(parent, field, index, both),
            )
    copied = _copied_operand(node, name)
    if copied is not None:
        yield (
            "copy",
            f"{ast.unparse(node)} → {ast.unparse(copied)} (no copy)",
            line,
            _replace(parent, field, index, copied),
        )
    if name in ("sorted", "sort", "max", "min", "argsort", "nlargest", "nsmallest", "most_common"):
        yield from _order_sites(node, name, line)


def _fractional(node: ast.expr) -> bool:
    """Whether an expression may hold a fraction (so truncating and rounding it can differ)."""
    if isinstance(node, ast.Call) and _callee(node) in (
        "argmax",
        "argmin",
        "len",
        "count",
        "index",
        "nonzero",
    ):
        return False
    for part in ast.walk(node):
        if isinstance(part, ast.BinOp) and isinstance(part.op, (ast.Div, ast.Mult, ast.Pow)):
            return True
        if isinstance(part, ast.Constant) and isinstance(part.value, (float, str)):
            return True
        if isinstance(part, ast.Call) and _callee(part) in (
            "float",
            "mean",
            "average",
            "sqrt",
            "median",
            "std",
        ):
            return True
    return False


def _copied_operand(node: ast.Call, name: str) -> ast.expr | None:
    if isinstance(node.func, ast.Attribute) and name in _COPIES and not node.args:
        return copy.deepcopy(node.func.value)  # x.copy() → x
    if name in _COPIES and len(node.args) == 1 and isinstance(node.func, (ast.Attribute, ast.Name)):
        return copy.deepcopy(node.args[0])  # copy.copy(x), np.copy(x) → x
    plain_copy = name in ("list", "dict", "set") and isinstance(node.func, ast.Name) and len(node.args) == 1
    if plain_copy and isinstance(node.args[0], (ast.Name, ast.Attribute)):
        return copy.deepcopy(node.args[0])  # list(x) → x
    return None


def _order_sites(node: ast.Call, name: str, line: int) -> Iterator[Site]:
    keywords = {k.arg: k for k in node.keywords}
    if name in ("sorted", "sort", "argsort") and "reverse" not in keywords and name != "argsort":
        extra = ast.keyword("reverse", ast.Constant(True))
        yield "order", "reverse=True added", line, _set(node, "keywords", [*node.keywords, extra])
    if "key" in keywords:
        rest = [k for k in node.keywords if k.arg != "key"]
        yield "order", "key= removed", line, _set(node, "keywords", rest)


def _keyword_sites(parent: ast.AST, node: ast.keyword, line: int) -> Iterator[Site]:
    value = node.value
    if node.arg == "axis" and isinstance(value, ast.Constant) and isinstance(value.value, int):
        new = 1 - value.value if value.value in (0, 1) else 0
        yield "numpy", f"axis={value.value} → axis={new}", line, _set(value, "value", new)
        if isinstance(parent, ast.Call):
            rest = [k for k in parent.keywords if k is not node]
            yield "numpy", "axis= removed", line, _set(parent, "keywords", rest)
    elif node.arg == "reverse" and isinstance(parent, ast.Call):
        rest = [k for k in parent.keywords if k is not node]
        yield "order", "reverse= removed", line, _set(parent, "keywords", rest)
    elif node.arg == "kind" and isinstance(value, ast.Constant) and value.value in ("stable", "mergesort"):
        yield (
            "order",
            f"kind={value.value!r} → 'quicksort' (ties in any order)",
            line,
            _set(value, "value", "quicksort"),
        )
    elif node.arg == "key" and isinstance(value, ast.Lambda) and isinstance(value.body, ast.Tuple):
        elements = value.body.elts
        if len(elements) >= 2:
            swapped = [elements[1], elements[0], *elements[2:]]
            yield "order", "tie-break order of the sort key swapped", line, _set(value.body, "elts", swapped)


def _subscript_sites(node: ast.Subscript, line: int) -> Iterator[Site]:
    index = node.slice
    if isinstance(index, ast.Slice):
        for part in ("lower", "upper"):
            bound = getattr(index, part)
            if bound is not None and not isinstance(bound, ast.Constant):
                for amount in (1, -1):
                    yield (
                        "off-by-one",
                        f"slice {part} bound {ast.unparse(bound)} {amount:+d}",
                        line,
                        _set(index, part, _plus(bound, amount)),
                    )
    elif isinstance(index, (ast.Name, ast.BinOp)) and isinstance(node.ctx, ast.Load):
        for amount in (1, -1):
            yield (
                "off-by-one",
                f"index {ast.unparse(index)} {amount:+d}",
                line,
                _set(node, "slice", _plus(index, amount)),
            )


def _format_sites(node: ast.FormattedValue, line: int) -> Iterator[Site]:
    spec = node.format_spec
    for part in getattr(spec, "values", []):
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            match = _FORMAT_PRECISION.search(part.value)
            if match:
                digits = int(match.group(1))
                for new in {digits + 1, max(digits - 1, 0)} - {digits}:
                    text = part.value[: match.start(1)] + str(new) + part.value[match.end(1) :]
                    yield "rounding", f"format precision .{digits} → .{new}", line, _set(part, "value", text)


def _is_print(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
        and bool(node.args)
        and not node.keywords
        and not any(isinstance(a, ast.Starred) for a in node.args)
    )


def _inside_function(parent: ast.AST) -> bool:
    return isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef))


def _statement_sites(
    body: list[ast.stmt],
    skipped: set[int],
    docstrings: set[int],
    purity: tuple[frozenset[str], frozenset[str]],
) -> Iterator[Site]:
    """Remove one statement; swap two neighbours."""
    for index, stmt in enumerate(body):
        if id(stmt) in skipped or id(stmt) in docstrings or not _removable(stmt):
            continue

        def remove(index: int = index) -> None:
            body[index] = ast.copy_location(ast.Pass(), body[index])

        yield "statement", f"statement removed: {_first_line(stmt)}", _line(stmt), remove
        if index + 1 < len(body):
            after = body[index + 1]
            if _removable(after) and id(after) not in skipped and not _independent(stmt, after, purity):

                def swap(index: int = index) -> None:
                    body[index], body[index + 1] = body[index + 1], body[index]

                yield (
                    "statement",
                    f"statements swapped: {_first_line(stmt)} / {_first_line(after)}",
                    _line(stmt),
                    swap,
                )


def _removable(stmt: ast.stmt) -> bool:
    return not isinstance(
        stmt,
        (
            ast.FunctionDef,
            ast.AsyncFunctionDef,
            ast.ClassDef,
            ast.Import,
            ast.ImportFrom,
            ast.Pass,
            ast.Global,
            ast.Nonlocal,
        ),
    )


#: calls that neither change anything nor depend on the order they run in
_PURE_CALLS = frozenset(
    {
        "len",
        "sum",
        "min",
        "max",
        "abs",
        "round",
        "int",
        "float",
        "str",
        "bool",
        "list",
        "tuple",
        "dict",
        "set",
        "sorted",
        "range",
        "enumerate",
        "zip",
        "isinstance",
        "type",
        "repr",
        "any",
        "all",
    }
)


#: methods that return a new value and change nothing (str, dict views, NumPy reductions)
_PURE_METHODS = frozenset(
    {
        "split",
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "title",
        "capitalize",
        "replace",
        "startswith",
        "endswith",
        "join",
        "format",
        "get",
        "keys",
        "values",
        "items",
        "count",
        "index",
        "find",
        "isdigit",
        "isalpha",
        "mean",
        "std",
        "tolist",
        "reshape",
        "astype",
        "most_common",
        "argmax",
        "argmin",
        "round",
        "transform",
        "predict",
        "predict_proba",
        "score",
    }
)


#: calls whose effect is outside the program's variables (what they print, read or change)
_IO_CALLS = frozenset(
    {"print", "input", "open", "exit", "quit", "exec", "eval", "setattr", "delattr", "next"}
)


def _pure_functions(tree: ast.Module) -> frozenset[str]:
    """The program's own functions that only compute: no input or output, nothing of their
    arguments changed, no globals (so calling one cannot make two statements' order matter)."""
    defined = {s.name: s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    pure = set(defined)
    changed = True
    while changed:
        changed = False
        for name in sorted(pure):
            definition = defined[name]
            params = {a.arg for a in ast.walk(definition.args) if isinstance(a, ast.arg)}
            for stmt in definition.body:
                impure = frozenset(defined) - pure
                _, writes, outside = _effects(stmt, frozenset(pure), impure, ignore_flow=True)
                if outside or writes & params:
                    pure.discard(name)
                    changed = True
                    break
    return frozenset(pure)


def _effects(
    stmt: ast.stmt,
    pure: frozenset[str] = frozenset(),
    impure: frozenset[str] = frozenset(),
    ignore_flow: bool = False,
) -> tuple[set[str], set[str], bool]:
    """(names read, names written or possibly changed, whether it has an effect beyond them).

    ``pure`` and ``impure`` name the program's own functions that only compute, and the others.
    """
    reads: set[str] = set()
    writes: set[str] = set()
    outside = False
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name):
            (reads if isinstance(node.ctx, ast.Load) else writes).add(node.id)
        elif isinstance(node, (ast.Subscript, ast.Attribute)) and not isinstance(node.ctx, ast.Load):
            root = _root_name(node.value)
            if root is None:
                outside = True
            else:
                writes.add(root)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            reads.add(node.target.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            outside = True
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                root = _root_name(func.value)
                if func.attr not in _PURE_METHODS and root is not None:
                    writes.add(root)  # a method may change its object (list.append, rng.random...)
            elif isinstance(func, ast.Name) and func.id == "open":
                outside = outside or _opens_for_writing(node)
            elif isinstance(func, ast.Name) and func.id in _IO_CALLS:
                outside = True
            elif isinstance(func, ast.Name) and func.id in pure | _PURE_CALLS:
                pass
            else:
                # another function (a library's, a parameter, or the program's own that prints or
                # changes things): it may change the objects given to it, and the program's own
                # impure functions anything at all
                writes.update(a.id for a in node.args if isinstance(a, ast.Name))
                outside = outside or (isinstance(func, ast.Name) and func.id in impure)
        elif not ignore_flow and isinstance(
            node, (ast.Return, ast.Break, ast.Continue, ast.Raise, ast.Yield, ast.YieldFrom)
        ):
            outside = True
    return reads, writes, outside


def _opens_for_writing(node: ast.Call) -> bool:
    """Whether an ``open(...)`` may write (reading files in any order changes nothing)."""
    modes = [node.args[1]] if len(node.args) > 1 else [k.value for k in node.keywords if k.arg == "mode"]
    if not modes:
        return False
    mode = modes[0]
    return not (
        isinstance(mode, ast.Constant) and isinstance(mode.value, str) and not set(mode.value) & set("wax+")
    )


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _independent(first: ast.stmt, second: ast.stmt, purity: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Two statements whose order cannot matter: swapping them is no mutant at all."""
    reads1, writes1, outside1 = _effects(first, *purity)
    reads2, writes2, outside2 = _effects(second, *purity)
    if outside1 and outside2:
        return False
    return not (writes1 & reads2 or writes2 & reads1 or writes1 & writes2)


def _first_line(stmt: ast.stmt) -> str:
    """The statement's first line as written (unparsing a whole loop for every site is slow)."""
    lines = _SOURCE_LINES.get()
    number = getattr(stmt, "lineno", 0)
    text = lines[number - 1].strip() if 0 < number <= len(lines) else ast.unparse(stmt).splitlines()[0]
    return text if len(text) <= 60 else text[:59] + "…"
