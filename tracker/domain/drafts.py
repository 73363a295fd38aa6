"""E-mail and LinkedIn drafts: templates, who they are for, and filling them in.

Pure: no files, no database, no clock. A template is plain text (see `parse_template`):

    For: professor
    Subject: Research internship enquiry from {my_name}

    Dear {professor},
    ...

The header lines at the top (`Subject:`, `Channel:`, `For:`; any case) end at the first
blank line; without them the whole text is the body. Placeholders are `{name}` with a
name from `PLACEHOLDERS`; `{{` and `}}` write a brace. They are found with a regular
expression and replaced by plain strings, never through `str.format`, so neither a
template nor the data in it can reach an attribute (`{x.__class__}` is just an unknown
placeholder), and a value that holds braces is written as it is, not expanded again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from tracker.domain.vocab import ROLES
from tracker.domain.errors import InvalidInput

PLACEHOLDERS: dict[str, str] = {
    "name": "the person's name, as recorded",
    "professor": 'how to address them: "Prof. <name>" for a professor, else their name',
    "role": "their role: professor, phd-student, postdoc...",
    "lab": 'their lab (else the opportunity\'s), or "your group"',
    "organization": 'their organization, or "your institution"',
    "where": 'lab and organization together: "Computer Vision Lab, GIST"',
    "research_areas": 'their research areas as a phrase: "a, b and c"',
    "paper": "the paper you last mentioned to them (or the one given with --paper)",
    "opportunity": "the opportunity's title",
    "cycle": 'the opportunity\'s cycle ("Summer 2027"), or "the coming cycle"',
    "deadline": "the opportunity's deadline, with its time and zone when it has one",
    "interview_date": "the day of your last interview with them, in the interview's zone",
    "interview_format": "what that interview was: present your work, basic ML questions...",
    "offer_respond_by": "the day you must answer their offer by",
    "last_subject": 'the subject of your last message to them, or "my last message"',
    "last_date": "the day you last wrote to them",
    "days_since": "how many days ago that was",
    "letters": "the letters you asked of them that are still owed: a numbered list with deadlines",
    "accepted": 'the offer you accepted last: its lab and organization, "Computer Vision Lab, GIST"',
    "accepted_cycle": 'the cycle of the offer you accepted last ("Summer 2027"), or "this coming cycle"',
    "my_name": "your name (tracker profile --name)",
    "my_institution": "your home institution (tracker profile --institution)",
    "my_gpa": "your GPA with its scale (tracker profile --gpa)",
}
"""Every placeholder a template may use, with what it becomes."""

SITUATIONS: dict[str, str] = {
    "written-to": "you have sent them an e-mail or LinkedIn message",
    "interviewed": "you had an interview with them (or for their opportunity)",
    "offer": "their opportunity made you an offer you have not accepted",
    "letters": "they owe you a reference letter",
    "wrote-letter": "they wrote you a reference letter, and you have accepted an offer to tell them of",
    "asked-letter": "you asked them for a reference letter, and you have accepted an offer to tell them of",
}
"""Words a template's `For:` line may use besides the roles."""

CHANNELS = ("email", "linkedin", "last")
"""A template's `Channel:`: how it is sent; "last" is the channel you last wrote to them on."""

HEADERS = ("subject", "channel", "for")

