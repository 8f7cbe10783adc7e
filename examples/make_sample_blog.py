#!/usr/bin/env python3
"""Writes the sample blog that lookback's README demo archives: examples/sample-blog/.

    python3 examples/make_sample_blog.py            # rewrites examples/sample-blog/ (deterministic)

The output is committed, so the demo needs no Python. It is the build folder of a small Hugo blog
("Harbour Notes", base URL http://sample.lookback.test/) in two versions:

    sample-blog/v1/          the site as first published (30 posts)
    sample-blog/v2/          the same site a few weeks later, with the known edits listed in EDITS below
    sample-blog/truth/       what an extractor should find: v1.jsonl, v2.jsonl (one post a line) and
                             changes.json (what `lookback diff` should report between v1 and v2)

Only the Python standard library is used, and no clock or hash seed is read: the same script always
writes the same bytes.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import sys
import unicodedata
import urllib.parse
import zlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

BASE = "http://sample.lookback.test/"
SITE = "Harbour Notes"
SITE_DESCRIPTION = "Notes on bicycles, bread, small software tools and a stubborn allotment."
PER_PAGE = 10           # Hugo's default `paginate`
PLACEHOLDER = "No post summary was provided."
CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))

AUTHORS = {
    "Maya Lindqvist": "maya-lindqvist",
    "Tomás Ferreira": "tomas-ferreira",
    "Chloé Martin": "chloe-martin",
    "佐藤 健": "sato-ken",
}

# ---------------------------------------------------------------------------------------------
# Text. Each post gets its own lede, then paragraphs drawn (without repeats) from its topic's bank.

BANKS = {
    "cycling": [
        "The first ten minutes always feel harder than the next two hours.",
        "I keep a small pump, two tyre levers and a spare tube in a saddle bag that never leaves the bike.",
        "Most of what people call fitness on a bike is really just knowing when to change gear.",
        "The road along the river is flat, but the wind off the water makes it anything but easy.",
        "A chain that is cleaned and oiled every few weeks lasts twice as long and sounds half as loud.",
        "I have stopped trusting the weather app and started trusting the flags on the harbour wall.",
        "Lights front and back, even in daylight, have made drivers noticeably more patient with me.",
        "On long climbs I count pedal strokes in sets of fifty, which is silly and works every time.",
        "Mudguards are not elegant, but neither is a stripe of road water up your back.",
        "The local bike shop taught me more in one afternoon than a year of videos did.",
        "Wider tyres at lower pressure turned the cobbled streets from a punishment into a shrug.",
        "I write down every ride in a notebook: distance, weather, and one thing I noticed.",
        "Riding with a friend who is slightly faster is the best training plan I have found.",
        "Coffee stops are not a break from the ride; they are the reason for it.",
        "Every mechanical problem I have had started as a small noise I decided to ignore.",
    ],
    "kitchen": [
        "Weighing ingredients instead of measuring cups made my results boringly consistent, which is the point.",
        "The kitchen was colder than usual this week, so everything took about an hour longer.",
        "I now write the date and the flour mix on a strip of masking tape on every jar.",
        "A cheap probe thermometer settled more arguments in our house than any recipe book.",
        "Salt goes in later than you think and in larger amounts than you would like.",
        "The dough should feel slack and a little sticky; adding flour at this point is nearly always a mistake.",
        "My grandmother never measured anything, which is lovely to remember and impossible to reproduce.",
        "Half of good baking is patience and the other half is cleaning up while you wait.",
        "The oven runs about fifteen degrees hot on the left side, so I turn trays halfway through.",
        "Glass jars with wide mouths are much easier to clean than the pretty narrow ones.",
        "If it smells sharp and pleasant it is fine; if it smells like nail varnish it needs feeding.",
        "I bake on Saturday mornings, when nobody needs the kitchen and the radio plays old jazz.",
        "Failures go in the notebook too, with a guess at what went wrong.",
        "Neighbours are very forgiving of odd-looking loaves as long as they are still warm.",
        "A bench scraper costs almost nothing and is the tool I reach for most.",
    ],
    "software": [
        "The whole thing fits in a single file, which means I can still read it a year later.",
        "I started by writing down what the tool should refuse to do, and that list turned out to be the design.",
        "Every error message names the file and the line, because future me will not remember the context.",
        "The slow part was never the code; it was deciding what the output should look like.",
        "Plain text files in a git repository have outlived three note-taking apps so far.",
        "A test that compares the output with a file checked into the repository catches most regressions for free.",
        "I resisted adding a configuration file for as long as I could, and I am glad I did.",
        "Shell scripts are wonderful until the first time a filename contains a space.",
        "Running the same command twice should give the same bytes; anything else is a bug waiting to happen.",
        "Most of my tools start as a five-line alias and only become programs when the alias gets embarrassing.",
        "The documentation is one page long and starts with an example, because that is all anyone reads.",
        "Deleting code felt better than writing it, as usual.",
        "Dependencies are a loan: cheap to take out and expensive to pay back.",
        "I measured before optimising, and the hot spot was somewhere I would never have guessed.",
        "A small tool that does one thing reliably beats a large one that does everything occasionally.",
    ],
    "garden": [
        "The allotment is a twelve-minute walk from the flat, which is exactly long enough to forget the secateurs.",
        "Slugs ate the first sowing, so the second went into pots on the windowsill.",
        "Compost is mostly patience and a willingness to turn a heap in the rain.",
        "Our neighbour on plot fourteen has grown the same variety of beans for forty years.",
        "I label everything now, after a summer of mystery seedlings.",
        "A water butt under the shed gutter saved us during the dry spell in July.",
        "The soil here is heavy clay that turns to brick in summer and to glue in winter.",
        "Frost came two weeks early and took the last of the courgettes with it.",
        "Mulching with old leaves in autumn has done more for the beds than anything I bought.",
        "The robin follows me along the rows, waiting for whatever the fork turns up.",
        "Seed catalogues arrive in January, when optimism is cheapest.",
        "I keep a hand-drawn map of the beds so that nothing grows in the same place two years running.",
        "Netting is ugly, but so is a cabbage after the pigeons have found it.",
        "Most plants forgive late watering; very few forgive being planted too deep.",
        "A flask of tea and a folding chair are the most important tools on the plot.",
    ],
    "reading": [
        "I read with a pencil now, which slows me down in the best possible way.",
        "The library's reservation system has made me braver about trying books I might not finish.",
        "Short chapters are a kindness to anyone who reads on a crowded tram.",
        "Some books are better the second time, when you already know where the author is heading.",
        "I keep a list of first lines that I like, and it has become a strange little anthology.",
        "Translations are a conversation between two writers, and the footnotes are where they argue.",
        "I gave up on finishing every book I start, and I read more now than before.",
        "The best recommendation I ever got came from a stranger on a train.",
        "Reading aloud exposes every sentence that only looks good on the page.",
        "Second-hand copies come with marginalia, which is like reading alongside a ghost.",
        "I keep the current book by the kettle, so three minutes of waiting become three pages.",
        "A slow book in a fast week feels like opening a window.",
        "Long novels need a map, a list of characters, or a very good memory; I have the first two.",
        "The ending mattered less than I expected, and the middle stayed with me for weeks.",
        "Writing a paragraph about each book when I finish it has made me a better reader.",
    ],
    "home": [
        "The chair came from a house clearance and had clearly been loved, then ignored, for decades.",
        "Hide glue is old-fashioned, reversible, and forgiving of a slow pair of hands.",
        "Every joint that wobbles has a story, usually involving someone leaning back on two legs.",
        "I took photos of every step of the disassembly, and I needed all of them.",
        "Clamps are the one tool you can never have enough of.",
        "Sanding too much is the quickest way to ruin an old finish that only needed cleaning.",
        "The workshop is a corner of the shed with a good lamp and a radio.",
        "Wax brings back more colour than you expect, and it smells wonderful.",
        "I ordered the wrong size of dowel twice before I thought to measure the old one.",
        "There is a particular satisfaction in fixing something that was nearly thrown away.",
        "Patience with drying times is most of the skill.",
        "The last step was simply sitting in it, carefully, and then less carefully.",
    ],
}

JAPANESE_BODY = [
    "春の朝、鴨川沿いの自転車道を北へ向かって走りました。出町柳のあたりで桜がちょうど満開で、川面に花びらが流れていました。",
    "京都の街は坂が少なく、川沿いの道はほとんど平らです。それでも北山に近づくにつれて、少しずつ登りになっていくのが足に伝わってきます。",
    "途中、上賀茂神社の近くの小さな喫茶店で休憩しました。店主さんは「毎朝この道を走る人が増えましたね」と笑っていました。",
    "帰り道は向かい風でしたが、三条まで戻ってくると観光客で賑やかになり、自転車を押して歩くことにしました。全部で約二十八キロ、のんびりとした一日でした。",
]

COMMENT_BANK = [
    ("Ines", "This is exactly the nudge I needed, thank you!"),
    ("Piotr", "Tried this last weekend and it worked better than I expected."),
    ("Dana K.", "Great write-up. Do you have a photo of the finished result?"),
    ("Sam", "Bookmarked for later."),
    ("Oluwaseun", "We do almost the same thing, but we start a day earlier."),
    ("Hannah", "The bit about writing everything down really rings true."),
]


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    topic: str
    authors: tuple[str, ...]
    date: datetime
    tags: tuple[str, ...]
    summary: str | None
    lede: str
    lastmod: datetime | None = None
    language: str = "en"
    extra: str = ""                   # a special block placed in the body: code, list, quote, figure
    edited_paragraph: int | None = None  # v2: index of the paragraph replaced by EDITED_PARAGRAPH
    comments: int = 0


def d(y: int, m: int, day: int, hh: int = 9, mm: int = 30) -> datetime:
    tz = CEST if 4 <= m <= 10 else CET  # close enough to European summer time for a fixture
    return datetime(y, m, day, hh, mm, tzinfo=tz)


POSTS_V1 = [
    Post("why-i-still-keep-a-paper-notebook", "Why I Still Keep a Paper Notebook", "software", ("Maya Lindqvist",),
         d(2023, 1, 14), ("notes",), "A pocket notebook, a pencil, and the habit of writing things down before they vanish.",
         "I have tried every notes app on my phone, and I still end up reaching for the small black notebook in my jacket pocket.",
         extra="list"),
    Post("commuting-by-bike-in-winter", "Commuting by Bike in Winter", "cycling", ("Tomás Ferreira",),
         d(2023, 2, 2, 7, 45), ("cycling",), "Lights, mudguards and a change of socks: what got me through a dark, wet winter on the bike.",
         "When the clocks went back I promised myself I would keep riding to work until spring, and to my own surprise I did."),
    Post("sourdough-starter-notes", "Sourdough Starter Notes, Six Months In", "kitchen", ("Chloé Martin",),
         d(2023, 2, 25, 10, 0), ("baking",), "What six months of feeding a jar of flour and water taught me about patience.",
         "Six months ago a friend handed me a jar of starter and a page of instructions, and I have fed it almost every day since.",
         edited_paragraph=2, extra="quote", comments=2),
    Post("a-small-makefile-for-static-sites", "A Small Makefile for Static Sites", "software", ("Maya Lindqvist",),
         d(2023, 3, 18), ("software", "tools"), "Twenty lines of make that build, check and publish this blog.",
         "This blog is built by a Makefile of about twenty lines, and it has survived two laptops and one change of static site generator.",
         extra="code"),
    Post("repotting-the-fig-tree", "Repotting the Fig Tree", "garden", ("Chloé Martin",),
         d(2023, 4, 9, 16, 10), ("garden",), None,
         "The fig tree on the balcony finally cracked its terracotta pot, which I took as a hint.", extra="figure"),
    Post("hill-repeats-on-the-old-quarry-road", "Hill Repeats on the Old Quarry Road", "cycling", ("Tomás Ferreira",),
         d(2023, 5, 1, 6, 50), ("cycling",), "Six times up a 900-metre climb, once a week, for a whole spring.",
         "The old quarry road climbs 60 metres in 900 metres, and this spring I rode up it six times every Wednesday morning.",
         comments=1),
    Post("reading-slowly-the-rings-of-saturn", "Reading Slowly: The Rings of Saturn", "reading", ("Maya Lindqvist",),
         d(2023, 5, 27, 20, 0), ("books",), "A book about walking that is best read at walking pace.",
         "W. G. Sebald’s “The Rings of Saturn” is a book about a walk along the Suffolk coast, and it refuses to be hurried.",
         extra="quote"),
    Post("notes-on-plain-text-journals", "Notes on Plain-Text Journals", "software", ("Maya Lindqvist",),
         d(2023, 6, 15), ("notes", "tools"), "One file per month, dates as headings, and grep for everything else.",
         "For three years my journal has been a folder of plain-text files, one per month, and it is the most durable system I have had.",
         extra="code"),
    Post("fermenting-hot-sauce-at-home", "Fermenting Hot Sauce at Home", "kitchen", ("Chloé Martin",),
         d(2023, 7, 4, 18, 30), ("kitchen",), "Chillies, salt, a jar and three weeks of waiting.",
         "The allotment produced far more chillies than two people can eat, so I started fermenting them into hot sauce.",
         extra="list", comments=3),
    Post("rewriting-a-shell-script-in-go", "What I Learned Rewriting a Shell Script in Go", "software", ("Tomás Ferreira",),
         d(2023, 7, 29), ("software",), None,
         "Our deploy script had grown to four hundred lines of bash, so I rewrote it in Go over two rainy weekends.",
         extra="code"),
    Post("tubeless-tyres-one-year-later", "Tubeless Tyres, One Year Later", "cycling", ("Tomás Ferreira",),
         d(2023, 8, 19, 8, 15), ("cycling", "gear"), "Fewer punctures, more sealant on the kitchen floor.",
         "A year ago I converted my commuting bike to tubeless tyres, and I promised a follow-up once the novelty wore off.",
         lastmod=d(2024, 2, 1, 12, 0)),
    Post("the-case-for-boring-backups", "The Case for Boring Backups", "software", ("Maya Lindqvist",),
         d(2023, 9, 10), ("software", "tools"), "Two copies, one of them far away, and a restore test every quarter.",
         "The most exciting thing a backup can do is nothing at all, until the day you need it.", extra="list", comments=2),
    Post("saving-tomato-seeds", "Saving Tomato Seeds", "garden", ("Chloé Martin",),
         d(2023, 10, 1, 11, 0), ("garden",), None,
         "Saving tomato seeds is messy, slightly smelly and completely free, which makes it my favourite autumn job."),
    Post("a-week-without-notifications", "A Week Without Notifications", "reading", ("Maya Lindqvist",),
         d(2023, 10, 22, 19, 0), ("notes",), "I turned off every notification on my phone for seven days.",
         "For one week in October I switched off every notification on my phone, including the ones I thought I needed."),
    Post("baking-rye-bread-with-a-stiff-starter", "Baking Rye Bread With a Stiff Starter", "kitchen", ("Chloé Martin",),
         d(2023, 11, 12, 9, 0), ("baking",), "Dense, dark and sour: a rye loaf that keeps for a week.",
         "Rye dough behaves nothing like wheat dough, and the sooner you stop expecting it to, the better the bread gets."),
    Post("year-end-review-twelve-months-of-small-projects", "Year-End Review: Twelve Months of Small Projects", "software",
         ("Maya Lindqvist", "Tomás Ferreira"), d(2023, 12, 3, 17, 0), ("notes",),
         "We look back at a year of small tools, long rides and too much bread.",
         "Every December the two of us sit down with our notebooks and go through the year, one month at a time.", extra="list"),
    Post("fixing-a-squeaky-bottom-bracket", "Fixing a Squeaky Bottom Bracket", "cycling", ("Tomás Ferreira",),
         d(2024, 1, 7, 14, 0), ("cycling", "repair"), None,
         "For three weeks every pedal stroke came with a squeak, and for three weeks I blamed the wrong part."),
    Post("sketching-database-schemas-on-paper", "Sketching Database Schemas on Paper First", "software", ("Maya Lindqvist",),
         d(2024, 1, 28), ("software", "notes"), "Boxes, arrows and an eraser before any SQL.",
         "Before I write a single CREATE TABLE, I draw the schema on paper with boxes and arrows.", extra="code"),
    Post("winter-pruning-for-beginners", "Winter Pruning for Beginners", "garden", ("Chloé Martin",),
         d(2024, 2, 18, 10, 30), ("garden",), "The three Ds, sharp secateurs and a lot of standing back to look.",
         "Our two old apple trees had not been pruned for years, so this winter I finally learned how.", extra="list"),
    Post("reading-log-short-novels", "Reading Log: Short Novels", "reading", ("Maya Lindqvist",),
         d(2024, 3, 10, 21, 0), ("books",), None,
         "This winter I read only novels under two hundred pages, and I do not regret a single one."),
    Post("packing-list-for-an-overnight-bike-trip", "Packing List for an Overnight Bike Trip", "cycling", ("Tomás Ferreira",),
         d(2024, 3, 31, 8, 0), ("cycling", "gear"), "Everything that fits in two small bags for one night under a tarp.",
         "My first overnight trip by bike taught me that I had packed twice what I needed and forgotten a spoon.", extra="list"),
    Post("kamogawa-by-bike", "鴨川沿いを自転車で走る — 春の記録", "cycling", ("佐藤 健",),
         datetime(2024, 4, 12, 9, 0, tzinfo=timezone(timedelta(hours=9))), ("cycling", "japan"),
         "京都・鴨川沿いの自転車道を北へ、桜の季節の約二十八キロ。", JAPANESE_BODY[0], language="ja"),
    Post("focaccia-for-a-crowd", "Focaccia for a Crowd", "kitchen", ("Chloé Martin",),
         d(2024, 5, 5, 12, 0), ("baking",), "One tray, a lot of olive oil, and enough bread for twelve people.",
         "When friends come over I bake one enormous focaccia, and nobody has ever complained.", comments=4),
    Post("small-tools-a-tour-of-my-dotfiles", "Small Tools: A Tour of My Dotfiles", "software", ("Maya Lindqvist",),
         d(2024, 5, 26), ("software", "tools"), None,
         "My dotfiles repository is ten years old, and most of it is aliases I have forgotten writing.", extra="code"),
    Post("building-a-cold-frame-from-old-windows", "Building a Cold Frame From Old Windows", "garden", ("Chloé Martin",),
         d(2024, 6, 16, 15, 0), ("garden", "repair"), "Two salvaged windows, some offcuts and an afternoon.",
         "A neighbour was throwing out two old sash windows, and they are now the lid of our cold frame.", extra="figure"),
    Post("on-rereading-favourite-books", "On Rereading Favourite Books", "reading", ("Maya Lindqvist",),
         d(2024, 7, 7, 20, 30), ("books",), "Why the second reading is often the first real one.",
         "Every summer I reread one book I loved when I was younger, and every summer it turns out to be a different book."),
    Post("measuring-tyre-pressure-properly", "Measuring Tyre Pressure Properly", "cycling", ("Tomás Ferreira",),
         d(2024, 7, 28, 7, 30), ("cycling", "gear"), None,
         "Three different pumps gave me three different readings for the same tyre, so I bought a proper gauge."),
    Post("testing-command-line-tools-with-golden-files", "Testing Command-Line Tools With Golden Files", "software",
         ("Maya Lindqvist",), d(2024, 8, 18), ("software", "tools"), "Run the tool, save the output, review the diff.",
         "The simplest test for a command-line tool is to run it and compare the output with a file you have reviewed.",
         extra="code", comments=1),
    Post("apricot-jam-without-pectin", "Apricot Jam Without Pectin", "kitchen", ("Chloé Martin",),
         d(2024, 9, 8, 11, 30), ("kitchen",), "Ripe apricots, sugar, lemon and a cold saucer.",
         "The market had a crate of slightly bruised apricots at half price, which is the best possible reason to make jam."),
    Post("autumn-notes-from-the-allotment", "Autumn Notes From the Allotment", "garden", ("Chloé Martin", "Maya Lindqvist"),
         d(2024, 10, 6, 16, 0), ("garden", "notes"), "Squash, leaf mould and plans for next year.",
         "October on the allotment is for clearing beds, collecting leaves and pretending next year will be more organised.",
         extra="figure"),
]

ADDED_POST = Post("repairing-a-wooden-chair", "Repairing a Wooden Chair", "home", ("Tomás Ferreira",),
                  d(2024, 11, 20, 18, 0), ("repair", "tools"), "Hide glue, clamps and a lot of waiting.",
                  "A wobbly kitchen chair sat in the hallway for a year before I finally took it apart.", extra="list")

EDITED_PARAGRAPH = ("Update: after a reader’s comment I tried feeding the starter twice a day at a lower ratio, "
                    "one part starter to two parts flour and two parts water, and it has been far more predictable since.")

# The known edits of version 2. Every edit is applied by make_v2() below; truth/changes.json is then
# computed by comparing the two versions' expected records, so it cannot drift from the pages.
EDITS = {
    "edit_body": "sourdough-starter-notes",                       # one paragraph rewritten, lastmod set
    "retitle": ("commuting-by-bike-in-winter", "Winter Bike Commuting: What Actually Works"),
    "remove": "a-week-without-notifications",
    "add": ADDED_POST.slug,
    "move": ("notes-on-plain-text-journals", "plain-text-journaling"),  # old URL keeps a Hugo alias page
    "related_card": ("hill-repeats-on-the-old-quarry-road", 1, "measuring-tyre-pressure-properly"),
    "add_tag": ("packing-list-for-an-overnight-bike-trip", "travel"),
    "comment_added": "fermenting-hot-sauce-at-home",             # boilerplate only
}
V1_BUILD = d(2024, 11, 10, 12, 0)
V2_BUILD = datetime(2025, 1, 6, 12, 0, tzinfo=CET)


# ---------------------------------------------------------------------------------------------
# The model of one version: posts, their bodies and their related cards.

def rng_for(slug: str) -> random.Random:
    return random.Random(zlib.crc32(slug.encode("utf-8")))


def url_of(slug: str) -> str:
    return f"{BASE}posts/{slug}/"


def body_blocks(p: Post) -> list[tuple[str, str]]:
    """The post body as (kind, text) blocks; kinds: p, h2, li, quote, code, caption."""
    if p.language == "ja":
        return [("p", t) for t in JAPANESE_BODY]
    rng = rng_for(p.slug)
    bank = BANKS[p.topic]
    n_par = 4 + rng.randrange(2)
    picks = rng.sample(bank, min(len(bank), n_par * 3))
    paras = [p.lede + " " + " ".join(picks[0:2])]
    for i in range(1, n_par):
        paras.append(" ".join(picks[i * 3 - 1:i * 3 + 1 + rng.randrange(2)]))
    # In-text links are written by the author, so they keep the title and URL they had when written.
    others = [q for q in POSTS_V1 if q.slug != p.slug and set(q.tags) & set(p.tags)]
    if others:
        paras[1] += f" (See also [[{others[0].title}|/posts/{others[0].slug}/]].)"
    if len(paras) > 2 and p.topic == "software":
        paras[2] += " The [[GNU make manual|https://www.gnu.org/software/make/manual/]] is worth an evening."
    if p.slug == "focaccia-for-a-crowd":
        paras[1] = paras[1].replace(" ", "\u200b ", 1)  # a zero-width space pasted from elsewhere
    if p.slug == "apricot-jam-without-pectin":
        paras[0] = paras[0].replace("jam.", "jam (a tip from the cafe\u0301 next door).", 1)  # decomposed é (NFD)
    blocks: list[tuple[str, str]] = [("p", x) for x in paras]
    heading = {"cycling": "What I would do differently", "kitchen": "Method", "software": "How it works",
               "garden": "What worked", "reading": "A few notes", "home": "Step by step"}[p.topic]
    blocks.insert(2, ("h2", heading))
    if p.extra == "list":
        items = rng.sample(bank, 3)
        blocks.insert(4, ("li", items[0]))
        blocks.insert(5, ("li", items[1]))
        blocks.insert(6, ("li", items[2]))
    elif p.extra == "quote":
        blocks.insert(3, ("quote", rng.choice(bank)))
    elif p.extra == "code":
        code = {
            "a-small-makefile-for-static-sites": "site: $(wildcard content/*.md)\n\thugo --minify\n\ncheck: site\n\thtmltest public/",
            "notes-on-plain-text-journals": "grep -rn \"bike\" journal/2023-*.txt | less",
            "rewriting-a-shell-script-in-go": "if err := deploy(ctx, host); err != nil {\n\tlog.Fatalf(\"deploy %s: %v\", host, err)\n}",
            "sketching-database-schemas-on-paper": "CREATE TABLE post (\n  id INTEGER PRIMARY KEY,\n  url TEXT NOT NULL UNIQUE\n);",
            "small-tools-a-tour-of-my-dotfiles": "alias gs='git status --short'\nalias serve='python3 -m http.server 8000'",
            "testing-command-line-tools-with-golden-files": "./tool input.txt > got.txt && diff -u want.txt got.txt",
        }[p.slug]
        blocks.insert(4, ("code", code))
    elif p.extra == "figure":
        blocks.insert(1, ("caption", f"{p.title}, photographed on the day."))
    return blocks


LINK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def plain(text: str) -> str:
    """A block's text as a reader sees it: link markers reduced to their anchor text."""
    return LINK.sub(lambda m: m.group(1), text)


