"""Lexer and parser for Velocity 1.7 templates.

Hand-written rather than built on `airspeed`: airspeed renders Python values (`True`,
`['a']`), not Java's, and does not implement 1.7's escaping, whitespace-gobbling and
null-literal rules, all of which Genesys templates depend on. This parser
mirrors the token rules of Velocity 1.7's Parser.jj where they are observable in output.
"""

from __future__ import annotations

import bisect
import re
from typing import cast

from .errors import VelocitySyntaxError
from .nodes import (
    Arithmetic,
    BoolLiteral,
    BreakDirective,
    BrokenDirective,
    Compare,
    ForeachDirective,
    IfDirective,
    Interpolated,
    ListLiteral,
    Literal,
    Logical,
    Macro,
    MacroCall,
    MacroDefinition,
    MapLiteral,
    Node,
    Not,
    Paren,
    Range,
    Reference,
    SetDirective,
    Step,
    StopDirective,
    Text,
)

IDENT = re.compile(r"[a-zA-Z_][a-zA-Z0-9_-]*")
WORD = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
IDENT_TAIL = re.compile(r"[a-zA-Z_][a-zA-Z0-9_-]*\Z")
DIRECTIVE_WORD = re.compile(r"[a-zA-Z_@][a-zA-Z0-9_@]*")
NUMBER = re.compile(r"-?(?:\d+\.\d+(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)")
LINE_END = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
# Parser.jj's LOOKAHEAD(3) for a method fails when SET_DIRECTIVE follows the `(`
METHOD_AHEAD = re.compile(r"\((?!\Z|[ \t]*#(?:set|\{set\}) *\()")
BLANK = re.compile(r"[ \t\r\n]")
# After `$a.b(#set(..)` the lexer stays in REFMOD2, where blanks are a WHITESPACE token no
# statement can start with; comments, string literals and further #sets are read as usual.
REFMOD2_SKIPPED = re.compile(
    r"##[^\n]*\n?|#\*.*?\*#|'[^']*'|\"[^\"]*\""
    r"|[ \t]*#(?:set|\{set\}) *\((?:[^()]|\([^()]*\))*\)[ \t]*(?:\r\n|\n|\r)?",
    re.S,
)
ALPHA = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
TEXT_STOP = re.compile(r"[$#\\]")
SET_SWALLOWED_PREFIX = re.compile(r"(?:(?:\\*\$(?:\\*!)?)+#?|#)\Z")
SET_AFTER_TOKEN = re.compile(
    r"#(?:[a-zA-Z_@][a-zA-Z0-9_@]*|\{[a-zA-Z_][a-zA-Z0-9_@]*\}"
    r"|-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|-?\.\d+(?:[eE][+-]?\d+)?)\Z"
    r"|\$(?:\.|!?\[|\\!\[)\Z"  # EMPTY_INDEX
)

DIRECTIVES = frozenset(
    {
        "if",
        "elseif",
        "else",
        "end",
        "set",
        "foreach",
        "break",
        "stop",
        "macro",
        "include",
        "parse",
        "evaluate",
        "define",
    }
)
LEXER_DIRECTIVES = frozenset({"if", "elseif", "else", "end", "set"})
OPERATOR_WORDS = {
    "and": "&&",
    "or": "||",
    "not": "!",
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "gt": ">",
    "le": "<=",
    "ge": ">=",
}


