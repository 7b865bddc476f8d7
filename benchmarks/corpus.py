"""A large, varied corpus in the genre, generated for the benchmarks.

The seeds (and the dev documents at ``../shared/eval/dev/docs`` when that
folder is there) are cut into paragraphs; each generated document is a new
cable, report or news story: a header, paragraphs drawn from the whole pool
with their sentences recombined, country names swapped for others from the
gazetteer (one consistent swap per document), and sentences of cooperation,
funding and routes between real countries and bodies. Generation is seeded,
so one ``--words`` and ``--seed`` always give the same corpus, and no two
documents are the same text.

    python -m benchmarks.corpus /tmp/corpus --words 50000
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from pathlib import Path

from tipgraph.ontology.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SOURCE_FOLDERS = (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "dev" / "docs")

BODIES = (
    "Ministry of Public Security",
    "Ministry of Labour",
    "Ministry of Foreign Affairs",
    "National Police",
    "Department of Immigration",
    "Anti-Trafficking Unit",
    "Ministry of Social Welfare",
    "Border Guard Command",
    "Women's Union",
    "Office of the Attorney General",
)
INTERNATIONAL = ("IOM", "UNICEF", "UNODC", "the International Labour Organization", "UN Women", "UNHCR")
NGOS = (
    "Save the Children",
    "World Vision",
    "Caritas",
    "Blue Dragon Children's Foundation",
    "La Strada",
    "Terre des Hommes",
)
PURPOSES = (
    "forced labour on fishing boats",
    "sexual exploitation in karaoke bars",
    "forced marriage",
    "domestic servitude",
    "begging",
    "work in construction",
    "cannabis cultivation",
)
VICTIMS = ("women", "children", "young men", "girls", "migrant workers", "boys")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

COOPERATION = (
    "The {body} of {a} and {org} cooperate closely on victim identification.",
    "{org} worked together with the {body} of {a} to train border officials in {b}.",
    "In {year}, {a} and {b} signed a memorandum on joint cooperation against trafficking in persons.",
    "Officials said cooperation between the {body} and {ngo} had improved since {year}.",
)
FUNDING = (
    "The shelter in {a} is funded by {org}.",
    "A {org}-funded project run by {ngo} offers vocational training to returnees in {a}.",
    "{org} provides funds to the {body} of {b} for a victim hotline.",
)
ROUTES = (
    "{victims} from {a} are trafficked to {b} for {purpose}.",
    "Brokers lure {victims} from {a} with promises of jobs and sell them to {b} for {purpose}.",
    "Police reported that {victims} in {a} were smuggled through {c} and trafficked into {b}.",
)


def source_paragraphs(folders=SOURCE_FOLDERS) -> list[str]:
    """Paragraphs of every seed and dev document found (at least the seeds)."""
    paragraphs = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
                if len(block.split()) >= 12:
                    paragraphs.append(block.strip())
    if not paragraphs:
        raise SystemExit(f"no source documents found in {', '.join(map(str, folders))}")
    return paragraphs


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"(])", paragraph) if s]


class Generator:
    """Documents in the genre, one per call of :meth:`document`."""

    def __init__(self, seed: int = 7):
        self.paragraphs = source_paragraphs()
        gazetteer = load_gazetteer()
        self.countries = sorted(e.name for e in gazetteer if e.cls == "Country")
        self.known = sorted(
            {n for e in gazetteer if e.cls == "Country" for n in e.names if len(n) > 3}, key=len, reverse=True
        )
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, self.known)) + r")\b")
        self.seed = seed

    def document(self, index: int) -> str:
        rng = random.Random(f"{self.seed}:{index}")
        swap: dict[str, str] = {}

        def swapped(match: re.Match) -> str:
            return swap.setdefault(match.group(1), rng.choice(self.countries))

        places = rng.sample(self.countries, 3)
        lines = [self.header(rng, index, places)]
        for _ in range(rng.randint(6, 30)):
            paragraph = rng.choice(self.paragraphs)
            parts = sentences(paragraph)
            if len(parts) > 2 and rng.random() < 0.5:
                rng.shuffle(parts)
                parts = parts[: rng.randint(2, len(parts))]
            text = self.pattern.sub(swapped, " ".join(parts))
            if rng.random() < 0.6:
                text += " " + self.statement(rng)
            lines.append(f"{len(lines)}. {text}")
        return "\n\n".join(lines) + "\n"

    def header(self, rng: random.Random, index: int, places: list[str]) -> str:
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2003, 2012)
        kind = rng.random()
        if kind < 0.5:
            return (
                f"O {day:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}Z {month} {year % 100:02d}\n"
                f"FM AMEMBASSY {places[0].upper()}\nTO SECSTATE WASHDC {rng.randint(100, 9999)}\n\n"
                f"SUBJECT: {places[0].upper()}: TRAFFICKING IN PERSONS UPDATE {index}"
            )
        if kind < 0.8:
            return f"{rng.choice(NGOS)} field report no. {index}, {day} {month.title()} {year}\n\nTrafficking from {places[0]} to {places[1]}"
        return f"{places[1]} news, {day} {month.title()} {year}\n\nNew cases of trafficking reported in {places[0]}"

    def statement(self, rng: random.Random) -> str:
        a, b, c = rng.sample(self.countries, 3)
        values = {
            "a": a,
            "b": b,
            "c": c,
            "year": rng.randint(2003, 2012),
            "body": rng.choice(BODIES),
            "org": rng.choice(INTERNATIONAL),
            "ngo": rng.choice(NGOS),
            "purpose": rng.choice(PURPOSES),
            "victims": rng.choice(VICTIMS),
        }
        family = rng.choice((COOPERATION, FUNDING, ROUTES))
        text = rng.choice(family).format(**values)
        return text[0].upper() + text[1:]


def generate(words: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """Yield (file name, text) until about ``words`` words."""
    generator = Generator(seed)
    total = index = 0
    while total < words:
        text = generator.document(index)
        total += len(text.split())
        yield f"doc_{index:06d}.txt", text
        index += 1


def write_corpus(folder: str | Path, words: int, seed: int = 7) -> tuple[int, int]:
    """Write the corpus to ``folder``; return (documents, words)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    documents = total = 0
    for name, text in generate(words, seed):
        (folder / name).write_text(text, encoding="utf-8")
        documents += 1
        total += len(text.split())
    return documents, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    documents, words = write_corpus(args.folder, args.words, args.seed)
    print(f"wrote {documents} documents, {words} words to {args.folder}")


if __name__ == "__main__":
    main()