def body_text(blocks: list[tuple[str, str]]) -> str:
    return "\n\n".join(nfc(plain(t)) for _, t in blocks)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.replace("\u200b", ""))


@dataclass
class Version:
    number: int
    build: datetime
    posts: list[Post]                       # newest first
    bodies: dict[str, list[tuple[str, str]]]
    related: dict[str, list[str]]           # slug -> related slugs as rendered (may hold a duplicate)
    comments: dict[str, int]
    aliases: dict[str, str] = field(default_factory=dict)  # old path -> new slug

    def post(self, slug: str) -> Post:
        return next(p for p in self.posts if p.slug == slug)


def make_v1() -> Version:
    posts = sorted(POSTS_V1, key=lambda p: p.date, reverse=True)
    bodies = {p.slug: body_blocks(p) for p in posts}
    # Related posts: Hugo's "related" picks by shared tags; here fixed offsets keep the lists stable.
    order = sorted(POSTS_V1, key=lambda p: p.date)
    related: dict[str, list[str]] = {}
    for i, p in enumerate(order):
        rel = [order[(i + k) % len(order)].slug for k in (1, 4, 9)]
        if i % 7 == 3:  # a theme bug on some pages repeats the first card at the end
            rel.append(rel[0])
        related[p.slug] = rel
    comments = {p.slug: p.comments for p in posts}
    return Version(1, V1_BUILD, posts, bodies, related, comments)


