"""A small checker for the feed's rule language (see FEED.md), used by the
generator's self-check: it parses a rule, checks its types against the
feed's facts and regions, and reports which constructs the rule uses.

Grammar:
    rule    := or
    or      := and ( "or" and )*
    and     := not ( "and" not )*
    not     := "not" not | compare
    compare := operand ( cmpop operand | "in" list | "within" string )?
    operand := fact-id | number | string | "true" | "false" | "(" rule ")"
    list    := "[" ( literal ( "," literal )* )? "]"
"""

import re

KEYWORDS = {"and", "or", "not", "in", "within", "true", "false"}
CMP = {"==", "!=", "<", "<=", ">", ">="}
TOKEN = re.compile(
    r'\s*(?:(?P<str>"[^"\\]*")|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)'
    r'|(?P<word>[A-Za-z_][A-Za-z0-9._-]*))'
)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class RuleError(Exception):
    pass


def tokenize(src):
    out, pos = [], 0
    while pos < len(src):
        if src[pos:].strip() == "":
            break
        m = TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise RuleError(f"unexpected character at column {pos + 1}")
        kind = m.lastgroup
        text = m.group(kind)
        out.append((kind, text, m.start(kind)))
        pos = m.end()
    return out


class Checker:
    """Parses and type-checks one rule; `used` collects construct names."""

    def __init__(self, src, facts, regions):
        self.src = src
        self.toks = tokenize(src)
        self.i = 0
        self.facts = facts  # id -> fact dict
        self.regions = regions  # set of codes
        self.used = set()

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None, len(self.src))

    def take(self):
        t = self.peek()
        self.i += 1
        return t

    def expect(self, text):
        kind, t, col = self.take()
        if t != text:
            raise RuleError(f"expected `{text}` at column {col + 1}, found `{t}`")

    def run(self):
        ty = self.or_()
        if self.i != len(self.toks):
            raise RuleError(f"unexpected `{self.peek()[1]}` at column {self.peek()[2] + 1}")
        self.need_bool(ty)
        return self.used

    def need_bool(self, ty):
        if ty != "bool":
            raise RuleError(f"expected a condition, found a {ty}")

    def or_(self):
        ty = self.and_()
        while self.peek()[1] == "or":
            self.take()
            self.used.add("or")
            self.need_bool(ty)
            self.need_bool(self.and_())
        return ty

    def and_(self):
        ty = self.not_()
        while self.peek()[1] == "and":
            self.take()
            self.used.add("and")
            self.need_bool(ty)
            self.need_bool(self.not_())
        return ty

    def not_(self):
        if self.peek()[1] == "not":
            self.take()
            self.used.add("not")
            self.need_bool(self.not_())
            return "bool"
        return self.compare()

    def operand(self):
        kind, t, col = self.take()
        if t == "(":
            self.used.add("parentheses")
            ty = self.or_()
            self.expect(")")
            return ("cond", ty)
        if kind == "num":
            return ("lit", "number")
        if kind == "str":
            return ("str", t[1:-1])
        if t in ("true", "false"):
            self.used.add(t)
            return ("lit", "bool")
        if kind == "word" and t not in KEYWORDS:
            if t not in self.facts:
                raise RuleError(f"unknown fact `{t}` at column {col + 1}")
            return ("fact", t)
        raise RuleError(f"unexpected `{t}` at column {col + 1}")

    def fact_type(self, name):
        return self.facts[name]["type"]

    def type_of(self, op):
        kind, v = op
        if kind == "fact":
            t = self.fact_type(v)
            return {"integer": "number", "number": "number", "boolean": "bool"}.get(t, t)
        if kind == "cond":
            return v
        if kind == "lit":
            return v
        return "string"

    def literal_fits(self, target, op):
        """Whether the string literal `op` fits the fact operand `target`."""
        value = op[1]
        if target[0] != "fact":
            raise RuleError(f"string `{value}` compared with something other than a fact")
        t = self.fact_type(target[1])
        if t == "choice":
            keys = {o["key"] for o in self.facts[target[1]]["options"]}
            if value not in keys:
                raise RuleError(f"`{value}` is not an option of `{target[1]}`")
            return "choice"
        if t == "region":
            if value not in self.regions:
                raise RuleError(f"unknown region `{value}`")
            return "region"
        if t == "date":
            if not DATE.match(value):
                raise RuleError(f"`{value}` is not a date")
            return "date"
        raise RuleError(f"string `{value}` compared with the {t} fact `{target[1]}`")

    def compare(self):
        lhs = self.operand()
        nxt = self.peek()[1]
        if nxt in CMP:
            self.take()
            self.used.add(nxt)
            rhs = self.operand()
            self.check_cmp(nxt, lhs, rhs)
            return "bool"
        if nxt == "in":
            self.take()
            self.check_in(lhs)
            return "bool"
        if nxt == "within":
            self.take()
            self.used.add("within")
            kind, t, col = self.take()
            if kind != "str":
                raise RuleError(f"`within` needs a region code at column {col + 1}")
            if lhs[0] != "fact" or self.fact_type(lhs[1]) != "region":
                raise RuleError("`within` needs a region fact on its left")
            if t[1:-1] not in self.regions:
                raise RuleError(f"unknown region `{t[1:-1]}`")
            return "bool"
        ty = self.type_of(lhs)
        if lhs[0] == "fact" and ty == "bool":
            self.used.add("bare-boolean-fact")
        return ty

    def check_cmp(self, op, lhs, rhs):
        if lhs[0] == "str" and rhs[0] == "str":
            raise RuleError("comparing two strings")
        if rhs[0] == "str":
            ty = self.literal_fits(lhs, rhs)
            lt = ty
        elif lhs[0] == "str":
            ty = self.literal_fits(rhs, lhs)
            lt = ty
        else:
            lt, rt = self.type_of(lhs), self.type_of(rhs)
            if lt != rt:
                raise RuleError(f"cannot compare a {lt} with a {rt}")
        if op in ("<", "<=", ">", ">=") and lt not in ("number", "date"):
            raise RuleError(f"`{op}` needs numbers or dates, not a {lt}")
        if lt == "date":
            self.used.add("date-comparison")
        for side in (lhs, rhs):
            if side[0] == "fact" and self.fact_type(side[1]) == "number":
                self.used.add("number-fact-comparison")

    def check_in(self, lhs):
        if lhs[0] != "fact":
            raise RuleError("`in` needs a fact on its left")
        t = self.fact_type(lhs[1])
        self.expect("[")
        items = []
        while self.peek()[1] != "]":
            if items:
                self.expect(",")
            kind, v, col = self.take()
            if kind not in ("str", "num"):
                raise RuleError(f"expected a literal at column {col + 1}")
            items.append((kind, v))
        self.expect("]")
        if t in ("integer", "number"):
            if any(k != "num" for k, _ in items):
                raise RuleError(f"`{lhs[1]}` is a number: the list must hold numbers")
            self.used.add("in-numbers")
        elif t in ("choice", "region", "date"):
            for k, v in items:
                if k != "str":
                    raise RuleError(f"`{lhs[1]}` needs strings in its list")
                self.literal_fits(lhs, ("str", v[1:-1]))
            self.used.add("in-strings")
        else:
            raise RuleError(f"`in` is not defined for the {t} fact `{lhs[1]}`")


def check_rule(src, facts, regions):
    """The set of constructs `src` uses; raises RuleError when it is invalid."""
    return Checker(src, facts, regions).run()
