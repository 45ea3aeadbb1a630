"""La bibliografía del curso en español (sphinxcontrib-bibtex y pybtex).

Registra dos estilos que ``_config.yml`` elige:

- ``bibtex_reference_style: autor_anio``: citas autor-año con paréntesis y en español:
  {cite:t}`rosenblatt1958` → «Rosenblatt (1958)», {cite:p}`minsky1969` → «(Minsky y Papert, 1969)»,
  tres o más autores → «Srivastava y colaboradores (2014)», varias obras → «(A, 1958; B, 1969)».
- ``bibtex_default_style: espanol``: la lista de «Referencias» con las palabras de enlace en español
  («En», «págs.», «capítulo», «Tesis doctoral», «2.ª edición», «y» entre autores) y una etiqueta
  autor-año para cada obra («[Minsky y Papert, 1969]»), con una letra si dos obras la comparten
  («1986a», «1986b»). Los títulos quedan en su idioma original.
"""
import re
from collections import Counter
from dataclasses import dataclass, field

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.richtext import Symbol, Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import (
    field as bib_field,
    first_of,
    join,
    names,
    optional,
    optional_field,
    sentence,
    tag,
    together,
    words,
)
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

OTROS = " y colaboradores"


def _parentesis():
    return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")


def _personas():
    return PersonStyle(sep=", ", sep2=" y ", last_sep=" y ", other=Text(OTROS))


@dataclass
class AutorAnio(AuthorYearReferenceStyle):
    """Autor-año con paréntesis y «y» (en lugar de corchetes y «and»)."""

    bracket_textual: BracketStyle = field(default_factory=_parentesis)
    bracket_parenthetical: BracketStyle = field(default_factory=_parentesis)
    bracket_author: BracketStyle = field(default_factory=_parentesis)
    bracket_label: BracketStyle = field(default_factory=_parentesis)
    bracket_year: BracketStyle = field(default_factory=_parentesis)
    person: PersonStyle = field(default_factory=_personas)


def _apellidos(person):
    return re.sub(r"[{}]", "", " ".join(person.prelast_names + person.last_names))


class EtiquetaAutorAnio(BaseLabelStyle):
    """«McCulloch y Pitts, 1943», «Srivastava y col., 2014»; una letra si dos obras la comparten."""

    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        bases = []
        for entry in entries:
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            if len(people) == 1:
                who = _apellidos(people[0])
            elif len(people) == 2:
                who = f"{_apellidos(people[0])} y {_apellidos(people[1])}"
            elif people:
                who = f"{_apellidos(people[0])} y col."
            else:
                who = entry.key
            bases.append(f"{who}, {entry.fields.get('year', 's. f.')}")
        # La letra de la clave (rumelhart1986b) pasa a la etiqueta; si aun así dos coinciden, a, b...
        labels = [base + _letra(entry.key) for base, entry in zip(bases, entries)]
        repeated, seen = Counter(labels), Counter()
        for label in labels:
            if repeated[label] > 1:
                seen[label] += 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label


def _letra(key):
    """La letra final de una clave repetida: «b» en rumelhart1986b, nada en rumelhart1986."""
    match = re.search(r"\d{4}([a-z])$", key)
    return match.group(1) if match else ""


def _edicion(text):
    text = str(text)
    return f"{text}.ª" if text.isdigit() else text


pages = bib_field("pages", apply_func=lambda text: Text(Symbol("ndash")).join(text.split(re.compile(r"-+"))))


class Espanol(PlainStyle):
    """El estilo ``plain`` de pybtex (orden por autor, año y título) con sus palabras en español."""

    default_label_style = "autor_anio"

    def format_names(self, role, as_sentence=True):
        formatted = names(role, sep=", ", sep2=" y ", last_sep=" y ")
        return sentence[formatted] if as_sentence else formatted

    def get_article_template(self, e):
        volume_and_pages = first_of[
            optional[join[bib_field("volume"), optional["(", bib_field("number"), ")"], ":", pages]],
            words["págs.", pages],
        ]
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[self.format_journal(e), optional[volume_and_pages], bib_field("year")],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_journal(self, e):
        return tag("em")[bib_field("journal")]

    def format_editor(self, e, as_sentence=True):
        editors = self.format_names("editor", as_sentence=False)
        if "editor" not in e.persons:
            return editors
        word = "(eds.)" if len(e.persons["editor"]) > 1 else "(ed.)"
        result = words[editors, word]
        return sentence[result] if as_sentence else result

    def format_volume_and_series(self, e, as_sentence=True):
        volume_and_series = optional[
            words[
                together["Vol." if as_sentence else "vol.", bib_field("volume")],
                optional[words["de", bib_field("series")]],
            ]
        ]
        number_and_series = optional[
            words[
                join(sep=Symbol("nbsp"))["Núm." if as_sentence else "núm.", bib_field("number")],
                optional[words["de", bib_field("series")]],
            ]
        ]
        result = first_of[volume_and_series, number_and_series, optional_field("series")]
        return sentence(capfirst=True)[result] if as_sentence else result

    def format_chapter_and_pages(self, e):
        return join(sep=", ")[
            optional[together["capítulo", bib_field("chapter")]],
            optional[together["págs.", pages]],
        ]

    def format_edition(self, e):
        return optional[words[bib_field("edition", apply_func=_edicion), "edición"]]

    def get_incollection_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                "En",
                sentence[
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_volume_and_series(e, as_sentence=False),
                    self.format_chapter_and_pages(e),
                ],
            ],
            sentence[optional_field("publisher"), optional_field("address"), self.format_edition(e),
                     bib_field("year")],
            self.format_web_refs(e),
        ]

    def get_inproceedings_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                "En",
                sentence[
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_volume_and_series(e, as_sentence=False),
                    optional[together["págs.", pages]],
                ],
                self.format_address_organization_publisher_date(e),
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_mastersthesis_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence["Tesis de maestría", bib_field("school"), optional_field("address"), bib_field("year")],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_phdthesis_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_btitle(e, "title"),
            sentence[first_of[optional_field("type"), "Tesis doctoral"], bib_field("school"),
                     optional_field("address"), bib_field("year")],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e)],
            optional[self.format_eprint(e)],
            optional[self.format_doi(e)],
        ]


pybtex.plugin.register_plugin("pybtex.style.labels", "autor_anio", EtiquetaAutorAnio)
pybtex.plugin.register_plugin("pybtex.style.formatting", "espanol", Espanol)
sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", "autor_anio", AutorAnio)


def setup(app):
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