def make_v2(v1: Version) -> Version:
    posts = list(v1.posts)
    bodies = {k: list(v) for k, v in v1.bodies.items()}
    related = {k: list(v) for k, v in v1.related.items()}
    comments = dict(v1.comments)
    aliases: dict[str, str] = {}

    slug = EDITS["edit_body"]
    p = v1.post(slug)
    blocks = bodies[slug]
    par_indexes = [i for i, (kind, _) in enumerate(blocks) if kind == "p"]
    blocks[par_indexes[p.edited_paragraph]] = ("p", EDITED_PARAGRAPH)
    posts[posts.index(p)] = replace(p, lastmod=datetime(2025, 1, 4, 10, 15, tzinfo=CET))

    slug, new_title = EDITS["retitle"]
    p = v1.post(slug)
    posts[posts.index(p)] = replace(p, title=new_title)

    removed = EDITS["remove"]
    posts = [p for p in posts if p.slug != removed]
    del bodies[removed], related[removed], comments[removed]
    for s, rel in related.items():
        if removed in rel:  # Hugo picks the next candidate, which here is the following post by date
            order = [p.slug for p in sorted(posts, key=lambda p: p.date)]
            candidate = order[(order.index(s) + 2) % len(order)]
            related[s] = [candidate if r == removed else r for r in rel]

    old, new = EDITS["move"]
    p = next(p for p in posts if p.slug == old)
    posts[posts.index(p)] = replace(p, slug=new)
    bodies[new] = bodies.pop(old)
    related[new] = related.pop(old)
    comments[new] = comments.pop(old)
    for s, rel in related.items():
        related[s] = [new if r == old else r for r in rel]
    aliases[f"posts/{old}/"] = new

    slug, index, replacement = EDITS["related_card"]
    related[slug][index] = replacement

    slug, tag = EDITS["add_tag"]
    p = next(p for p in posts if p.slug == slug)
    posts[posts.index(p)] = replace(p, tags=p.tags + (tag,))

    comments[EDITS["comment_added"]] += 1

    added = ADDED_POST
    posts.append(added)
    bodies[added.slug] = body_blocks(added)
    related[added.slug] = ["building-a-cold-frame-from-old-windows", "fixing-a-squeaky-bottom-bracket",
                           "small-tools-a-tour-of-my-dotfiles"]
    comments[added.slug] = 0

    posts.sort(key=lambda p: p.date, reverse=True)
    return Version(2, V2_BUILD, posts, bodies, related, comments, aliases)


