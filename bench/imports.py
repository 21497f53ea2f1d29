"""Blogger import: a generated 10,000-post, 50,000-comment backup through import_blogger.

    DATABASE_URL=... DEBUG=1 .venv/bin/python bench/imports.py [--posts 10000]
                                                               [--comments 50000]

Writes a Blogger backup in the current (2018) schema, with Thai headlines, bodies of a
few paragraphs (some with a YouTube embed, a script and an image), labels, drafts, a
page in fifty, and comments of which a fifth are replies and a twentieth spam, to a
temporary file; then runs ``manage.py import_blogger`` on it in a child process and
prints the file size, the seconds it took and the child's peak memory (ru_maxrss).
The import writes to DATABASE_URL: use a database of its own (see README.md).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import vocabulary as words  # noqa: E402 (after the path is set)

BLOG = "tag:blogger.com,1999:blog-1234567890"


def sentence(rng: random.Random) -> str:
    return "".join(
        [
            rng.choice(words.OPENERS),
            rng.choice(words.SUBJECTS),
            rng.choice(words.VERBS),
            rng.choice(words.OBJECTS),
            rng.choice(words.PLACES),
            rng.choice(words.TIMES),
        ]
    )


def entry(fields: list[str]) -> str:
    return "<entry>" + "".join(fields) + "</entry>\n"


def write_backup(path: Path, posts: int, comments: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    labels = words.SECTIONS + [f"ป้าย{n}" for n in range(200)]
    authors = [f"นาย{name} ทดสอบ{n}" for n, name in enumerate(["สมชาย", "ธนพล", "วิชัย"] * 10)]
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
            f"xmlns:blogger='http://schemas.google.com/blogger/2018'><id>{BLOG}</id>\n"
        )
        times = []
        for n in range(posts):
            when = start + timedelta(minutes=n * 37)
            times.append(when)
            paragraphs = [f"<p>{sentence(rng)} {sentence(rng)}</p>" for _ in range(6)]
            if n % 10 == 0:
                paragraphs.append(
                    '<iframe src="https://www.youtube.com/embed/x' + str(n) + '"></iframe>'
                    '<script>old()</script><img src="https://blogger.googleusercontent.com/'
                    f'img/b/x/s1600/p{n}.jpg">'
                )
            is_page = n % 50 == 49
            out.write(
                entry(
                    [
                        f"<id>{BLOG}.{'page' if is_page else 'post'}-{n}</id>",
                        f"<blogger:type>{'PAGE' if is_page else 'POST'}</blogger:type>",
                        f"<blogger:status>{'DRAFT' if n % 100 == 3 else 'LIVE'}</blogger:status>",
                        f"<author><name>{rng.choice(authors)}</name></author>",
                        f"<title>{escape(rng.choice(words.HEADLINE_SUBJECTS))} {n}</title>",
                        f"<content type='html'>{escape(''.join(paragraphs))}</content>",
                        f"<published>{when.isoformat()}</published>",
                        f"<updated>{when.isoformat()}</updated>",
                        *(
                            f"<category scheme='{BLOG}' term='{label}'/>"
                            for label in rng.sample(labels, 3)
                        ),
                        f"<blogger:filename>/{when:%Y/%m}/blog-post_{n}.html</blogger:filename>",
                    ]
                )
            )
        for c in range(comments):
            post = rng.randrange(posts)
            reply = c % 5 == 4
            fields = [
                f"<id>{BLOG}.post-c{c}</id>",
                f"<blogger:parent>{BLOG}.{'page' if post % 50 == 49 else 'post'}-{post}"
                "</blogger:parent>",
                "<blogger:type>COMMENT</blogger:type>",
                f"<blogger:status>{'SPAM' if c % 20 == 7 else 'LIVE'}</blogger:status>",
                f"<author><name>ผู้อ่าน{c % 997}</name></author>",
                f"<content type='html'>{escape(sentence(rng))}</content>",
                f"<published>{(times[post] + timedelta(hours=2)).isoformat()}</published>",
            ]
            if reply:
                fields.insert(2, f"<blogger:inReplyTo>{BLOG}.post-c{c - 1}</blogger:inReplyTo>")
            out.write(entry(fields))
        out.write("</feed>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "blogger-backup.xml"
        write_backup(path, args.posts, args.comments)
        size = path.stat().st_size / 1e6
        print(f"backup: {args.posts} posts, {args.comments} comments, {size:.1f} MB")
        started = time.monotonic()
        subprocess.run(  # noqa: S603 (the project's own manage.py)
            [sys.executable, str(ROOT / "manage.py"), "import_blogger", str(path)],
            check=True,
            env={**os.environ, "PYTHAINLP_READ_ONLY": "1", "PYTHAINLP_OFFLINE": "1"},
        )
        seconds = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"import: {seconds:.1f} s, peak memory of the import process {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
