#!/usr/bin/env python3
"""Extracts Junos configuration statement names from Juniper's published YANG models.

Source: https://github.com/Juniper/yang, release 24.4R1, directory
24.4/24.4R1/native/conf-and-rpcs/junos-es/conf-with-extensions/models/ (the SRX, "junos-es",
configuration modules with Junos's CLI extensions such as junos:cli-feature "nokeyword").

Usage:
  statements.py MODELS_DIR > config/src/main/resources/org/flowgate/config/schema/junos-statements.txt

Output: one statement per line, indented one space per level, as the Junos CLI spells it:
  KEYWORD            a container or a flag (children, if any, follow one level deeper)
  KEYWORD VALUE      a keyword and one value: a leaf, a leaf-list, or a list entry
  VALUE              a value written without a keyword (junos:cli-feature "nokeyword")
  ... ending a line: everything below is accepted unchecked (a hierarchy kept as names only)
  @NAME              the statements of fragment NAME (a YANG grouping used more than once)
  =NAME              (at column 0) starts fragment NAME; its statements follow one level deeper
VALUE is <*> for any word or <a|b|c> for a closed set (a YANG enumeration).
The apply-groups, apply-groups-except and apply-macro statements Junos allows in every container
(YANG grouping apply-advanced) are left out: the reader allows them everywhere.
Only the hierarchies Flowgate implements (or is about to) are kept in full (FULL below); the other
top-level statements and the other children of the FULL roots' parents are kept as names.
"""
import os
import re
import sys

# Hierarchies kept in full; their parents keep their other children as names only.
FULL = [
    "security zones", "security policies", "security nat", "security flow",
    "security address-book", "security log", "security screen", "security alg",
    "security application-tracking", "applications", "interfaces", "routing-options",
    "routing-instances instance-type", "routing-instances interface",
    "routing-instances description", "routing-instances routing-options",
    "system syslog", "system login", "system host-name",
    "system root-authentication", "services application-identification",
    "class-of-service application-traffic-control",
]
# Hierarchies whose children are kept as names only (open below).
NAMES = ["system services"]
# The CLI spells a few YANG lists differently from their XML names.
LIST_KEYWORDS = {("policy", ("from-zone-name", "to-zone-name")): ("from-zone", "to-zone")}
# Statements real configurations use that the 24.4R1 models lack, each with where it comes from.
EXTRAS = [
    # 17.4R1 junos-es-conf-security spelled this option SFM-DPD (24.4R1: SMF-DPD-option).
    "security screen ids-option <*> ip ipv6-extension-header hop-by-hop-header SFM-DPD-option",
    # 17.4R1 had user-defined-option-type directly below ipv6-extension-header.
    "security screen ids-option <*> ip ipv6-extension-header user-defined-option-type <*> to <*>",
    # Legacy "security key-chain" (before authentication-key-chains), in Batfish's test
    # configuration security-key-chain.conf; in no published model (17.4R1 to 24.4R1).
    "security key-chain <*> ...",
    # Batfish's test configuration nat-dest.conf; in no published model (17.4R1 to 24.4R1).
    "security nat destination rule-set <*> rule <*> match source-port <*>",
]
# Containers whose CLI keyword is not their YANG (XML) name.
KEYWORDS = {
    "src-nat-rule-match": "match",
    "dest-nat-rule-match": "match",
    "static-nat-rule-match": "match",
}


def tokenize(text):
    i, n, tokens = 0, len(text), []
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            i = text.index("\n", i) if "\n" in text[i:] else n
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        elif c in "{};":
            tokens.append(c)
            i += 1
        elif c == '"':
            j, out = i + 1, []
            while text[j] != '"':
                if text[j] == "\\":
                    out.append(text[j + 1])
                    j += 2
                else:
                    out.append(text[j])
                    j += 1
            tokens.append(("str", "".join(out)))
            i = j + 1
        elif c == "'":
            j = text.index("'", i + 1)
            tokens.append(("str", text[i + 1:j]))
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "{};":
                j += 1
            tokens.append(text[i:j])
            i = j
    return tokens


class Stmt:
    __slots__ = ("keyword", "arg", "subs")

    def __init__(self, keyword, arg):
        self.keyword, self.arg, self.subs = keyword, arg, []

    def find(self, keyword):
        return [s for s in self.subs if s.keyword == keyword]

    def first(self, keyword):
        found = self.find(keyword)
        return found[0] if found else None


def parse(tokens):
    pos = 0

    def value(t):
        return t[1] if isinstance(t, tuple) else t

    def statements():
        nonlocal pos
        out = []
        while pos < len(tokens) and tokens[pos] != "}":
            keyword = value(tokens[pos])
            pos += 1
            arg = None
            if tokens[pos] not in ("{", ";"):
                arg = value(tokens[pos])
                pos += 1
                while tokens[pos] == "+":
                    arg += value(tokens[pos + 1])
                    pos += 2
            stmt = Stmt(keyword, arg)
            if tokens[pos] == "{":
                pos += 1
                stmt.subs = statements()
                pos += 1  # }
            else:
                pos += 1  # ;
            out.append(stmt)
        return out

    return statements()