# ---------------------------------------------------------------------------------------------
# Expected records (truth) and the diff between versions.

def card_of(v: Version, slug: str) -> dict:
    p = v.post(slug)
    return {"title": p.title, "url": url_of(slug), "summary": p.summary,
            "image": f"{BASE}images/{slug}.svg"}


def expected_record(v: Version, p: Post) -> dict:
    seen: set[str] = set()
    cards = []
    for s in v.related[p.slug]:
        if s in seen or s == p.slug:
            continue
        seen.add(s)
        cards.append(card_of(v, s))
    return {
        "url": url_of(p.slug),
        "title": nfc(p.title),
        "authors": list(p.authors),
        "published": p.date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "modified": p.lastmod.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if p.lastmod else None,
        "tags": list(p.tags),
        "language": p.language,
        "body": body_text(v.bodies[p.slug]),
        "related": cards,
    }


def changes(v1: Version, v2: Version) -> dict:
    a = {url_of(p.slug): expected_record(v1, p) for p in v1.posts}
    b = {url_of(p.slug): expected_record(v2, p) for p in v2.posts}
    moved = [{"from": BASE + old, "to": url_of(new)} for old, new in sorted(v2.aliases.items())]
    moved_from = {m["from"]: m["to"] for m in moved}
    fields = ["title", "authors", "published", "modified", "tags", "language", "body", "related"]
    changed: dict[str, list[str]] = {}
    unchanged = 0
    for url, old in sorted(a.items()):
        new = b.get(moved_from.get(url, url))
        if new is None:
            continue
        diff = [f for f in fields if old[f] != new[f]]
        if diff:
            changed[moved_from.get(url, url)] = diff
        elif url not in moved_from:
            unchanged += 1
    comment_slug = EDITS["comment_added"]
    return {
        "site": "sample.lookback.test",
        "added": sorted(u for u in b if u not in a and u not in moved_from.values()),
        "removed": sorted(u for u in a if u not in b and u not in moved_from),
        "moved": moved,
        "changed": changed,
        "unchanged": unchanged,
        "boilerplate_only": [url_of(comment_slug)],
        "note": ("every page of v2 also changes boilerplate that must not count: the footer year (2024 -> 2025), "
                 "the 'Recent posts' sidebar, prev/next links; boilerplate_only lists posts whose comment count "
                 "changed too. 'unchanged' counts posts present in both versions, with no content change and "
                 "the same URL."),
    }