class Parser:
    def __init__(
        self,
        src: str,
        name: str,
        macros: dict[str, Macro],
        offset: int = 0,
        outer: Parser | None = None,
    ) -> None:
        self.src = src
        self.n = len(src)
        self.pos = 0
        self.name = name
        self.macros = macros
        self.offset = offset
        self.outer = outer
        self._line_starts: list[int] | None = None
        self._hash_prefix = ""
        self._unprinted: list[tuple[int, int]] = []  # backslashes of escaped arguments
        # Velocity 1.7's lexer can be left in its PRE_DIRECTIVE state (after `$a.b##end`, for
        # one): `_leaky` holds the `#`s whose construct leaves it so, `_pre_directive_at` the
        # position where it is active, and `_refmod_end` where a `$a.b` reference ended.
        self._leaky: set[int] = set()
        self._pre_directive_at = -1
        self._refmod_end = -1
        self._ref_end = -1  # where a `$a` or `$a.b` reference ended (a `}` there is RCURLY)

    # ------------------------------------------------------------ positions and errors

    def where(self, pos: int) -> tuple[int, int]:
        if self.outer is not None:
            return self.outer.where(self.offset + pos)
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", self.src)]
        line = bisect.bisect_right(self._line_starts, pos)
        return line, pos - self._line_starts[line - 1] + 1

    def error(self, message: str, pos: int | None = None) -> VelocitySyntaxError:
        pos = self.pos if pos is None else pos
        line, column = self.where(min(pos, self.n))
        found = "<EOF>" if pos >= self.n else repr(self.src[pos : pos + 12].split("\n")[0])
        return VelocitySyntaxError(f"{message} (found {found})", line, column, self.name)

    # ------------------------------------------------------------ content

    def parse_template(self) -> list[Node]:
        nodes, word, pos = self.content(frozenset())
        if word is not None:
            raise self.error(f'Encountered "#{word}" with no open block', pos)
        return nodes

    def content(self, terminators: frozenset[str]) -> tuple[list[Node], str | None, int]:
        """Parse until EOF or a terminating `#else`/`#elseif`/`#end` (returned, not consumed)."""
        src, n = self.src, self.n
        nodes: list[Node] = []
        buf: list[str] = []
        token_end = self.pos  # where the last non-text token ended (for #set's leading whitespace)

        def flush() -> None:
            if buf:
                text = "".join(buf)
                if nodes and isinstance(nodes[-1], Text):
                    nodes[-1] = Text(nodes[-1].text + text)
                else:
                    nodes.append(Text(text))
                buf.clear()

        while self.pos < n:
            start = self.pos
            c = src[start]
            if c == "$":
                if start + 1 >= n:
                    raise self.error("Lexical error: '$' at the end of the template", n)
                ref = self.reference(start, 0, start)
                if ref is None:
                    # `$#word` and `$\` are text: the `$` swallows the next token's meaning
                    self.pos = start + 1
                    if src[self.pos] == "#":
                        word, after = self.directive_word(self.pos)
                        if word == "set":
                            buf.append("$")  # left for `set_gobble` to swallow
                            continue
                        if word in LEXER_DIRECTIVES:
                            continue  # `$#if`: the lexer drops the `$` (Velocity 1.7 quirk)
                        if word is None:
                            if not src.startswith("#*", self.pos):
                                buf.append("$")  # `$##c`: the comment prints its `$` prefix
                            continue
                        # `$#foreach` is a directive named "#foreach": unknown, printed as is
                        self.pos = self.unknown_directive(after)
                    elif src[self.pos] == "\\":
                        while self.pos < n and src[self.pos] == "\\":
                            self.pos += 1
                        if self.prefix_joins_escape(start):
                            # `$\#word`, `$\\`: the `$` becomes a special token of the escape
                            # token that follows, and Velocity does not print those
                            self.pos = start + 1
                            continue
                    buf.append(src[start : self.pos])
                else:
                    flush()
                    nodes.append(ref)
                    token_end = self.pos
                    if (
                        start == self._pre_directive_at
                        and src.startswith(("#", "$"), self.pos)
                        and not src.startswith(("#set", "#{set}"), self.pos)
                    ):
                        self._pre_directive_at = self.pos  # `$x#end`: still leaked
                    self.after_reference_hashes(ref)
                    buf.append(self.after_reference_braces(ref))
            elif c == "\\":
                end = start
                while end < n and src[end] == "\\":
                    end += 1
                count = end - start
                nxt = src[end] if end < n else ""
                if nxt == "$":
                    dollar = end
                    while src.startswith("$$", dollar):
                        dollar += 1  # `\\$$x` is `\\$x`: the lexer drops the inner `$`
                    ref = self.reference(dollar, count, start)
                    if ref is not None and dollar > end and count % 2 == 0:
                        ref = self.reference(dollar, 0, dollar)  # `\\\\$$x`: not escaped
                        assert ref is not None  # the same text parsed as a reference just above
                        ref.prefix = "\\" * (count // 2) + src[end:dollar]
                        ref.null_prefix = src[start:dollar]
                    if ref is None and dollar > end:
                        ref = self.reference(end, count, start)
                    if ref is None:
                        buf.append(src[start:end])
                        self.pos = end
                    else:
                        flush()
                        nodes.append(ref)
                        token_end = self.pos
                        self.after_reference_hashes(ref)
                        buf.append(self.after_reference_braces(ref))
                elif nxt == "#":
                    word, after = self.directive_word(end)
                    if word is not None and (word in DIRECTIVES or word in self.macros):
                        if count % 2:
                            buf.append("\\" * ((count - 1) // 2) + src[end:after])
                            self.pos = after
                        else:
                            buf.append("\\" * (count // 2))
                            self.pos = end
                    else:
                        buf.append(src[start:end])
                        self.pos = end
                else:
                    buf.append(src[start:end])
                    self.pos = end
            elif c == "#":
                if start + 1 >= n:
                    raise self.error("Lexical error: '#' at the end of the template", n)
                prefix, self._hash_prefix = self._hash_prefix, ""
                if prefix or start == self._pre_directive_at:
                    self._leaky.add(start)
                result = self.hash(start, terminators, bool(prefix))
                if result is None:
                    self.pos = start + 1
                    while self.pos < n and src[self.pos] == "\\":
                        self.pos += 1  # `#\\$x`: these backslashes escape nothing
                    if self.prefix_joins_escape(start):
                        # `#\\#if`, `#\\\\`: the `#` becomes a special token of the escape token
                        # that follows, and Velocity does not print those
                        self.pos = start + 1
                        continue
                    buf.append(prefix + src[start : self.pos])
                    continue
                kind, value = result
                if kind == "text":  # hash() gives text as a str, "end" the closing word
                    buf.append(prefix + cast(str, value))
                    token_end = self.pos
                    self.mark_leak(start)
                    continue
                if kind == "end":
                    flush()
                    return nodes, cast(str, value), start
                if kind == "set":
                    pending = "".join(buf)
                    keep = self.set_gobble(pending, start, token_end)
                    if keep < len(pending):
                        buf[:] = [pending[:keep]]
                    paren = start - 1
                    while paren >= 0 and src[paren] in " \t":
                        paren -= 1
                    if (
                        paren >= 0
                        and paren == self._ref_end == self._refmod_end
                        and src[paren] == "("
                        and BLANK.search(REFMOD2_SKIPPED.sub("", src[self.pos :]))
                    ):
                        # `$a.b(#set(..)`: the lexer stays in REFMOD2 after the #set
                        raise self.error("Unexpected text after '$a.b(#set(...)'")
                flush()
                if value is not None:  # a directive, comment or block: a node
                    nodes.append(cast(Node, value))
                if not isinstance(value, IfDirective | ForeachDirective | MacroDefinition):
                    self.mark_leak(start)  # comments, text blocks, #break: the state stays
                token_end = self.pos
            else:
                m = TEXT_STOP.search(src, start)
                end = m.start() if m else n
                buf.append(src[start:end])
                self.pos = end
        flush()
        if terminators:
            raise self.error('Encountered "<EOF>": a block is missing its #end', self.n)
        return nodes, None, self.n

    def set_gobble(self, pending: str, start: int, token_end: int) -> int:
        """How much of the text before `#set` at `start` survives Velocity 1.7's lexer.

        SET_DIRECTIVE is `[ \\t]*#set *(`, so it swallows the blanks before it whenever they
        start a token rather than continue a TEXT token. A `$`, `$!` (with any backslashes)
        or a lone `#` right before them is an unfinished token prefix that is swallowed too.
        """
        src = self.src
        blank = len(pending) - len(pending.rstrip(" \t"))
        b = start - blank
        head = len(pending) - blank
        m = SET_SWALLOWED_PREFIX.search(src[max(0, b - 64) : b])
        if m and len(m.group()) <= head and (blank or m.group()[-1] != "#"):
            return head - len(m.group())
        if not blank or start - token_end < blank:
            return len(pending)
        if b <= token_end or src[b - 1] in "$\\#":
            return head
        if b - 1 == self._ref_end and (
            src[b - 1] == "}" or (src[b - 1] == "(" and self._ref_end == self._refmod_end)
        ):
            return head  # RCURLY after `$a`, LPAREN after `$a.b`: tokens, not TEXT
        m = IDENT_TAIL.search(src[max(0, b - 64) : b])
        if m and b - len(m.group()) == self._ref_end and len(m.group()) <= head:
            return head  # `$a.b()name`: an IDENTIFIER token (the lexer is still in REFERENCE)
        m = SET_AFTER_TOKEN.search(src[max(0, b - 64) : b])
        if m and len(m.group()) <= head:
            if m.group()[0] == "$" and b - len(m.group()) == self._refmod_end:
                return len(pending)  # no EMPTY_INDEX token right after `$a.b`
            return head  # `#word` and `#12` are tokens of their own, not TEXT
        return len(pending)

    def after_reference_hashes(self, ref: Reference) -> None:
        """`$a.b##`: Velocity 1.7's lexer has no `##` comment token in its REFMODIFIER state.

        After `$a.b` (or `$a.b[0]`) the first `#` only prefixes whatever the second `#`
        starts (`##end` is `#end`, `##*..*#` a comment); it shows up in the output only when
        that turns out to be text. After `$a`, `$a.b()` or `${..}`, `##` is a comment.
        """
        if ref.source[-1] == "}":
            return
        self._ref_end = self.pos
        steps = ref.steps
        i = len(steps)
        while i and steps[i - 1].kind == "index":
            i -= 1
        if i and steps[i - 1].kind == "prop":
            self._refmod_end = self.pos
            if self.src.startswith("##", self.pos):
                self.pos += 1
                self._hash_prefix = "#"

    def after_reference_braces(self, ref: Reference) -> str:
        """`$n{word}`: Velocity 1.7's lexer, still in its reference state after `$n`, reads
        `{word...}` as a token it never prints: only the `{` shows (`$n{word}` gives `5{`).

        The word starts with an ASCII letter, `_` or `$` and runs to the next `}`; a blank,
        quote, parenthesis or bracket before that `}` is a parse error, as in Java. Returns
        the text to print (one `{` per brace read) and moves past what the lexer swallows.
        """
        if ref.source[-1] == "}":
            return ""  # `${n}{word}` is plain text
        src, n = self.src, self.n
        shown = ""
        while self.pos < n and src[self.pos] == "{":
            start = self.pos + 1
            if start < n and (src[start] in "_$" or ("a" <= src[start].lower() <= "z")):
                end = start
                while end < n and src[end] != "}":
                    if src[end] in " \t\r\n()[]\"'":
                        raise self.error(
                            f"Encountered {src[end]!r} inside '{{...}}' after a reference", end
                        )
                    end += 1
                if end >= n:
                    raise self.error("'{' after a reference is missing its closing '}'", start)
                self.pos = end + 1
                return shown + "{"
            shown += "{"
            self.pos += 1
        return shown

    def prefix_joins_escape(self, start: int) -> bool:
        """After a `$`/`#` at `start` and the backslashes up to self.pos: does that prefix
        become a special token of the escape that follows (`\\#word`, or two or more `\\`)?"""
        src, pos = self.src, self.pos
        slashes = pos - start - 1
        return not src.startswith("$", pos) and (
            slashes >= 2 or (src.startswith("#", pos) and bool(self.directive_word(pos)[0]))
        )

    def directive_word(self, pos: int) -> tuple[str | None, int]:
        """The directive name after `#` at pos (`#word` or `#{word}`) and the end position."""
        src = self.src
        if pos + 1 < self.n and src[pos + 1] == "{":
            m = WORD.match(src, pos + 2)
            if m and m.end() < self.n and src[m.end()] == "}":
                return m.group(), m.end() + 1
            return None, pos
        m = WORD.match(src, pos + 1)
        return (m.group(), m.end()) if m else (None, pos)

    def eat_line_end(self) -> None:
        m = LINE_END.match(self.src, self.pos)
        if m:
            self.pos = m.end()

    def hash(
        self, start: int, terminators: frozenset[str], prefixed: bool = False
    ) -> tuple[str, object] | None:
        """Handle `#` at start: comment, unparsed block or directive; None means plain text."""
        src = self.src
        nxt = src[start + 1] if start + 1 < self.n else ""
        if nxt == "#":
            m = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?").match(src, start)
            self.pos = m.end() if m else self.n
            return "node", None
        if nxt == "*":
            end = src.find("*#", start + 2)
            self.pos = self.n if end < 0 else end + 2
            return "node", None
        if src.startswith("[[", start + 1):
            end = src.find("]]#", start + 3)
            if end < 0:
                return None
            self.pos = end + 3
            return "node", Text(src[start + 3 : end])
        if src.startswith("@", start + 1):
            return self.block_macro_call(start)
        word, after = self.directive_word(start)
        if word is None:
            return None
        if (prefixed and word not in ("if", "elseif", "else", "end")) or (
            start == self._pre_directive_at and word == "set"
        ):
            # The lexer reads `##foreach` as a directive named "#foreach", and `#set` in a
            # leaked PRE_DIRECTIVE state as a WORD: unknown directives, printed literally.
            return "text", self.src[start : self.unknown_directive(after)]
        if word in ("else", "elseif", "end"):
            if word not in terminators and not (word == "elseif" and "else" in terminators):
                raise self.error(f'Encountered "#{word}" with no matching #if/#foreach', start)
            return "end", word
        if word == "set":
            self.pos = after
            return "set", self.set_directive()
        if word == "if":
            self.pos = after
            return "node", self.if_directive(start)
        if word == "foreach":
            self.pos = after
            return "node", self.foreach_directive(start)
        if word in ("stop", "break"):
            self.pos = after
            return "node", StopDirective() if word == "stop" else BreakDirective()
        if word == "macro":
            self.pos = after
            return "node", self.macro_definition()
        if word in self.macros:
            self.pos = after
            self.ws()
            if self.peek() != "(":
                self.pos = start
                return None
            return "node", self.macro_call(word, start)
        end = self.unknown_directive(after)
        return None if end == after else ("text", self.src[start:end])

    def block_macro_call(self, start: int) -> tuple[str, object] | None:
        """`#@name(args) body #end`: without such a macro Velocity prints it all literally."""
        m = DIRECTIVE_WORD.match(self.src, start + 1)
        assert m is not None
        if self.unknown_directive(m.end()) == m.end():
            return None
        _, _, at = self.content(frozenset({"end"}))
        _, self.pos = self.directive_word(at)
        self.eat_line_end()
        return "text", self.src[start : self.pos]

    def unknown_directive(self, after: int) -> int:
        """Where an unknown `#name` ends: Velocity still parses its `(...)` arguments."""
        self.pos = after
        self.ws()
        if self.peek() != "(":
            self.pos = after
            return after
        self.directive_args("directive")
        return self.pos

    def directive_args(self, directive: str) -> list[Node | str]:
        """`(a b, c)` parsed like Parser.jj's DirectiveArg list; bare words come back as str."""
        self.pos += 1
        args: list[Node | str] = []
        while True:
            self.ws()
            c = self.peek()
            if c == ")":
                self.pos += 1
                return args
            if not c:
                raise self.error(f"#{directive}(...) is missing ')'")
            if c == ",":
                self.pos += 1
                self.ws()
            m = DIRECTIVE_WORD.match(self.src, self.pos)
            if m and m.group() not in ("true", "false"):
                args.append(m.group())
                self.pos = m.end()
            else:
                args.append(self.parameter())

    def mark_leak(self, at: int) -> None:
        """After `$a.b##end` (or `##else`, `##if(..)`) the lexer stays in PRE_DIRECTIVE."""
        if at in self._leaky:
            self._pre_directive_at = self.pos

    # ------------------------------------------------------------ directives

    def open_paren(self, directive: str) -> None:
        self.ws(newlines=False)
        if self.peek() != "(":
            raise self.error(f"#{directive} needs '(' after it")
        self.pos += 1
        self.ws()

    def close_paren(self, directive: str) -> None:
        self.ws()
        if self.peek() != ")":
            raise self.error(f"#{directive}(...) is missing ')'")
        self.pos += 1
        self.eat_line_end()

    def set_directive(self) -> SetDirective:
        self.open_paren("set")
        if self.peek() != "$":
            raise self.error("#set needs a $reference on the left of '='")
        target = self.reference(self.pos, 0, self.pos, assignment=True)
        if target is None:
            raise self.error("#set needs a $reference on the left of '='")
        self.ws()
        if self.peek() != "=":
            raise self.error("#set needs '=' after the reference")
        self.pos += 1
        self.ws()
        expr = self.expression()
        self.close_paren("set")
        return SetDirective(target, expr)

    def if_directive(self, start: int) -> IfDirective:
        branches: list[tuple[Node, list[Node]]] = []
        otherwise: list[Node] | None = None
        self.open_paren("if")
        cond = self.expression()
        self.close_paren("if")
        self.mark_leak(start)
        while True:
            body, word, at = self.content(frozenset({"elseif", "else", "end"}))
            branches.append((cond, body))
            _, self.pos = self.directive_word(at)
            if word == "elseif":
                self.open_paren("elseif")
                cond = self.expression()
                self.close_paren("elseif")
                self.mark_leak(at)
                continue
            if word == "else":
                self.eat_line_end()
                self.mark_leak(at)
                otherwise, word, at = self.content(frozenset({"end"}))
                _, self.pos = self.directive_word(at)
            self.eat_line_end()
            self.mark_leak(at)
            return IfDirective(branches, otherwise)

    def foreach_directive(self, start: int) -> Node:
        """`#foreach($var in $list)`: arguments as Velocity 1.7's Foreach reads them.

        The parser takes any directive arguments (a bare word only second); Foreach then
        uses argument 0 as the variable, 2 as the list and a 4th one, if any, as the body.
        """
        self.ws()
        if self.peek() != "(":
            raise self.error("#foreach needs '(' after it")
        args = self.directive_args("foreach")
        for i, arg in enumerate(args):
            if isinstance(arg, str) and i != 1:
                raise self.error(f"Invalid arg #{i} in directive #foreach ('{arg}')", start)
        self.eat_line_end()
        body, _, at = self.content(frozenset({"end"}))
        _, self.pos = self.directive_word(at)
        self.eat_line_end()
        self.mark_leak(at)
        if len(args) < 2:
            line, column = self.where(start)
            return BrokenDirective("#foreach needs '$variable in list'", line, column)
        first = args[0]
        iterable = args[2] if len(args) > 2 else Literal(None, "")
        # only argument 1 (`in`) may be a bare word: the loop above refused the others
        assert isinstance(first, Node) and isinstance(iterable, Node)
        var = first.root if isinstance(first, Reference) else first.literal()[1:]
        if len(args) > 3:
            fourth = args[3]
            body = [fourth] if isinstance(fourth, Node) else []
        return ForeachDirective(var, iterable, body)

    def macro_definition(self) -> MacroDefinition:
        self.open_paren("macro")
        m = WORD.match(self.src, self.pos)
        if m is None:
            raise self.error("#macro needs a name")
        name = m.group()
        self.pos = m.end()
        params: list[str] = []
        while True:
            self.ws()
            if self.peek() == ",":
                self.pos += 1
                continue
            if self.peek() == ")":
                break
            pm = IDENT.match(self.src, self.pos + 1) if self.peek() == "$" else None
            if pm is None:
                raise self.error("#macro parameters must be $names")
            params.append(pm.group())
            self.pos = pm.end()
        self.pos += 1
        self.eat_line_end()
        macro = Macro(name, params, [])
        self.macros[name] = macro
        body, _, at = self.content(frozenset({"end"}))
        macro.body = body
        _, self.pos = self.directive_word(at)
        self.eat_line_end()
        return MacroDefinition()

    def macro_call(self, name: str, start: int) -> MacroCall:
        self.pos += 1
        args: list[Node] = []
        while True:
            self.ws()
            if self.peek() == ",":
                self.pos += 1
                continue
            if self.peek() == ")":
                break
            if self.pos >= self.n:
                raise self.error(f"#{name}(...) is missing ')'")
            args.append(self.parameter())
        self.pos += 1
        literal = self.src[start : self.pos]
        self.eat_line_end()
        return MacroCall(name, args, literal)

    # ------------------------------------------------------------ references

    def reference(
        self, dollar: int, backslashes: int, start: int, assignment: bool = False
    ) -> Reference | None:
        """Parse `$name...` at `dollar`; None when the `$` is plain text."""
        src, n = self.src, self.n
        p = dollar + 1
        quiet = False
        if p < n and src[p] == "!":
            quiet = True
            p += 1
            if p >= n:
                raise self.error("Lexical error: '$!' at the end of the template", p)
        formal = p < n and src[p] == "{"
        if formal:
            p += 1
        m = IDENT.match(src, p)
        if m is None:
            return None
        root = m.group()
        self.pos = m.end()
        steps: list[Step] = []
        while self.pos < n:
            c = src[self.pos]
            if c == "[" and self.index_ahead():
                at = self.pos
                self.pos += 1
                self.ws()
                arg = self.parameter()
                self.ws()
                if self.peek() != "]":
                    raise self.error("Index is missing ']'")
                self.pos += 1
                line, col = self.where(at)
                steps.append(Step("index", "get", [arg], line, col))
            elif c == "." and self.pos + 1 < n and src[self.pos + 1] in ALPHA:
                im = IDENT.match(src, self.pos + 1)
                assert im is not None
                name_at = self.pos + 1
                self.pos = im.end()
                line, col = self.where(name_at)
                if self.peek() == "(" and METHOD_AHEAD.match(src, self.pos):
                    steps.append(Step("method", im.group(), self.arguments(), line, col))
                else:
                    steps.append(Step("prop", im.group(), [], line, col))
            else:
                break
        if formal:
            if self.peek() != "}":
                raise self.error("Reference ${...} is missing its closing '}'")
            self.pos += 1
        line, col = self.where(dollar)
        del assignment
        source = src[dollar : self.pos]
        if self._unprinted and self._unprinted[-1][0] > dollar:
            # an escaped argument (`$a.b(\\$c)`) loses its backslashes in the literal text
            inner = [span for span in self._unprinted if span[0] > dollar]
            self._unprinted = [span for span in self._unprinted if span[0] < dollar]
            for begin, end in reversed(inner):
                source = source[: begin - dollar] + source[end - dollar :]
        return Reference(root, steps, source, quiet, backslashes, line, col)

    def index_ahead(self) -> bool:
        m = re.compile(r"\[[ \t]*([$'\"\[{0-9]|-[0-9]|true|false)").match(self.src, self.pos)
        return m is not None

    def arguments(self) -> list[Node]:
        self.pos += 1
        args: list[Node] = []
        self.ws()
        if self.peek() == ")":
            self.pos += 1
            return args
        while True:
            self.ws()
            word = IDENT.match(self.src, self.pos)
            if word and word.group() not in ("true", "false"):
                # the lexer reads `name` here as a reference missing its `$`; it fails when run
                line, column = self.where(self.pos)
                self.pos = word.end()
                message = f"'{word.group()}' is not a value: write '${word.group()}' or quote it"
                args.append(BrokenDirective(message, line, column))
            else:
                args.append(self.parameter())
            self.ws()
            c = self.peek()
            if c == ",":
                self.pos += 1
                continue
            if c == ")":
                self.pos += 1
                return args
            raise self.error("Method arguments: expected ',' or ')'")

    # ------------------------------------------------------------ expressions

    def peek(self) -> str:
        return self.src[self.pos] if self.pos < self.n else ""

    def ws(self, newlines: bool = True) -> None:
        src, n = self.src, self.n
        chars = " \t\r\n" if newlines else " \t"
        while self.pos < n and src[self.pos] in chars:
            self.pos += 1

    def word_at(self, word: str) -> bool:
        end = self.pos + len(word)
        return self.src.startswith(word, self.pos) and (
            end >= self.n or not (self.src[end].isalnum() or self.src[end] == "_")
        )

    def operator(self, options: tuple[str, ...]) -> str | None:
        self.ws()
        for op in options:
            if op.isalpha():
                if self.word_at(op):
                    self.pos += len(op)
                    return OPERATOR_WORDS[op]
            elif self.src.startswith(op, self.pos):
                if op == "<" and self.src.startswith("<=", self.pos):
                    continue
                if op == ">" and self.src.startswith(">=", self.pos):
                    continue
                if op == "!" and self.src.startswith("!=", self.pos):
                    continue
                if op in ("=", "==") and not self.src.startswith("==", self.pos):
                    continue
                if op == "-" and self.pos + 1 < self.n and self.src[self.pos + 1].isdigit():
                    raise self.error(
                        "Unexpected negative number literal (write '- 2' with a space)"
                    )
                self.pos += len(op)
                return op
        return None

    def expression(self) -> Node:
        left = self.and_expr()
        while self.operator(("||", "or")):
            left = Logical(False, left, self.and_expr())
        return left

    def and_expr(self) -> Node:
        left = self.equality()
        while self.operator(("&&", "and")):
            left = Logical(True, left, self.equality())
        return left

    def equality(self) -> Node:
        left = self.relational()
        while op := self.operator(("==", "!=", "eq", "ne")):
            left = Compare(op, left, self.relational())
        return left

    def relational(self) -> Node:
        left = self.additive()
        while op := self.operator(("<=", ">=", "<", ">", "le", "ge", "lt", "gt")):
            left = Compare(op, left, self.additive())
        return left

    def additive(self) -> Node:
        left = self.multiplicative()
        while op := self.operator(("+", "-")):
            left = Arithmetic(op, left, self.multiplicative())
        return left

    def multiplicative(self) -> Node:
        left = self.unary()
        while op := self.operator(("*", "/", "%")):
            left = Arithmetic(op, left, self.unary())
        return left

    def unary(self) -> Node:
        self.ws()
        if self.peek() == "!" and not self.src.startswith("!=", self.pos):
            self.pos += 1
            return Not(self.unary())
        if self.word_at("not"):
            self.pos += 3
            return Not(self.unary())
        if self.peek() == "(":
            self.pos += 1
            inner = self.expression()
            self.ws()
            if self.peek() != ")":
                raise self.error("Missing ')'")
            self.pos += 1
            return Paren(inner)
        return self.parameter()

    def parameter(self) -> Node:
        """A literal or reference (Velocity 1.7 method arguments allow no operators)."""
        self.ws()
        src = self.src
        c = self.peek()
        start = self.pos
        if c in ("'", '"'):
            return self.string(c)
        if c == "[":
            return self.list_or_range()
        if c == "{":
            return self.map_literal()
        if c == "$" or c == "\\":
            dollar = start
            while dollar < self.n and src[dollar] == "\\":
                dollar += 1  # `\\$x` is still a reference, escaped only when rendered
            ref = (
                self.reference(dollar, dollar - start, start)
                if src[dollar : dollar + 1] == "$"
                else None
            )
            if ref is None:
                raise self.error("Expected a value")
            if dollar > start:
                self._unprinted.append((start, dollar))
            return ref
        m = NUMBER.match(src, start)
        if m:
            text = m.group()
            if "." in text or "e" in text or "E" in text:
                if (
                    src.startswith("..", m.end() - 1 - text[::-1].find("."))
                    and text.count(".") == 1
                    and ".." in src[start : m.end() + 1]
                ):
                    pass
                value: object = float(text)
            else:
                value = int(text)
            if isinstance(value, float) and src.startswith(".", m.end()):
                raise self.error("Malformed number")
            if (
                isinstance(value, int)
                and src.startswith(".", m.end())
                and not src.startswith("..", m.end())
            ):
                raise self.error("Malformed number")
            self.pos = m.end()
            return Literal(value, text)
        if self.word_at("true"):
            self.pos += 4
            return BoolLiteral(True, "true")
        if self.word_at("false"):
            self.pos += 5
            return BoolLiteral(False, "false")
        raise self.error("Expected a value (string, number, list, map, true/false or $reference)")

    def string(self, quote: str) -> Node:
        start = self.pos
        i = start + 1
        parts: list[str] = []
        src, n = self.src, self.n
        while True:
            end = src.find(quote, i)
            if end < 0:
                raise self.error("Unterminated string literal", start)
            parts.append(src[i:end])
            if end + 1 < n and src[end + 1] == quote:
                parts.append(quote)
                i = end + 2
                continue
            self.pos = end + 1
            break
        text = "".join(parts)
        source = src[start : self.pos]
        if quote == '"' and ("$" in text or "#" in text):
            inner = Parser(text, self.name, self.macros, start + 1, self)
            return Interpolated(inner.parse_template(), source)
        return Literal(text, source)

    def list_or_range(self) -> Node:
        start = self.pos
        self.pos += 1
        self.ws()
        items: list[Node] = []
        if self.peek() == "]":
            self.pos += 1
            return ListLiteral(items, self.src[start : self.pos])
        first = self.parameter()
        self.ws()
        if self.src.startswith("..", self.pos):
            self.pos += 2
            self.ws()
            second = self.parameter()
            self.ws()
            if self.peek() != "]":
                raise self.error("Range is missing ']'")
            self.pos += 1
            return Range(first, second, self.src[start : self.pos])
        items.append(first)
        while True:
            self.ws()
            c = self.peek()
            if c == ",":
                self.pos += 1
                items.append(self.parameter())
            elif c == "]":
                self.pos += 1
                return ListLiteral(items, self.src[start : self.pos])
            else:
                raise self.error("List: expected ',' or ']'")

    def map_literal(self) -> Node:
        start = self.pos
        self.pos += 1
        pairs: list[tuple[Node, Node]] = []
        self.ws()
        if self.peek() == "}":
            self.pos += 1
            return MapLiteral(pairs, self.src[start : self.pos])
        while True:
            key = self.parameter()
            self.ws()
            if self.peek() != ":":
                raise self.error("Map: expected ':'")
            self.pos += 1
            value = self.parameter()
            pairs.append((key, value))
            self.ws()
            c = self.peek()
            self.pos += 1
            if c == "}":
                return MapLiteral(pairs, self.src[start : self.pos])
            if c != ",":
                self.pos -= 1
                raise self.error("Map: expected ',' or '}'")
            self.ws()