LINKEDIN_LIMIT = 300
"""Characters a LinkedIn connection note may hold."""

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|\{")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_LEFTOVER = re.compile(r"\{[a-z][a-z0-9_]*\}")


class TemplateError(InvalidInput):
    """A template that cannot be used: an unknown placeholder, a bad header."""


class MissingValue(InvalidInput):
    """A placeholder the records cannot fill (no paper on record, no interview...)."""

    def __init__(self, names: tuple[str, ...], template: str) -> None:
        self.names = names
        self.template = template
        listed = ", ".join("{" + n + "}" for n in names)
        super().__init__(f"the {template} template needs {listed}, and nothing on record fills it")


@dataclass(frozen=True)
class Template:
    """One draft template, built in or the user's."""

    name: str
    """The file's name without .txt: "cold-email"."""
    body: str
    subject: str | None = None
    channel: str = "email"
    audience: tuple[str, ...] = ()
    """Roles and situations (`SITUATIONS`) it is for; empty means anyone."""
    origin: str = "built-in"
    """"built-in" or "user"."""
    path: str = ""
    """Where it was read from, for messages."""

    def placeholders(self) -> tuple[str, ...]:
        """The placeholders it uses, in order of first use."""
        seen: dict[str, None] = {}
        for text in (self.subject or "", self.body):
            for name in _names(text, self.path or self.name):
                seen.setdefault(name, None)
        return tuple(seen)


@dataclass(frozen=True)
class Draft:
    """A rendered draft."""

    template: str
    body: str
    subject: str | None = None
    channel: str = "email"
    missing: tuple[str, ...] = ()
    """Placeholders left as they were because nothing filled them (only when not strict)."""

    def text(self) -> str:
        """Subject line, a blank line, the body: the form `parse_draft` reads back."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject is not None else self.body


@dataclass(frozen=True)
class PersonFacts:
    """What decides which templates fit a person."""

    role: str
    written_to: bool = False
    interviewed: bool = False
    offer: bool = False
    letters: bool = False
    wrote_letter: bool = False
    """A letter of theirs was submitted (or thanked for)."""
    asked_letter: bool = False
    """A letter was asked of them (alerted, or more)."""
    accepted: bool = False
    """You accepted an offer: news for the writers."""

    @property
    def situations(self) -> tuple[str, ...]:
        """The `SITUATIONS` words that hold for them."""
        flags = (("written-to", self.written_to), ("interviewed", self.interviewed),
                 ("offer", self.offer), ("letters", self.letters),
                 ("wrote-letter", self.wrote_letter and self.accepted),
                 ("asked-letter", self.asked_letter and self.accepted))
        return tuple(word for word, on in flags if on)


def applies(template: Template, person: PersonFacts) -> bool:
    """Whether `template` fits `person`: its `For:` names their role or one of their situations."""
    if not template.audience:
        return True
    return any(word == person.role or word in person.situations for word in template.audience)


def _names(text: str, where: str) -> list[str]:
    names = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("{{", "}}"):
            continue
        inner = match.group(1)
        line = text.count("\n", 0, match.start()) + 1
        if inner is None:
            raise TemplateError(f"{where}, line {line}: a lone {{; write {{{{ for a brace")
        if not _NAME.fullmatch(inner) or inner not in PLACEHOLDERS:
            known = ", ".join(PLACEHOLDERS)
            raise TemplateError(f"{where}, line {line}: unknown placeholder {{{inner}}}; known: {known}")
        names.append(inner)
    return names


def parse_template(text: str, *, name: str, origin: str = "built-in", path: str = "") -> Template:
    """Read a template file's text; raises TemplateError naming the file and line of a mistake."""
    where = path or name
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines):
        key, sep, value = lines[index].partition(":")
        if not sep or key.strip().lower() not in HEADERS:
            break
        headers[key.strip().lower()] = value.strip()
        index += 1
    if headers and index < len(lines):
        if lines[index].strip():
            raise TemplateError(f"{where}, line {index + 1}: put a blank line between the header lines and the body")
        index += 1
    body = "\n".join(lines[index:]).strip("\n") + "\n"
    channel = headers.get("channel", "email").lower() or "email"
    if channel not in CHANNELS:
        raise TemplateError(f"{where}: Channel: {channel} is not one of {', '.join(CHANNELS)}")
    audience = tuple(w.strip().lower() for w in re.split(r"[,;]", headers.get("for", "")) if w.strip())
    for word in audience:
        if word not in ROLES and word not in SITUATIONS:
            raise TemplateError(f"{where}: For: {word} is not a role ({', '.join(ROLES)}) "
                                f"or a situation ({', '.join(SITUATIONS)})")
    template = Template(name=name, body=body, subject=headers.get("subject"), channel=channel,
                        audience=audience, origin=origin, path=path)
    template.placeholders()  # checks every placeholder
    return template


def fill(text: str, values: Mapping[str, str | None], *, where: str = "template") -> tuple[str, tuple[str, ...]]:
    """`text` with its placeholders replaced; (result, names with no value, left as typed)."""
    missing: list[str] = []
    _names(text, where)

    def replace(match: re.Match[str]) -> str:
        token = match.group()
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        value = values.get(name)
        if value is None:
            if name not in missing:
                missing.append(name)
            return token
        return value

    return _TOKEN.sub(replace, text), tuple(missing)


def render(template: Template, values: Mapping[str, str | None], *, strict: bool = True) -> Draft:
    """Fill `template` from `values` (None: not on record).

    Strict: raises MissingValue naming every placeholder nothing fills. Otherwise those stay
    as `{name}` in the text and are listed in `Draft.missing`.
    """
    where = template.path or template.name
    subject, missing_subject = fill(template.subject, values, where=where) if template.subject is not None else (None, ())
    body, missing_body = fill(template.body, values, where=where)
    missing = tuple(dict.fromkeys(missing_subject + missing_body))
    if missing and strict:
        raise MissingValue(missing, template.name)
    channel = template.channel
    if channel == "last":
        channel = values.get("last_channel") or "email"
    if channel == "linkedin":
        subject = None  # LinkedIn messages have no subject
    elif subject is not None:
        subject = " ".join(subject.split())
    return Draft(template=template.name, body=body, subject=subject, channel=channel, missing=missing)


def leftovers(text: str) -> list[str]:
    """Placeholders still in a text: `{paper}`, `{lab}`..."""
    return _LEFTOVER.findall(text)


def parse_draft(text: str) -> tuple[str | None, str]:
    """(subject, body) of a draft as `Draft.text` writes it (and as the user edited it)."""
    text = text.replace("\r\n", "\n")
    first, _sep, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:"):].strip() or None, rest.lstrip("\n")
    return None, text


def draft_warnings(template: Template, body: str) -> list[str]:
    """What to check before sending: a LinkedIn note (`Channel: linkedin`) longer than LinkedIn accepts."""
    length = len(body.strip())
    if template.channel == "linkedin" and length > LINKEDIN_LIMIT:
        return [f"the note is {length} characters; LinkedIn connection notes take {LINKEDIN_LIMIT}"]
    return []


def mailto_url(address: str, subject: str | None, body: str) -> str:
    """A mailto: link (RFC 6068) with the subject and body percent-encoded, lines ending in CRLF."""
    params = []
    if subject:
        params.append("subject=" + quote(subject, safe=""))
    params.append("body=" + quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe=""))
    return "mailto:" + quote(address.strip(), safe="@") + "?" + "&".join(params)