# ---------------------------------------------------------------------------------------------
# Rendering (the markup of a generic Hugo theme).

def esc(s: str) -> str:
    return html.escape(s, quote=True)


def display_date(t: datetime, lang: str = "en") -> str:
    if lang == "ja":
        return f"{t.year}年{t.month}月{t.day}日"
    return t.strftime("%B ") + str(t.day) + t.strftime(", %Y")


def iso(t: datetime) -> str:
    return t.isoformat()


def rfc822(t: datetime) -> str:
    return t.strftime("%a, %d %b %Y %H:%M:%S %z")


def head(title: str, canonical: str, description: str, lang: str = "en", extra: str = "", og_type: str = "website") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="robots" content="index, follow">
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}">
<meta name="generator" content="Hugo 0.121.2">
<link rel="canonical" href="{canonical}">
<link crossorigin="anonymous" href="/css/main.min.css" rel="preload stylesheet" as="style">
<link rel="icon" href="/favicon.ico">
<link rel="alternate" type="application/rss+xml" href="{BASE}index.xml" title="{SITE}">
<meta property="og:title" content="{esc(title.split(' | ')[0])}">
<meta property="og:description" content="{esc(description)}">
<meta property="og:type" content="{og_type}">
<meta property="og:url" content="{canonical}">
<meta property="og:site_name" content="{SITE}">
{extra}<script defer src="/js/theme.min.js"></script>
</head>
"""


def site_header() -> str:
    return f"""<body class="list">
<a class="skip-to-content" href="#main">Skip to content</a>
<header class="header">
  <nav class="nav">
    <div class="logo"><a href="/" accesskey="h" title="{SITE} (Alt + H)">{SITE}</a></div>
    <ul id="menu">
      <li><a href="/posts/" title="Archive"><span>Archive</span></a></li>
      <li><a href="/tags/" title="Tags"><span>Tags</span></a></li>
      <li><a href="/about/" title="About"><span>About</span></a></li>
      <li><a href="/index.xml" title="RSS"><span>RSS</span></a></li>
    </ul>
  </nav>