class Module:
    def __init__(self, stmt):
        self.name = stmt.arg
        self.stmt = stmt
        self.groupings = {g.arg: g for g in stmt.find("grouping")}
        self.typedefs = {t.arg: t for t in stmt.find("typedef")}


class Node:
    """One statement of the CLI tree: keyword (or None), value (None, '*' or a frozenset)."""

    def __init__(self, keyword, value, children=None, open_=False):
        self.keyword, self.value = keyword, value
        self.children = children if children is not None else []
        self.open = open_


def nokeyword(stmt):
    return any(s.keyword == "junos:cli-feature" and s.arg == "nokeyword" for s in stmt.subs)


class Builder:
    def __init__(self, modules):
        self.modules = modules
        self.by_name = {m.name: m for m in modules}

    def grouping(self, module, name):
        name = name.split(":")[-1]
        if name in module.groupings:
            return module, module.groupings[name]
        for m in self.modules:
            if name in m.groupings:
                return m, m.groupings[name]
        raise KeyError(name)

    def value_of(self, module, type_stmt):
        if type_stmt is None:
            return "*"
        name = type_stmt.arg
        if name == "enumeration":
            return frozenset(e.arg for e in type_stmt.find("enum"))
        if name == "union":
            values = [self.value_of(module, t) for t in type_stmt.find("type")]
            if all(isinstance(v, frozenset) for v in values):
                return frozenset().union(*values)
            return "*"
        if ":" not in name and name in module.typedefs:
            return self.value_of(module, module.typedefs[name].first("type"))
        return "*"

    def children(self, module, stmts, skip=()):
        """The CLI statements of YANG data statements (choices, cases and uses flattened)."""
        out = []
        for s in stmts:
            k = s.keyword
            if k in ("choice", "case"):
                out += self.children(module, s.subs, skip)
            elif k == "uses":
                if s.arg.split(":")[-1] == "apply-advanced":
                    continue
                m, g = self.grouping(module, s.arg)
                out += self.children(m, g.subs, skip)
            elif k == "container":
                keyword = KEYWORDS.get(s.arg, s.arg)
                out.append(Node(keyword, None, self.children(module, s.subs)))
            elif k in ("leaf", "leaf-list"):
                if s.arg in skip:
                    continue
                t = s.first("type")
                if t is not None and t.arg == "empty":
                    out.append(Node(s.arg, None))
                elif nokeyword(s):
                    out.append(Node(None, self.value_of(module, t)))
                else:
                    out.append(Node(s.arg, self.value_of(module, t)))
            elif k == "list":
                out.append(self.list_node(module, s))
        return out

    def key_leaves(self, module, stmts, names, found):
        for s in stmts:
            if s.keyword in ("leaf",) and s.arg in names:
                found[s.arg] = (module, s)
            elif s.keyword in ("choice", "case"):
                self.key_leaves(module, s.subs, names, found)
            elif s.keyword == "uses":
                m, g = self.grouping(module, s.arg)
                self.key_leaves(m, g.subs, names, found)
        return found

    def list_node(self, module, s):
        keys = tuple((s.first("key").arg if s.first("key") else "name").split())
        leaves = self.key_leaves(module, s.subs, set(keys), {})
        keywords = LIST_KEYWORDS.get((s.arg, keys))
        children = self.children(module, s.subs, skip=set(keys))
        # Innermost key last: build from the inside out.
        node = None
        for i in range(len(keys) - 1, -1, -1):
            key = keys[i]
            m, leaf = leaves.get(key, (module, None))
            value = self.value_of(m, leaf.first("type")) if leaf is not None else "*"
            if keywords:
                keyword = keywords[i]
            elif i == 0:
                keyword = None if nokeyword(s) else s.arg
            else:
                keyword = None if leaf is not None and nokeyword(leaf) else key
            node = Node(keyword, value, children if node is None else [node])
        return node


def top_level(builder):
    """Every top-level statement of the junos-es configuration, by its grouping."""
    out = []
    for m in builder.modules:
        for a in m.stmt.find("augment"):
            if a.arg == "/jc:configuration":
                out += builder.children(m, a.subs)
    root = builder.by_name["junos-es-conf-root"]
    conf = root.stmt.first("container")
    out += builder.children(root, conf.subs)
    return out


