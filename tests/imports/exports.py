"""Small exports written by the tests: Thai posts, drafts, pages, comments with replies
and spam, iframes (YouTube and an evil host), scripts and images."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.utils import timezone

BLOG = "tag:blogger.com,1999:blog-42"
YOUTUBE = '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe>'
EVIL = '<iframe src="https://evil.example/embed/x"></iframe>'
SCRIPT = '<script>alert("x")</script>'


def write(tmp_path: Path, text: str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def future(days: int = 3) -> str:
    return (timezone.now() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.000+07:00")


def blogger_entry(
    number: int,
    *,
    kind: str = "POST",
    status: str = "LIVE",
    title: str = "",
    body: str = "",
    published: str = "2022-09-12T15:30:00.000+07:00",
    author: str = "นายสมชาย ใจดี",
    labels: tuple[str, ...] = (),
    filename: str = "",
    meta: str = "",
    parent: int | None = None,
    reply_to: int | None = None,
) -> str:
    parts = [
        f"<id>{BLOG}.post-{number}</id>",
        f"<blogger:type>{kind}</blogger:type>",
        f"<blogger:status>{status}</blogger:status>",
        f"<author><name>{escape(author)}</name></author>",
        f"<title>{escape(title)}</title>",
        f"<content type='html'>{escape(body)}</content>",
        f"<published>{published}</published>",
        f"<updated>{published}</updated>",
    ]
    parts += [f"<category scheme='{BLOG}' term='{escape(label)}'/>" for label in labels]
    if filename:
        parts.append(f"<blogger:filename>{filename}</blogger:filename>")
    if meta:
        parts.append(f"<blogger:metaDescription>{escape(meta)}</blogger:metaDescription>")
    if parent is not None:
        parts.append(f"<blogger:parent>{BLOG}.post-{parent}</blogger:parent>")
    if reply_to is not None:
        parts.append(f"<blogger:inReplyTo>{BLOG}.post-{reply_to}</blogger:inReplyTo>")
    return "<entry>" + "".join(parts) + "</entry>"


def blogger_feed(*entries: str) -> str:
    return (
        "<?xml version='1.0' encoding='utf-8'?>"
        "<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:blogger='http://schemas.google.com/blogger/2018'>"
        f"<id>{BLOG}</id><title>ข่าวทดสอบ</title>" + "".join(entries) + "</feed>"
    )


def blogger_2018() -> str:
    """A post (labels, meta description, YouTube, evil iframe, script, image), a draft,
    a scheduled post, a trashed one, a page, and comments: two, a reply, spam, trash."""
    return blogger_feed(
        blogger_entry(
            1,
            title="น้ำท่วมถนนสุขุมวิท",
            body=f"<p>ฝนตกหนักทั้งคืน</p>{YOUTUBE}{EVIL}<p>{SCRIPT}ระดับน้ำสูง</p>"
            '<p><img src="https://blogger.googleusercontent.com/img/b/x/s1600/flood.jpg" '
            'alt="ถนนน้ำท่วม"></p>',
            labels=("ข่าวกทม.", "น้ำท่วม"),
            filename="/2022/09/blog-post_12.html",
            meta="น้ำท่วมสุขุมวิทหลังฝนตกหนัก",
        ),
        blogger_entry(2, status="DRAFT", title="ร่าง: สะพานใหม่", body="<p>ยังไม่เสร็จ</p>"),
        blogger_entry(
            3,
            status="SCHEDULED",
            title="ข่าวล่วงหน้า",
            body="<p>จะเผยแพร่</p>",
            published=future(),
            filename="/2030/01/scheduled.html",
        ),
        blogger_entry(4, status="SOFT_TRASHED", title="ข่าวที่ลบแล้ว", body="<p>ลบ</p>"),
        blogger_entry(
            5,
            kind="PAGE",
            title="เกี่ยวกับเรา",
            body="<p>สำนักข่าวทดสอบ</p>",
            filename="/p/about.html",
            author="กองบรรณาธิการ",
        ),
        blogger_entry(
            10,
            kind="COMMENT",
            body="น้ำท่วมถึงเข่าแล้วครับ",
            author="ผู้อ่าน",
            parent=1,
            published="2022-09-12T18:00:00.000+07:00",
        ),
        blogger_entry(
            11,
            kind="COMMENT",
            body="ขอบคุณที่<b>แจ้ง</b>ครับ",
            author="นายสมชาย ใจดี",
            parent=1,
            reply_to=10,
            published="2022-09-12T19:00:00.000+07:00",
        ),
        blogger_entry(
            12,
            kind="COMMENT",
            status="SPAM",
            body='<a href="http://spam.example/">ยาลดน้ำหนัก</a>',
            author="spammer",
            parent=1,
        ),
        blogger_entry(13, kind="COMMENT", status="TRASH", body="ลบแล้ว", parent=1),
    )


def blogger_legacy() -> str:
    kind = "http://schemas.google.com/g/2005#kind"
    base = "https://khao-test.blogspot.com"

    def entry(number, term, inner):
        return (
            f"<entry><id>{BLOG}.post-{number}</id>"
            "<published>2022-09-12T15:30:00.001+07:00</published>"
            "<updated>2022-09-12T16:05:12.345+07:00</updated>"
            f"<category scheme='{kind}' term='http://schemas.google.com/blogger/2008/kind#{term}'/>"
            f"{inner}</entry>"
        )

    reply_to = f"<thr:in-reply-to ref='{BLOG}.post-1' href='{base}/2022/09/blog-post_12.html'/>"
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:thr='http://purl.org/syndication/thread/1.0'>"
        f"<id>{BLOG}.archive</id>"
        "<entry><id>tag:blogger.com,1999:blog-42.layout</id>"
        f"<category scheme='{kind}' term='http://schemas.google.com/blogger/2008/kind#template'/>"
        "<title>Template</title><content type='text'>&lt;b:skin/&gt;</content></entry>"
        + entry(
            1,
            "post",
            "<category scheme='http://www.blogger.com/atom/ns#' term='การเมือง'/>"
            "<title type='text'>ผู้ว่าฯ ประชุมเรื่องน้ำท่วม</title>"
            "<content type='html'>&lt;p&gt;ผู้ว่าฯ ประชุมด่วน&lt;/p&gt;</content>"
            f"<link rel='alternate' type='text/html' href='{base}/2022/09/blog-post_12.html'/>"
            "<author><name>นางสาวพิมพ์ใจ ขยันเขียน</name><email>noreply@blogger.com</email></author>",
        )
        + entry(
            2,
            "post",
            "<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft>"
            "</app:control><title type='text'>ร่างข่าว</title>"
            "<content type='html'>&lt;p&gt;ร่าง&lt;/p&gt;</content>"
            "<author><name>กองบรรณาธิการ</name></author>",
        )
        + entry(
            3,
            "page",
            "<title type='text'>ติดต่อเรา</title><content type='html'>โทร 02</content>"
            f"<link rel='alternate' type='text/html' href='{base}/p/contact.html'/>"
            "<author><name>กองบรรณาธิการ</name></author>",
        )
        + entry(
            4,
            "comment",
            "<title>x</title><content type='html'>"
            "เห็นด้วยค่ะ &amp;lt;b&amp;gt;มาก&amp;lt;/b&amp;gt;</content>"
            "<author><name>มะลิ</name><email>noreply@blogger.com</email></author>" + reply_to,
        )
        + entry(
            5,
            "comment",
            "<title>y</title><content type='html'>ตอบคุณมะลิครับ</content>"
            "<author><name>Anonymous</name></author>"
            "<link rel='related' href='https://www.blogger.com/feeds/42/1/comments/default/4'/>"
            + reply_to,
        )
        + "</feed>"
    )


def wxr(
    version: str = "1.2",
    *,
    items: str | None = None,
    scheme: str = "http",
    namespace: str | None = None,
    channel: str = "",
) -> str:
    """A WXR file; ``namespace`` replaces WordPress's own for the wp: prefix (and the
    excerpt: one follows it), ``channel`` is added before the items."""
    ns = namespace if namespace is not None else f"{scheme}://wordpress.org/export/{version}/"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<rss version="2.0" xmlns:excerpt="{ns}excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:wp="{ns}">\n<channel><title>ข่าวเวิร์ดเพรส</title>'
        "<link>https://wp.example</link>"
        f"<wp:wxr_version>{version}</wp:wxr_version>"
        "<wp:base_site_url>https://wp.example</wp:base_site_url>"
        "<wp:base_blog_url>https://wp.example</wp:base_blog_url>\n"
        "<wp:author><wp:author_login>somchai</wp:author_login>"
        "<wp:author_display_name><![CDATA[นายสมชาย ใจดี]]></wp:author_display_name></wp:author>\n"
        + channel
        + (items if items is not None else wxr_items())
        + "</channel></rss>\n"
    )


def wxr_category(nicename: str, name: str, parent: str = "") -> str:
    """A category as the channel lists it, before the items."""
    return (
        f"<wp:category><wp:category_nicename>{nicename}</wp:category_nicename>"
        f"<wp:category_parent>{parent}</wp:category_parent>"
        f"<wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>\n"
    )


def nicename(name: str) -> str:
    """What WordPress makes of a Thai name for an address: its UTF-8, percent-encoded."""
    return quote(name, safe="").lower()


def wxr_item(
    post_id: int | str,
    *,
    title: str,
    body: str = "",
    status: str = "publish",
    post_type: str = "post",
    link: str = "",
    date: str = "2022-09-12 15:30:00",
    date_gmt: str = "2022-09-12 08:30:00",
    excerpt: str = "",
    meta: str = "",
    categories: tuple[tuple[str, ...], ...] = (),
    comments: str = "",
    creator: str = "somchai",
) -> str:
    """``categories``: (domain, name) or (domain, name, nicename)."""
    cats = ""
    for domain, name, *given in categories:
        slug = given[0] if given else nicename(name)
        cats += f'<category domain="{domain}" nicename="{slug}"><![CDATA[{name}]]></category>'
    postmeta = (
        f"<wp:postmeta><wp:meta_key>_yoast_wpseo_metadesc</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{meta}]]></wp:meta_value></wp:postmeta>"
        if meta
        else ""
    )
    return (
        f"<item><title>{escape(title)}</title><link>{link or f'https://wp.example/?p={post_id}'}</link>"
        f"<dc:creator><![CDATA[{creator}]]></dc:creator>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id>"
        f"<wp:post_date>{date}</wp:post_date>"
        f"<wp:post_date_gmt>{date_gmt}</wp:post_date_gmt>"
        f"<wp:status>{status}</wp:status><wp:post_type>{post_type}</wp:post_type>"
        f"{cats}{postmeta}{comments}</item>\n"
    )


def wxr_comment(
    comment_id: int | str,
    *,
    body: str,
    approved: str = "1",
    parent: int | str = 0,
    kind: str = "",
) -> str:
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
        "<wp:comment_author><![CDATA[ผู้อ่าน]]></wp:comment_author>"
        "<wp:comment_author_email>Reader@Example.com</wp:comment_author_email>"
        "<wp:comment_author_IP>203.0.113.9</wp:comment_author_IP>"
        "<wp:comment_date>2022-09-12 19:00:00</wp:comment_date>"
        "<wp:comment_date_gmt>2022-09-12 12:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{body}]]></wp:comment_content>"
        f"<wp:comment_approved>{approved}</wp:comment_approved>"
        f"<wp:comment_type>{kind}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def wxr_items() -> str:
    return (
        wxr_item(
            12,
            title="ฝุ่น PM2.5 เกินมาตรฐาน",
            body=f"ย่อหน้าแรก\n\nย่อหน้าที่สอง{SCRIPT}\nบรรทัดใหม่\n\nhttps://www.youtube.com/watch?v=abc123\n\n{EVIL}",
            link="https://wp.example/2022/09/%E0%B8%9D%E0%B8%B8%E0%B9%88%E0%B8%99/",
            excerpt="ค่าฝุ่นสูงทั่วกรุง",
            categories=(("category", "สิ่งแวดล้อม"), ("post_tag", "ฝุ่น")),
            comments=wxr_comment(1, body="หายใจไม่ออกเลย")
            + wxr_comment(2, body="จริงครับ", parent=1)
            + wxr_comment(3, body="buy pills", approved="spam")
            + wxr_comment(4, body="ping", kind="pingback")
            + wxr_comment(5, body="รอตรวจ", approved="0"),
        )
        + wxr_item(13, title="ร่างข่าว", status="draft", date_gmt="0000-00-00 00:00:00")
        + wxr_item(14, title="ข่าวล่วงหน้า", status="future", date_gmt="2099-01-01 00:00:00")
        + wxr_item(15, title="ข่าวส่วนตัว", status="private", meta="คำอธิบายจาก Yoast")
        + wxr_item(16, title="ข่าวรอตรวจ", status="pending")
        + wxr_item(17, title="ข่าวในถังขยะ", status="trash")
        + wxr_item(18, title="ภาพ", post_type="attachment", status="inherit")
        + wxr_item(
            19,
            title="เกี่ยวกับเรา",
            post_type="page",
            link="https://wp.example/about/",
            body="<p>เรา</p>",
        )
    )