</header>
<div class="layout">
"""


def sidebar(v: Version) -> str:
    recent = "\n".join(f'      <li><a href="/posts/{p.slug}/">{esc(p.title)}</a></li>' for p in v.posts[:5])
    return f"""<aside class="sidebar">
  <section class="widget widget-recent">
    <h2 class="widget-title">Recent posts</h2>
    <ul>
{recent}
    </ul>
  </section>
</aside>
"""


def site_footer(v: Version) -> str:
    return f"""</div>
<footer class="footer">
  <span>&copy; {v.build.year} <a href="/">{SITE}</a></span> &middot;
  <span>Powered by <a href="https://gohugo.io/" rel="noopener noreferrer" target="_blank">Hugo</a></span> &middot;
  <span><a href="/index.xml">RSS</a></span>
</footer>
<a href="#top" aria-label="go to top" title="Go to Top (Alt + G)" class="top-link" id="top-link" accesskey="g">&uarr;</a>
</body>
</html>
"""


def inline(p: Post, text: str, i: int) -> str:
    """Escapes one paragraph, turns link markers into links, and adds entities as some editors write them."""
    s = esc(text)
    if p.slug == "reading-slowly-the-rings-of-saturn" and i == 0:
        s = s.replace("“", "&ldquo;").replace("”", "&rdquo;")
    return LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', s)


def render_body(p: Post, v: Version) -> str:
    out = []
    in_list = False
    par = 0
    for kind, text in v.bodies[p.slug]:
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if kind == "p":
            out.append(f"<p>{inline(p, text, par)}</p>")
            par += 1
        elif kind == "h2":
            anchor = text.lower().replace(" ", "-")
            out.append(f'<h2 id="{anchor}">{esc(text)}<a hidden class="anchor" aria-hidden="true" href="#{anchor}">#</a></h2>')
        elif kind == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{esc(text)}</li>")
        elif kind == "quote":
            out.append(f"<blockquote>\n<p>{esc(text)}</p>\n</blockquote>")
        elif kind == "code":
            out.append(f'<pre tabindex="0"><code>{esc(text)}\n</code></pre>')
        elif kind == "caption":
            out.append(f'<figure><img loading="lazy" src="/images/{p.slug}.svg" alt="{esc(p.title)}">'
                       f"<figcaption>{esc(text)}</figcaption></figure>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def render_related(p: Post, v: Version) -> str:
    cards = []
    for s in v.related[p.slug]:
        q = v.post(s)
        summary = q.summary if q.summary else PLACEHOLDER
        cards.append(f"""    <article class="related-card">
      <a class="related-link" href="/posts/{s}/">
        <img class="related-thumb" src="/images/{s}.svg" alt="" loading="lazy">
        <h3 class="related-title">{esc(q.title)}</h3>
      </a>
      <p class="related-summary">{esc(summary)}</p>
      <time class="related-date" datetime="{iso(q.date)}">{display_date(q.date)}</time>
    </article>""")
    return ("""<section class="related-posts" aria-labelledby="related-heading">
  <h2 id="related-heading">Related posts</h2>
  <div class="related-grid">
""" + "\n".join(cards) + "\n  </div>\n</section>\n")


def render_comments(p: Post, v: Version) -> str:
    n = v.comments[p.slug]
    rng = rng_for(p.slug + "/comments")
    items = []
    for k in range(n):
        who, text = COMMENT_BANK[(rng.randrange(len(COMMENT_BANK)) + k) % len(COMMENT_BANK)]
        when = p.date + timedelta(days=2 + 3 * k, hours=k)
        items.append(f"""    <li class="comment" id="comment-{k + 1}">
      <p class="comment-meta"><span class="comment-author">{esc(who)}</span> &middot; <time datetime="{iso(when)}">{display_date(when)}</time></p>
      <p class="comment-text">{esc(text)}</p>
    </li>""")
    word = "comment" if n == 1 else "comments"
    listing = ("  <ol class=\"comment-list\">\n" + "\n".join(items) + "\n  </ol>\n") if items else \
        "  <p class=\"no-comments\">No comments yet. Be the first to say something.</p>\n"
    return f"""<section id="comments" class="comments">
  <h2 class="comments-title">{n} {word}</h2>
{listing}  <form class="comment-form" action="https://comments.sample.lookback.test/submit" method="post">
    <label>Name <input name="name" required></label>
    <label>Comment <textarea name="body" rows="4" required></textarea></label>
    <button type="submit">Post comment</button>
  </form>
  <p class="comment-note">Comments are moderated and may take a day to appear.</p>
</section>
"""


def render_post(p: Post, v: Version) -> str:
    url = url_of(p.slug)
    words = len(body_text(v.bodies[p.slug]).split())
    minutes = max(1, round(words / 200))
    description = p.summary or SITE_DESCRIPTION
    meta = [f'<meta property="article:section" content="posts">',
            f'<meta property="article:published_time" content="{iso(p.date)}">']
    if p.lastmod:
        meta.append(f'<meta property="article:modified_time" content="{iso(p.lastmod)}">')
    meta += [f'<meta property="article:tag" content="{t}">' for t in p.tags]
    if p.language == "ja":
        meta.append('<meta property="og:locale" content="ja_JP">')
    ld = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": p.title,
        "name": p.title,
        "description": description,
        "keywords": list(p.tags),
        "wordCount": words,
        "inLanguage": p.language,
        "datePublished": iso(p.date),
        "author": [{"@type": "Person", "name": a} for a in p.authors],
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": {"@type": "Organization", "name": SITE, "logo": {"@type": "ImageObject", "url": BASE + "favicon.ico"}},
    }
    if p.lastmod:  # this theme writes dateModified only when the post sets lastmod
        ld["dateModified"] = iso(p.lastmod)
    meta.append('<script type="application/ld+json">\n' + json.dumps(ld, ensure_ascii=False) + "\n</script>")
    out = [head(f"{p.title} | {SITE}", url, description, p.language, "\n".join(meta) + "\n", og_type="article")]
    out.append(site_header().replace('<body class="list">', '<body class="single">'))
    byline = " and ".join(f'<a rel="author" href="/about/#{AUTHORS[a]}">{esc(a)}</a>' for a in p.authors)
    by_word = "著者" if p.language == "ja" else "By"
    minutes_text = f"{minutes}分で読めます" if p.language == "ja" else f"{minutes} min read"
    updated = ""
    if p.lastmod:
        updated = (f'&nbsp;&middot;&nbsp;<span class="post-updated">Updated <time datetime="{iso(p.lastmod)}">'
                   f"{display_date(p.lastmod)}</time></span>")
    description_line = f'\n    <div class="post-description">{esc(p.summary)}</div>' if p.summary else ""
    tags = "\n".join(f'      <li><a href="/tags/{t}/">{t}</a></li>' for t in p.tags)
    order = v.posts
    i = order.index(p)
    nav = []
    if i + 1 < len(order):
        q = order[i + 1]
        nav.append(f'<a class="prev" href="/posts/{q.slug}/"><span class="title">&laquo; Prev</span><br><span>{esc(q.title)}</span></a>')
    if i > 0:
        q = order[i - 1]
        nav.append(f'<a class="next" href="/posts/{q.slug}/"><span class="title">Next &raquo;</span><br><span>{esc(q.title)}</span></a>')
    share_q = esc("?" + urllib.parse.urlencode({"url": url, "text": p.title}))
    out.append(f"""<main class="main" id="main">