def prune(nodes, path, full):
    """Keeps FULL hierarchies whole; names only (open below) elsewhere."""
    kept = []
    for n in nodes:
        here = path + ([n.keyword] if n.keyword else [])
        text = " ".join(here)
        if any(text == f or text.startswith(f + " ") for f in full):
            kept.append(n)
        elif text in NAMES:
            names = [Node(c.keyword, c.value, [], open_=bool(c.children) or c.value is None)
                     for c in n.children]
            kept.append(Node(n.keyword, n.value, names))
        elif any(f.startswith(text + " ") for f in full):
            kept.append(Node(n.keyword, n.value, prune(n.children, here, full)))
        else:
            kept.append(Node(n.keyword, n.value, [], open_=bool(n.children) or n.value is None))
    return kept


def merge(nodes):
    """Siblings with the same keyword and value become one; their children merge."""
    out, index = [], {}
    for n in nodes:
        key = (n.keyword, n.value if n.value != "*" else "*")
        if key in index:
            other = index[key]
            other.children = merge(other.children + n.children)
            other.open = other.open or n.open
        else:
            copy = Node(n.keyword, n.value, merge(n.children), n.open)
            index[key] = copy
            out.append(copy)
    return out


def add_extra(tree, text):
    heads = []
    for token in text.split():
        if token == "...":
            heads[-1].open = True
        elif token.startswith("<"):
            if heads and heads[-1].keyword and heads[-1].value is None:
                heads[-1].value = "*"
            else:
                heads.append(Node(None, "*"))
        else:
            heads.append(Node(token, None))
    nodes = tree
    for head in heads:
        found = [n for n in nodes if n.keyword == head.keyword and (n.value is None) == (head.value is None)]
        if found:
            found[0].open = found[0].open or head.open
            node = found[0]
        else:
            node = head
            nodes.append(node)
        nodes = node.children


def value_text(v):
    return "<*>" if v == "*" else "<" + "|".join(sorted(v)) + ">"


def head(n):
    parts = []
    if n.keyword:
        parts.append(n.keyword)
    if n.value is not None:
        parts.append(value_text(n.value))
    if n.open:
        parts.append("...")
    return " ".join(parts)


def ordered(nodes):
    return sorted(nodes, key=lambda n: (n.keyword is None, n.keyword or "", head(n)))


def canonical(nodes, memo):
    """A text that equal lists of statements share; sizes, for choosing fragments."""
    key = id(nodes)
    if key not in memo:
        parts = []
        size = 0
        for n in ordered(nodes):
            text, child_size = canonical(n.children, memo)
            parts.append(head(n) + "{" + text + "}")
            size += 1 + child_size
        memo[key] = ("".join(parts), size)
    return memo[key]


def emit(nodes, depth, lines, fragments, memo):
    """Lines for nodes; a children list seen twice or more (and big enough) becomes @fragment."""
    for n in ordered(nodes):
        lines.append(" " * depth + head(n))
        text, size = canonical(n.children, memo)
        if text in fragments:
            lines.append(" " * (depth + 1) + "@" + fragments[text])
        else:
            emit(n.children, depth + 1, lines, fragments, memo)


def choose_fragments(tree, memo, minimum=8):
    counts, sizes, lists = {}, {}, {}

    def walk(nodes):
        for n in nodes:
            text, size = canonical(n.children, memo)
            if size >= minimum:
                counts[text] = counts.get(text, 0) + 1
                sizes[text] = size
                lists[text] = n.children
            walk(n.children)

    walk(tree)
    chosen = [t for t, c in counts.items() if c >= 2]
    chosen.sort(key=lambda t: -sizes[t])
    return {t: "f%d" % i for i, t in enumerate(chosen)}, lists


def main():
    models = sys.argv[1]
    modules = []
    for f in sorted(os.listdir(models)):
        if f.startswith("junos-es-conf-") and f.endswith(".yang"):
            text = open(os.path.join(models, f), encoding="utf-8").read()
            if not text.strip():
                continue
            stmts = parse(tokenize(text))
            modules.append(Module(stmts[0]))
    builder = Builder(modules)
    tree = merge(prune(top_level(builder), [], FULL))
    for extra in EXTRAS:
        add_extra(tree, extra)
    # Statements whose YANG modules were not published (empty in the release): names only.
    names = {n.keyword for n in tree}
    for missing in ("logical-systems", "tenants"):
        if missing not in names:
            tree.append(Node(missing, "*", [], open_=True))
    lines = [
        "# Junos configuration statements, from github.com/Juniper/yang 24.4/24.4R1 junos-es",
        "# (conf-with-extensions). Generated by tools/junos-yang/statements.py; do not edit.",
    ]
    memo = {}
    fragments, lists = choose_fragments(tree, memo)
    emit(tree, 0, lines, fragments, memo)
    for text, name in sorted(fragments.items(), key=lambda item: int(item[1][1:])):
        lines.append("=" + name)
        # A fragment's own body is written out; fragments inside it are still referenced.
        inner = dict(fragments)
        del inner[text]
        emit(lists[text], 1, lines, inner, memo)
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