<article class="post-single">
  <header class="post-header">
    <div class="breadcrumbs"><a href="/">Home</a>&nbsp;&raquo;&nbsp;<a href="/posts/">Posts</a></div>
    <h1 class="post-title entry-hint-parent">{esc(p.title)}</h1>{description_line}
    <div class="post-meta"><time datetime="{iso(p.date)}">{display_date(p.date, p.language)}</time>&nbsp;&middot;&nbsp;{minutes_text}&nbsp;&middot;&nbsp;<span class="post-author">{by_word} {byline}</span>{updated}</div>
  </header>
  <div class="post-content">
{render_body(p, v)}
  </div>
  <footer class="post-footer">
    <ul class="post-tags">
{tags}
    </ul>
    <nav class="paginav">
      {"".join(nav)}
    </nav>
    <div class="share-buttons">
      <span>Share:</span>
      <a target="_blank" rel="noopener noreferrer" aria-label="share on Mastodon" href="https://mastodon.social/share{share_q}">Mastodon</a>
      <a target="_blank" rel="noopener noreferrer" aria-label="share on LinkedIn" href="https://www.linkedin.com/shareArticle{share_q}">LinkedIn</a>
      <a target="_blank" rel="noopener noreferrer" aria-label="share by email" href="mailto:{share_q}">Email</a>
    </div>
  </footer>
</article>
{render_related(p, v)}<section class="newsletter">
  <h2>Get new posts by email</h2>
  <p>One short email when something new is published. No tracking, unsubscribe any time.</p>
  <form action="https://buttondown.example/api/emails/embed-subscribe/harbour" method="post">
    <input type="email" name="email" placeholder="you@example.com"><button type="submit">Subscribe</button>
  </form>
</section>
{render_comments(p, v)}</main>
""")
    out.append(sidebar(v))
    out.append(site_footer(v))
    return "".join(out)


def entry(p: Post) -> str:
    summary = p.summary or nfc(" ".join(p.lede.split()[:30]))
    return f"""<article class="post-entry">
  <header class="entry-header"><h2 class="entry-hint-parent">{esc(p.title)}</h2></header>
  <div class="entry-content"><p>{esc(summary)}</p></div>
  <footer class="entry-footer"><time datetime="{iso(p.date)}">{display_date(p.date, p.language)}</time>&nbsp;&middot;&nbsp;{esc(", ".join(p.authors))}</footer>
  <a class="entry-link" aria-label="post link to {esc(p.title)}" href="/posts/{p.slug}/"></a>
</article>"""


def render_list(v: Version, title: str, path: str, posts: list[Post], intro: str = "") -> dict[str, str]:
    """A paginated list (home, a tag, an author): path '' is the home page. Returns {file path: html}."""
    pages = [posts[i:i + PER_PAGE] for i in range(0, len(posts), PER_PAGE)] or [[]]
    files = {}
    for n, chunk in enumerate(pages, start=1):
        page_path = path if n == 1 else f"{path}page/{n}/"
        canonical = BASE + page_path
        links = []
        pager = []
        if n > 1:
            prev = path if n == 2 else f"{path}page/{n - 1}/"
            links.append(f'<link rel="prev" href="{BASE}{prev}">')
            pager.append(f'<a class="prev" href="/{prev}">&laquo;&nbsp;Newer posts</a>')
        if n < len(pages):
            links.append(f'<link rel="next" href="{BASE}{path}page/{n + 1}/">')
            pager.append(f'<a class="next" href="/{path}page/{n + 1}/">Older posts&nbsp;&raquo;</a>')
        page_title = title if n == 1 else f"{title} (page {n})"
        full_title = SITE if path == "" and n == 1 else f"{page_title} | {SITE}"
        body = [head(full_title, canonical, SITE_DESCRIPTION, extra="\n".join(links) + ("\n" if links else "")),
                site_header(), '<main class="main" id="main">\n']
        if path == "" and n == 1:
            body.append(f'<article class="first-entry home-info">\n  <header class="entry-header"><h1>{SITE}</h1></header>\n'
                        f"  <div class=\"entry-content\"><p>{esc(SITE_DESCRIPTION)}</p></div>\n</article>\n")
        else:
            body.append(f'<header class="page-header"><h1>{esc(page_title)}</h1>{intro}</header>\n')
        body.append("\n".join(entry(p) for p in chunk) + "\n")
        if pager:
            body.append(f'<footer class="page-footer">\n  <nav class="pagination">{"".join(pager)}</nav>\n</footer>\n')
        body.append("</main>\n")
        body.append(sidebar(v))
        body.append(site_footer(v))
        files[page_path + "index.html"] = "".join(body)
    return files


def alias_page(target: str) -> str:
    # Exactly what Hugo writes for `aliases:` and for /page/1/.
    return (f'<!DOCTYPE html><html lang="en-gb"><head><title>{target}</title><link rel="canonical" href="{target}">'
            f'<meta name="robots" content="noindex"><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={target}"></head></html>\n')


def render_archive(v: Version) -> str:
    out = [head(f"Archive | {SITE}", BASE + "posts/", SITE_DESCRIPTION), site_header(),
           '<main class="main" id="main">\n<header class="page-header"><h1>Archive</h1></header>\n']
    years: dict[int, list[Post]] = {}
    for p in v.posts:
        years.setdefault(p.date.year, []).append(p)
    for y in sorted(years, reverse=True):
        out.append(f'<div class="archive-year">\n  <h2 class="archive-year-header">{y} <sup class="archive-count">{len(years[y])}</sup></h2>\n')
        for p in years[y]:
            out.append(f'  <div class="archive-entry">\n    <h3 class="archive-entry-title">{esc(p.title)}</h3>\n'
                       f'    <div class="archive-meta"><time datetime="{iso(p.date)}">{display_date(p.date)}</time></div>\n'
                       f'    <a class="entry-link" href="/posts/{p.slug}/" aria-label="post link to {esc(p.title)}"></a>\n  </div>\n')
        out.append("</div>\n")
    out.append("</main>\n")
    out.append(sidebar(v))
    out.append(site_footer(v))
    return "".join(out)


def render_tags_index(v: Version) -> str:
    counts: dict[str, int] = {}
    for p in v.posts:
        for t in p.tags:
            counts[t] = counts.get(t, 0) + 1
    items = "\n".join(f'  <li><a href="/tags/{t}/">{t} <sup>{n}</sup></a></li>' for t, n in sorted(counts.items()))
    return (head(f"Tags | {SITE}", BASE + "tags/", SITE_DESCRIPTION) + site_header() +
            f'<main class="main" id="main">\n<header class="page-header"><h1>Tags</h1></header>\n<ul class="terms-tags">\n{items}\n</ul>\n</main>\n'
            + sidebar(v) + site_footer(v))


def render_about(v: Version) -> str:
    return (head(f"About | {SITE}", BASE + "about/", "Who writes Harbour Notes.") + site_header() +
            f"""<main class="main" id="main">
<article class="post-single">
  <header class="post-header"><h1 class="post-title">About</h1></header>
  <div class="post-content">
<p>{SITE} is written by Maya Lindqvist, Tomás Ferreira and Chloé Martin, three friends who share a harbour town, an allotment and a habit of writing things down.</p>
<p>We post every few weeks about bicycles, bread, small software tools and the allotment. Our friend Ken Sato sometimes writes from Kyoto.</p>
<ul class="authors">
  <li id="maya-lindqvist">Maya Lindqvist: software, notebooks, books.</li>
  <li id="tomas-ferreira">Tomás Ferreira: bicycles and repairs.</li>
  <li id="chloe-martin">Chloé Martin: bread, jam and the allotment.</li>
  <li id="sato-ken">佐藤 健 (Ken Sato): cycling in Kyoto.</li>
</ul>
<p>Write to us at <a href="mailto:hello@sample.lookback.test">hello@sample.lookback.test</a>.</p>
  </div>
</article>
</main>
""" + sidebar(v) + site_footer(v))


def render_404(v: Version) -> str:
    return (head(f"404 Page not found | {SITE}", BASE + "404.html", SITE_DESCRIPTION) + site_header() +
            '<main class="main" id="main">\n<div class="not-found">404</div>\n<p>The page you were looking for is not here. '
            'Try the <a href="/posts/">archive</a>.</p>\n</main>\n' + sidebar(v) + site_footer(v))


def render_sitemap(v: Version, lists: list[str]) -> str:
    rows = []
    for p in v.posts:
        rows.append((url_of(p.slug), p.lastmod or p.date))
    newest = v.posts[0].date
    for path in lists:
        rows.append((BASE + path, newest))
    rows.append((BASE + "about/", datetime(2023, 1, 2, 10, 0, tzinfo=CET)))
    out = ['<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
           '  xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for loc, t in rows:
        out.append(f"  <url>\n    <loc>{esc(loc)}</loc>\n    <lastmod>{iso(t)}</lastmod>\n  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def render_rss(v: Version) -> str:
    items = []
    for p in v.posts:
        summary = p.summary or p.lede
        items.append(f"""    <item>
      <title>{esc(p.title)}</title>
      <link>{url_of(p.slug)}</link>
      <pubDate>{rfc822(p.date)}</pubDate>
      <guid>{url_of(p.slug)}</guid>
      <description>{esc(esc(summary))}</description>
    </item>""")
    return f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{SITE}</title>
    <link>{BASE}</link>
    <description>Recent content on {SITE}</description>
    <generator>Hugo</generator>
    <language>en-gb</language>
    <lastBuildDate>{rfc822(v.posts[0].date)}</lastBuildDate>
    <atom:link href="{BASE}index.xml" rel="self" type="application/rss+xml" />
{chr(10).join(items)}
  </channel>
</rss>
"""


CSS = """body{font-family:system-ui,sans-serif;margin:0;color:#1d1e20;background:#fff}
.layout{display:flex;gap:2rem;max-width:64rem;margin:0 auto;padding:1rem}
.main{flex:1;min-width:0}.sidebar{width:14rem;font-size:.9rem}
.post-meta,.entry-footer,.archive-meta{color:#6b6b6b;font-size:.875rem}
.related-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem}
.related-card{border:1px solid #eee;border-radius:6px;padding:.75rem}
.footer{text-align:center;color:#6b6b6b;padding:2rem}
"""


def svg(label: str) -> str:
    hue = zlib.crc32(label.encode()) % 360
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">'
            f'<rect width="320" height="180" fill="hsl({hue},40%,70%)"/></svg>\n')


def render_site(v: Version) -> dict[str, str]:
    files: dict[str, str] = {}
    for p in v.posts:
        files[f"posts/{p.slug}/index.html"] = render_post(p, v)
        files[f"images/{p.slug}.svg"] = svg(p.slug)
    for old, new in v.aliases.items():
        files[old + "index.html"] = alias_page(url_of(new))
    files.update(render_list(v, SITE, "", v.posts))
    files["page/1/index.html"] = alias_page(BASE)
    lists = [""]
    tags = sorted({t for p in v.posts for t in p.tags})
    for t in tags:
        tagged = [p for p in v.posts if t in p.tags]
        files.update(render_list(v, t, f"tags/{t}/", tagged))
        files[f"tags/{t}/page/1/index.html"] = alias_page(f"{BASE}tags/{t}/")
        lists.append(f"tags/{t}/")
    files["posts/index.html"] = render_archive(v)
    files["tags/index.html"] = render_tags_index(v)
    files["about/index.html"] = render_about(v)
    files["404.html"] = render_404(v)
    files["sitemap.xml"] = render_sitemap(v, ["posts/", "tags/"] + lists)
    files["index.xml"] = render_rss(v)
    files["robots.txt"] = f"User-agent: *\nDisallow: /search/\n\nSitemap: {BASE}sitemap.xml\n"
    files["css/main.min.css"] = CSS
    return files


def write_tree(root: Path, files: dict[str, str]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for rel, text in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def dump_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def main() -> int:
    out = Path(__file__).resolve().parent / "sample-blog"
    v1 = make_v1()
    v2 = make_v2(v1)
    write_tree(out / "v1", render_site(v1))
    write_tree(out / "v2", render_site(v2))
    truth = out / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    for v in (v1, v2):
        recs = sorted((expected_record(v, p) for p in v.posts), key=lambda r: r["url"])
        (truth / f"v{v.number}.jsonl").write_bytes(dump_jsonl(recs).encode("utf-8"))
    (truth / "changes.json").write_bytes(
        (json.dumps(changes(v1, v2), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8"))
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"wrote {out} ({len(v1.posts)} posts in v1, {len(v2.posts)} in v2, {size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
