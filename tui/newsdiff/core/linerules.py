"""What a line says about itself: the shapes and words of page furniture, judged one line at a time.

``clean.py`` asks these families first, in the order of ``LINE_RULES``; what a line's place in the
page says (repeats, neighbours, position, the story's vocabulary) is judged there afterwards. Each
family returns ``(kind, reason)`` for a line it recognises, else ``None``, and is tested on its own
(``tests/test_clean_families.py``).

Every pattern is explained where it is set. Patterns compile on first use (``lazyre``), and each
family checks cheap word gates before its regular expressions: cleaning runs on every command's start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .lazyre import LazyRe
from .tokens import fold

Found = tuple[str, str] | None  # (kind, reason) of a line recognised as furniture


# Picture agencies and wire services as they appear in credits (matched as whole names, any case).
AGENCIES = frozenset(
    n.casefold()
    for n in (
        "AP", "Associated Press", "Reuters", "AFP", "Getty", "Getty Images", "EPA", "EPA-EFE", "PA", "PA Wire",
        "PA Media", "Rex", "Rex Features", "Shutterstock", "Alamy", "Bloomberg", "Xinhua", "Yonhap", "Kyodo",
        "ANSA", "dpa", "Anadolu", "NurPhoto", "SOPA", "Sipa", "Polaris", "ZUMA", "ZUMA Wire", "ZUMA Press", "UPI",
        "TASS", "KCNA", "KNS", "Newsis", "Handout", "Pool", "iStock", "iStockphoto", "Corbis", "Splash",
        "Splash News", "Backgrid", "Mirrorpix", "Press Association", "SWNS", "Solent", "WENN", "Instagram",
        "Twitter", "Facebook", "YouTube", "Supplied", "File", "Screengrab", "Screenshot",
    )
)
_CREDIT_SPLIT = LazyRe(r"\s*(?:/|\bvia\b|\band\b|,)\s*", re.I)


def _agency_only(text: str) -> bool:
    """'AP', 'AFP/Getty Images', 'Reuters via AP': agency names alone."""
    parts = [p for p in _CREDIT_SPLIT.split(text.strip()) if p]
    return bool(parts) and all(p.casefold() in AGENCIES for p in parts)


def _agency_at(s: str, end: bool) -> bool:
    """An agency name (up to three words) at the start of ``s``, or at its end."""
    words = s.split()[-3:] if end else s.split()[:3]
    for k in range(len(words), 0, -1):
        name = " ".join(words[-k:] if end else words[:k])
        if name.casefold().strip(".,;:()") in AGENCIES:
            return True
    return False


def _credit_words(text: str) -> bool:
    """Attribution shapes around an agency name: 'via Reuters', 'Jane Doe/AFP', 'AFP/Getty',
    'AP Photo/Ahn Young-joon', or a © sign."""
    if "©" in text:
        return True
    for m in re.finditer(r"/|\bvia\b", text):
        if _agency_at(text[m.end() :], end=False) or (m.group() == "/" and _agency_at(text[: m.start()], end=True)):
            return True
    return any(_agency_at(text[: m.start()], end=True)
               for m in re.finditer(r"\s(?:Photos?|Images?|Pictures?|Video)\b", text))


# "Credit: AP", "Photograph: Jane Doe/Reuters", "Picture by ...", "Image courtesy of ...",
# "Image source, UN Command".
_CREDIT_LABEL = LazyRe(
    r"(?:^|\s)(?P<credit>(?:photo(?:graph)?|picture|pic|image|images|featured image|illustration|graphic|"
    r"video|footage|credit|credits|source|image source|photo source)s?\s*(?::|,|by\b|courtesy\b|via\b|©)"
    r"\s*\S.*)$",
    re.I,
)
# "Video: Soldier shot five times as he races for the border": a headline that names its medium. A
# credit names one to four people or agencies after the label; a headline says what happened.
_TITLE_AFTER_LABEL = LazyRe(r"^(?:video|footage|watch|pictures?|photos?)\s*:\s*(?:\S+\s+){4,}\S+\s*[?!]?$", re.I)
# "X via Y": an attribution line made of names only.
_VIA_LINE = LazyRe(r"^[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*|\s+(?:of|the|and|for)){0,7}\s+via\s+"
                       r"[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}$")
_TRAILING_PAREN = LazyRe(r"[(\[](?P<inner>[^()\[\]]{1,60})[)\]]\s*$")
_LABELLED_CREDIT = LazyRe(r"^(?:photo(?:graph)?|picture|image|credit|courtesy|file photo)s?\s*(?::|by\b)\s*\S", re.I)
# "... near Athens. —AFP", "... in Mati - Reuters": an agency after a dash, ending a caption.
_DASH_AGENCY = LazyRe(r"\s[—–-]+\s*(?P<agency>[A-Za-z][\w .&-]{1,30})\s*$")
# "... January 11, 2018. REUTERS/Rogan Ward", "AP Photo/Lee Jin-man": agency, slash, photographer.
_AGENCY_SLASH = LazyRe(r"(?:^|\s)(?P<credit>(?P<agency>[A-Za-z][\w.&]*(?: [A-Za-z][\w.&]*){0,2})/"
                       r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*$")
# "Image caption, ..." / "Media caption: ..." labels that extraction leaves in front of captions.
_CAPTION_LABEL = LazyRe(r"^(?:image|media|video|photo|picture)\s+caption\s*[,:]", re.I)
_MD_IMAGE = LazyRe(r"^!\[[^\]]*\]\([^)]*\)")

_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_RE_TEXT = _MONTH_RE

# Lines about the page itself rather than the story.
_ARCHIVE = LazyRe(
    r"\bpart of (?:the|our|its) (?:online |digital )?archives?\b|\b(?:from|in) our (?:online |digital )?"
    r"archives?\b|"
    r"\barchived (?:article|story|page|content|version)\b|"
    r"\b(?:article|story|page|content) (?:is|has been) archived\b|"
    r"\bsite features (?:have been|are) disabled\b|"
    r"\bthis (?:article|story|page|content) is (?:more than|over(?: than)?) \w+ (?:years?|months?) old\b|"
    r"\bthis (?:article|story|page|content) (?:is )?(?:no longer|not) (?:being )?(?:updated|maintained)\b",
    re.I,
)
_NOTICE = LazyRe(
    r"^(?:this|the) (?:article|story|piece|report) (?:was |has been )?(?:first |originally )?"
    r"(?:appeared|published|republished|reprinted) (?:on|in|by|with)\b|"
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b|"
    r"\bthis material may not be (?:published|broadcast|rewritten|redistributed)\b|"
    r"\b(?:a version of )?this (?:article|story|report) appear(?:s|ed) in print\b",
    re.I,
)
# Site policies: only on short lines, where they are links or labels rather than reporting.
_POLICY = LazyRe(
    r"\b(?:our|editorial) (?:standards|policies|guidelines)\b|\bterms (?:of|and) (?:use|service|conditions)\b|"
    r"\bprivacy (?:policy|notice)\b|\bcorrections? policy\b|\btrust principles\b|\bwhy you can trust\b|"
    r"\bour (?:journalism|editorial) (?:standards|principles|values)\b",
    re.I,
)
_CTA = LazyRe(
    r"^(?:leave|post|add|write|view|read|show|load|see|hide|join|jump to)\b.{0,25}"
    r"\b(?:comment\w*|replies|reactions|discussions?|conversations?|forums?|community)\b|"
    r"^\d+\s+comments?$|^comments?\s*(?:\(\d+\))?$|"
    r"\b(?:licen[cs]e|reprint|republish|reuse|syndicate|buy)\b.{0,20}\b(?:this|our)\b.{0,12}"
    r"\b(?:content|article|story|photo|image|picture)s?\b|"
    r"^(?:share|email|tweet|pin|print|save|copy)(?: this| it)?(?: (?:article|story|page|link|on \w+|via \w+|"
    r"with \w+))?\s*$|"
    r"\b(?:sign(?:ing)? up|subscrib\w*|register\w*)\b.{0,40}\b(?:newsletters?|updates|alerts|inbox)\b|"
    r"\b(?:enter|type) (?:a |your )?(?:valid )?e-?mail(?: address)?\b|"
    r"\bnewsletter\b.{0,40}\b(?:sign up|subscribe|inbox)\b|"
    r"\bfollow (?:us|[\w'’-]+(?: [\w'’-]+){0,2}) on (?:twitter|facebook|instagram|x|tiktok|youtube|linkedin)\b|"
    # "Get browser notifications for breaking news": the site asking to send alerts
    r"^(?:get|receive|turn on|enable|allow)\b.{0,30}\b(?:notifications|alerts|push)\b|"
    r"^(?:share|comment)\b.{0,20}\b(?:this|the) (?:article|story|post|page)\b|"
    r"\bclick here\b|\bdownload (?:the|our) app\b|\bsupport (?:our|independent) journalism\b|"
    r"\bif you have (?:any )?questions or concerns\b|\bcontact (?:us|support)\b|\bplease check our\b|"
    r"\b(?:got|have) a (?:story|news) tip\b|\bwe want to hear from you\b|"
    r"\bto continue reading\b|\balready a subscriber\b|\bcookies?\b.{0,30}\b(?:accept|consent|policy)\b",
    re.I,
)
# Wire-service credits for reporters and editors, wherever they stand.
_CONTRIBUTORS = LazyRe(
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|translated|research|graphics)(?: and \w+)? by"
    r"(?:[\s;,&]+(?:(?-i:[A-Z][\w’'.-]*)|and|in|with|from|by|editing|writing|additional|reporting))+[\s;,.)]*$|"
    r"\bcontributed (?:reporting )?to this (?:report|story|article)\b|"
    r"^(?:contact|email|follow) (?:the )?(?:author|reporter|writer)\b",
    re.I,
)
_NAVIGATION = {
    "close", "open", "next", "previous", "prev", "menu", "home", "back", "back to top", "skip to content",
    "skip to main content", "advertisement", "advert", "ad", "sponsored", "share", "tweet", "email", "print",
    "more", "see more", "show more", "load more", "expand", "collapse", "search", "log in", "login",
    "sign in", "register", "image", "photo", "video", "gallery", "enlarge", "play", "pause", "mute",
    "unmute", "replay", "hide caption", "toggle caption", "show caption", "caption", "full screen",
    "fullscreen", "view gallery", "view image", "continue reading", "top", "x", "×", "copy link",
    "share this", "share on facebook", "share on twitter", "share on whatsapp", "share via email",
    "comments", "comment", "loading", "loading...", "listen", "listen to this article", "supported by",
    "continue reading the main story", "story continues below", "story continues below advertisement",
    "next story", "previous story", "see gallery", "view slideshow", "you are here", "advertising",
    "article continues below", "scroll to continue with content", "credit", "credits",
    # video players' labels
    "just watched", "must watch", "more videos", "more videos ...", "video ad feedback", "ad feedback",
    "up next", "watch now", "now playing", "playing now", "watch", "video player",
    # comment forms
    "website", "name", "email address", "post comment", "submit", "cancel reply", "reply",
}
# Share and comment counters: "share2", "Comments 14", "3 shares".
_COUNTER = LazyRe(r"^(?:shares?|comments?|likes?|reactions?)\s*\d+$|^\d+\s*(?:shares?|comments?|likes?|reactions?)$",
                  re.I)
# A line of page links: several short items separated by | • · (e.g. "Order Reprints | Today's Paper").
_LINK_BAR = LazyRe(r"^[^|•·]{1,30}(?:\s[|•·]\s[^|•·]{1,30}){1,8}$")
# Headings that introduce a list of other stories or tags.
_LIST_HEADING = LazyRe(
    r"^(?:related(?: (?:articles?|stories|posts?|content|coverage|links|news|topics|reading|videos?))?|read more|"
    r"story highlights|key points|highlights|"
    r"more (?:stories|news|from|on|in|like this)\b.*|most (?:read|popular|viewed|shared|watched)\b.{0,30}|"
    r"trending(?: now| stories| topics)?|recommended(?: for you| stories| reading)?|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|up next|also read|see also|top stories|"
    r"latest(?: news| stories)?|editor'?s picks?|in other news|topics|tags|related topics|explore more|"
    r"what to read next|read next)\s*:?$",
    re.I,
)
_RELATED_PREFIX = LazyRe(r"^(?:related|read more|see also|also read|read also|more on this|recommended|"
                             r"read next|more)\s*[:|»›]\s*\S|"
                             # "Feb. 7:How far into space...": a date label glued to another story's title
                             rf"^{_MONTH_RE}\s+\d{{1,2}}:(?=\S)", re.I)
# "Tags: North Korea, DMZ": the page's topic labels.
_TAGS = LazyRe(r"^(?:tags?|topics?|categor(?:y|ies)|filed under|keywords?|more about)\s*:\s*\S", re.I)
# A form's field label, marked required ("Name *", "Email *").
_FORM_FIELD = LazyRe(r"^[\w' -]{1,30}\s\*$")
# Instructions to the viewer for playing a video: imperative, about a time code or the player.
_VIDEO_NOTE = LazyRe(
    r"^\W{0,2}(?:drag|skip|scroll|fast[- ]?forward|jump|rewind|go|move|head|forward|watch|see|click|tap|"
    r"press|play|wind)\b.{0,40}(?:\b\d{1,2}[.:]\d{2}\b|\b(?:video|clip|footage|player)\b)|"
    r"\b(?:video|clip|player|footage)\s+(?:above|below)\b|\bautoplay\b|"
    r"\bvideo (?:will|may|might|should) (?:play|load|start)\b|"
    r"\b(?:this|the) video (?:is|was) (?:not|no longer|un)\s*available\b|"
    r"\b(?:enable|turn on) javascript\b|\bbrowser (?:does not|doesn't) support\b",
    re.I,
)
_CAPTION_PHRASE = LazyRe(
    r"\b(?:in this (?:undated |handout |file |\w+ )?(?:image|photo|photograph|picture|still|screen ?grab|"
    r"frame|file photo)|\(pictured\)|file photo|photo taken|image (?:made|taken) from|"
    r"(?:still|screengrab|screen grab|frame) (?:taken )?from (?:a |the )?video|"
    r"\((?:left|right|centre|center|top|bottom|l|r|c|above|below|inset)\))",
    re.I,
)
_MONTH = _MONTH_RE
_TIMESTAMP = LazyRe(
    r"^(?:(?:published|updated|posted|last updated|last modified|first published|modified)\b[:\s]*"
    rf"(?=.{{0,40}}(?:\d{{4}}|\d{{1,2}}[:.]\d{{2}}|{_MONTH_RE}\s*\d|\d\s*{_MONTH_RE}|\bago\b)).{{0,120}}|"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}(?:\s*(?:[,•|·-]|at)?\s*\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?"
    r"[,\s]*(?:[a-z]{2,4})?)?|"
    r"\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:[a-z]{2,4})?(?:,\s*\d{1,2}\s+\w+\s+\d{4})?|"
    r"\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}.*)?|"
    r"\d+\s+min(?:ute)?s?\s+read|reading time:?.{0,20})$",
    re.I,
)
_BYLINE_BY = LazyRe(r"^(?i:by|written by|words by|story by)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)")
_JOB_WORDS = (
    r"writer|reporter|correspondent|editor|journalist|contributor|columnist|staff|producer|analyst|"
    r"bureau|freelance|freelancer|presenter|anchor|photographer|author|desk|newsdesk|intern|"
    r"commentator|critic|blogger|contributing|senior|chief|deputy|associate|political|foreign|"
    r"business|science|health|news|sports?|digital|special|international|national|asia|europe|"
    r"us|uk|global|affairs|defence|defense|security|diplomatic|economics|technology"
)
_JOB_RE = LazyRe(rf"\b(?:{_JOB_WORDS})\b", re.I)
_JOB_TOKEN = LazyRe(rf"^(?:(?:{_JOB_WORDS})|of|the|and|at|for|in|&|[A-Z][\w’'.&-]*),?$", re.I)
_NAME_TOKEN = LazyRe(
    r"^(?:[A-Z][a-zà-ÿ’']+(?:-[A-Za-zà-ÿ’']+)*|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]{2,}(?:-[A-Z]{2,})?|de|van|von|da|al|bin|"
    r"del|la|le|el)$"
)
_TERMINAL = LazyRe(r"[.!?…]['\"’”)\]]*\s*$")
_EMAIL_OR_URL = LazyRe(r"^(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+)$", re.I)
_MD_LINK_ITEM = LazyRe(r"^(?:[-*+•]\s*)?\[[^\]]+\]\([^)]+\)\s*$")
_NO_WORDS = LazyRe(r"^[\W_]+$")


_MD_MARKS = LazyRe(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?!\[))?[*_]*|[*_]+\s*$")


def _unmark(text: str) -> str:
    """Markdown block text without heading, quote, list and emphasis markers (for the rules)."""
    return _MD_MARKS.sub("", text).strip() or text


def _near(a: str, b: str) -> bool:
    """Near-identical lines (rapidfuzz ratio >= 90). Only lines of similar length with the same
    first words are compared, so rapidfuzz is imported only when a candidate turns up."""
    if abs(len(a) - len(b)) > 0.2 * max(len(a), len(b)) or a[:10] != b[:10]:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b, score_cutoff=90) > 0


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


def _initials_match(inner: str, before: str) -> bool:
    """``Military Demarcation Line (MDL)``: the parenthesis spells the initials of the words before."""
    letters = re.sub(r"[^A-Za-z]", "", inner)
    if not (2 <= len(letters) <= 8 and letters.isupper()):
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", before)[-len(letters) * 2 :]).upper()
    return letters in initials


def _credit_inside(text: str) -> str | None:
    """The credit a caption carries at its end, if any: 'Credit: AP', 'Photograph: X/Reuters',
    '(AP)', '(United Nations Command via AP)'."""
    m = _CREDIT_LABEL.search(text)
    # A credit is short, capitalised ("Credit: AP", "Photo by ...") and never ends a sentence.
    if m and len(m.group("credit").split()) <= 8 and m.group("credit")[0].isupper() \
            and not _TERMINAL.search(m.group("credit")):
        return m.group("credit").strip()
    m = _AGENCY_SLASH.search(text)
    if m and _agency_at(m.group("agency"), end=True):
        return m.group("credit")
    m = _TRAILING_PAREN.search(text)
    if m and text[m.start()] == "[" and not _credit_words(m.group("inner")):
        m = None  # "[Reuters]" closing a paragraph names its source; "[Name/Reuters]" credits a picture
    if m and not _initials_match(m.group("inner"), text[: m.start()]):
        inner = m.group("inner").strip()
        # "(credit: CDC.gov)", "(Photo: Jane Doe)": a credit that names itself, in any case.
        strong = _agency_only(inner) or _credit_words(inner) or bool(_LABELLED_CREDIT.match(inner))
        # After a full stop only an unmistakable credit counts ("... 2017. (AP Photo/Lee Jin-man)");
        # without one, a short capitalised name does ("... the border with the South (AP)").
        if strong or (not _TERMINAL.search(text[: m.start()]) and _name_words(inner, 3)):
            return f"({inner})"
    return None


def _name_words(text: str, most: int) -> bool:
    toks = text.replace("/", " ").split()
    return 1 <= len(toks) <= most and all(t[0].isupper() for t in toks) and not any(c.isdigit() for c in text)


def _is_credit_line(text: str) -> str | None:
    """A whole block that is a credit; returns a description for the reason."""
    t = text.strip().strip("[]()").strip()
    if not t or (_TERMINAL.search(t) and not t.endswith(("Inc.", "Ltd.", "Co."))):
        return None
    words = t.split()
    if len(words) > 12:
        return None
    if _agency_only(t):
        return f"agency credit '{t}'"
    if _CREDIT_LABEL.match(t):
        if t.lower().startswith("source"):
            return f"source credit '{t}'"
        return f"photo credit '{t}'"
    if _VIA_LINE.match(t):
        return f"picture attribution '{t}'"
    if _credit_words(t) and len(words) <= 8:
        return f"photo credit '{t}'"
    return None


def _is_name_line(text: str) -> bool:
    """An author line: 'Andy Wells', 'By Jane Doe and John Roe', 'Justin McCurry in Tokyo',
    'KIM TONG-HYUNG'. Name groups of two to four name-shaped words, joined by 'and', 'in', '&', ','."""
    toks = text.replace(",", " , ").split()
    if toks and toks[0].lower() == "by":
        toks = toks[1:]
    if not 2 <= len(toks) <= 12:
        return False
    groups: list[list[str]] = [[]]
    for t in toks:
        if t in (",", "and", "&", "in", "|", "-", "–", "—"):
            groups.append([])
        elif _NAME_TOKEN.match(t):
            groups[-1].append(t)
        else:
            return False
    groups = [g for g in groups if g]
    return bool(groups) and 2 <= len(groups[0]) <= 4 and all(1 <= len(g) <= 4 for g in groups)


def _is_job_line(text: str) -> bool:
    """A job title: 'Freelance Writer', 'Senior Correspondent, BBC News' - only job words and names."""
    toks = text.split()
    return 1 <= len(toks) <= 7 and bool(_JOB_RE.search(text)) and all(_JOB_TOKEN.match(t) for t in toks) \
        and not _TERMINAL.search(text)


_STOP_END = LazyRe(r"[.;:,]['\"’”)\]]*\s*$")


def _title_like(text: str) -> bool:
    """Shaped like a headline: 3-20 words, not ending in a full stop (a question mark may end one)."""
    n = len(text.split())
    return 3 <= n <= 20 and not _STOP_END.search(text)


# Words without which a family of patterns cannot match: checking them first keeps the regular
# expressions off ordinary paragraphs (cleaning is on every command's start-up path).
_GATE_ARCHIVE = ("archiv", "site feature", " old", "updated", "maintained")
_GATE_NOTICE = ("©", "(c)", "copyright", "rights reserved", "may not be", "appeared", "published", "reprinted",
                "in print")
_GATE_CTA = frozenset(
    "leave post add write view read show load see hide join jump comment comments replies reactions discussion "
    "conversation license licence reprint republish reuse syndicate buy share email tweet pin print save copy "
    "sign signing subscribe subscribed subscribing register newsletter follow click download support questions "
    "contact please tip hear continue subscriber cookie cookies enter type e-mail thanks get receive turn enable "
    "allow".split()
)
_GATE_WORDS = LazyRe(r"[\w'-]+")  # words without the punctuation around them ("tip?" -> "tip")
_GATE_VIDEO = ("video", "clip", "footage", "player", "autoplay", "javascript", "browser", ":", ".")
_GATE_CONTRIB = ("reporting", "writing", "editing", "compiled", "translated", "research", "graphics",
                 "contributed", "contact", "email", "follow")


# Page furniture that plain-text copies of web pages carry (each a small rule family, tested apart):
# the prompts of a comment box, a gallery's counter, a logo's label, notices about the reader's
# browser or a machine translation, and another story's title in brackets.
_COMMENT_FORM = LazyRe(
    r"^(?:leave an? (?:reply|comment|response)|post an? comment|no comments?(?: yet)?|"
    r"please enter your (?:comment|name|email)\b.*|your email(?: address)? will not be published\b.*|"
    r"required fields are marked\b.*|fill in your details below\b.*|you are commenting using\b.*|"
    r"(?:log|sign) in to (?:reply|comment)\b.*|notify me of (?:new |follow-up )?(?:comments|posts)\b.*)$",
    re.I,
)
_GALLERY_LABEL = LazyRe(r"^(?:\d+\s+(?:photos?|images?|pictures?|slides?)|slideshow\b.{0,20}\d+\s+slides?)$", re.I)
_LOGO = LazyRe(r"^[\w&.'’ -]{1,30}\b(?:logo|icon)$", re.I)
_SITE_NOTICE = LazyRe(
    r"\b(?:your )?(?:web )?browser is (?:no longer|not|out of date|outdated)\b|"
    r"\b(?:automated|machine|automatic) translation\b",
    re.I,
)
_BRACKETED_TITLE = LazyRe(r"^\[[^\[\]]{10,160}\]$")
# "06 Agustus 2018 11:59 WIB", "Agencies15 Feb 2018 11:36 PM IST": a day, a month word in any
# language, a year and a time, possibly glued to a word before it (a source or a label).
_DATE_TIME = LazyRe(r"^(?:[A-Za-z]+(?=\d))?\d{1,2}\s+[^\W\d_]{3,12}\.?,?\s+\d{4},?\s+\d{1,2}[:.]\d{2}"
                    r"(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s+[A-Z]{2,5})?$", re.I)
# "Tom Barnes@thomas_barnes": an author's name glued to (or followed by) their social handle.
_NAME_HANDLE = LazyRe(r"^(?:by\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}\s*@\w{2,30}$")
# "Thanassis StavrakisAP Photo": a photographer's name glued to the agency's credit.
_GLUED_CREDIT = LazyRe(r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}(?:AP|AFP|EPA|Reuters|Getty Images|"
                       r"Xinhua|Bloomberg)(?:\s+(?:Photo|Images))?$")
# "Get the latest tech news ...": a newsletter's pitch.
_NEWS_PITCH = LazyRe(r"^get (?:the )?(?:latest|breaking|top|daily)\b.{0,30}\b(?:news|headlines|updates|alerts)\b", re.I)


def comment_form(text: str) -> tuple[str, str] | None:
    """'Leave a Reply', 'Your email address will not be published', 'Please enter your name here'."""
    t = text.strip().rstrip("!.:*").strip()
    if len(t.split()) <= 16 and _COMMENT_FORM.match(t):
        return "call-to-action", "the prompt of a comment form"
    return None


def gallery_or_logo(text: str) -> tuple[str, str] | None:
    """'23 PHOTOS', 'Slideshow Icon 10 slides', 'AP logo', 'Enlarge Icon': labels of a gallery or a
    picture (text that stood in for an image)."""
    t = text.strip()
    if _GALLERY_LABEL.match(t):
        return "navigation", "a gallery's label"
    if len(t.split()) <= 5 and _LOGO.match(t):
        return "navigation", "a logo's or an icon's label"
    return None


def dates_and_names(text: str) -> tuple[str, str] | None:
    """Datelines, author handles and glued photo credits that the other rules' English shapes miss."""
    t = text.strip()
    if len(t.split()) <= 8 and _DATE_TIME.match(t):
        return "timestamp", "publication date and time"
    if _NAME_HANDLE.match(t):
        return "byline", "the author's name and social handle"
    if len(t.split()) <= 6 and _GLUED_CREDIT.match(t):
        return "credit", f"photo credit '{t}'"
    if len(t.split()) <= 30 and _NEWS_PITCH.match(t):
        return "call-to-action", "a newsletter's pitch"
    return None


# "pic.twitter.com/abc — Jane Doe (@jdoe) November 21, 2017": an embedded social post's signature.
_SOCIAL_EMBED = LazyRe(r"\bpic\.twitter\.com/\w+|[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s*(?:" + _MONTH_RE_TEXT +
                       r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH_RE_TEXT + r"\s+\d{4})", re.I)
# "The BBC's Laura Bicker reports from Seoul": the line that introduces a reporter's video or audio.
_REPORTER_LINE = LazyRe(r"^[A-Z][\w.&'’ -]{1,40}['’]s\s+(?:[A-Z][\w'’-]+\s+){1,3}reports?\s+(?:from|on)\s+\S")
# "ByABC News", "By Jane Doe | Reuters Published: 22 Nov": bylines glued or followed by the outlet.
_BYLINE_GLUED = LazyRe(r"^By(?=[A-Z]{2,}|[A-Z][a-z]+[A-Z])\S")
_BYLINE_PIPE = LazyRe(r"^by\s+[^|]{2,60}\|.{0,80}\b(?:published|updated|posted)\b", re.I)


def posts_and_bylines(text: str) -> tuple[str, str] | None:
    """Embedded social posts, reporter lines and bylines of shapes the top-of-page rule cannot see
    ('ByABC News', 'By NAME | OUTLET Published: ...')."""
    t = text.strip()
    n = len(t.split())
    if n <= 60 and _SOCIAL_EMBED.search(t):
        return "social-embed", "an embedded social media post"
    if n <= 14 and _REPORTER_LINE.match(t):
        return "byline", "introduces a reporter's report"
    if n <= 6 and _BYLINE_GLUED.match(t):
        return "byline", "byline ('By...')"
    if n <= 30 and _BYLINE_PIPE.match(t):
        return "byline", "byline with the outlet and date"
    return None


def site_notice(text: str) -> tuple[str, str] | None:
    """Notices about the page rather than the story: an old browser, a machine translation."""
    if len(text.split()) <= 25 and _SITE_NOTICE.search(text):
        return "notice", "a notice about the page or the reader's browser"
    return None


def bracketed_title(text: str) -> tuple[str, str] | None:
    """'[Launch schedule: Upcoming Florida rocket launches]': a link to another story, in brackets."""
    t = text.strip()
    if _BRACKETED_TITLE.match(t) and not _TERMINAL.search(t[1:-1]):
        return "related-links", "another story's title in brackets"
    return None


@lru_cache(maxsize=4096)
def _low(text: str) -> str:
    """The line folded, spaces collapsed and framing punctuation stripped: what word lists and gates
    are checked against (cached: several families ask for it)."""
    return _norm(text).strip(" .:!»›>|-•")


def separator_line(text: str) -> Found:
    """'* * *', '—': a decorative line without words."""
    if _NO_WORDS.match(text):
        return "separator", "decorative line without words"
    return None


def page_notices(text: str) -> Found:
    """Lines about the page, not the story: archive notices ('This story is over 5 years old'),
    copyright and republication notices, and links to the site's policies (on short lines only)."""
    low = _low(text)
    nwords = len(text.split())
    if any(g in low for g in _GATE_ARCHIVE) and _ARCHIVE.search(text):
        return "archive-notice", "archive notice about the page, not the story"
    if nwords <= 60 and any(g in low for g in _GATE_NOTICE) and _NOTICE.search(text):
        return "notice", "publication, copyright or policy notice"
    if nwords <= 15 and _POLICY.search(text):
        return "notice", "publication, copyright or policy notice"
    return None


# "Link to map", "View the full graphic", "Tap to expand": a link or a control that stands for a picture,
# a map or a document the page shows (only on short lines without a full stop).
_LINK_LABEL = LazyRe(r"^(?:link to|click to|tap to|(?:view|see|open|explore) (?:the |our )?(?:full |interactive |"
                     r"larger )?(?:map|graphic|chart|gallery|slideshow|video|photos?|pictures?|images?|timeline|"
                     r"document|pdf)s?\b)", re.I)


_LINK_WORDS = frozenset("link click tap view see open explore".split())


def page_controls(text: str) -> Found:
    """The page's own controls and labels: 'Close', 'Advertisement', an address alone, share
    counters, a bar of links separated by '|', a heading such as 'Related stories'."""
    nwords = len(text.split())
    if _low(text) in _NAVIGATION or _EMAIL_OR_URL.match(text):
        return "navigation", f"page control '{_short(text)}'"
    if nwords <= 3 and _COUNTER.match(text):
        return "navigation", f"share or comment counter '{_short(text)}'"
    if nwords <= 20 and _LINK_BAR.match(text) and not _TERMINAL.search(text):
        return "navigation", "a bar of page links"
    if nwords <= 8 and _LIST_HEADING.match(text):
        return "navigation", "heading of a list of other stories or tags"
    if nwords <= 6 and text.split(None, 1)[0].casefold() in _LINK_WORDS and _LINK_LABEL.match(text) \
            and not _TERMINAL.search(text):
        return "navigation", f"a link's label '{_short(text)}'"
    return None


def reader_prompts(text: str) -> Found:
    """Prompts to the reader: comment, share, subscribe, licence this content, click here."""
    if len(text.split()) <= 40 and not _GATE_CTA.isdisjoint(_GATE_WORDS.findall(_low(text))) and _CTA.search(text):
        return "call-to-action", f"prompt to the reader: '{_short(text)}'"
    return None


def video_notes(text: str) -> Found:
    """Instructions for a video player: 'Drag to 0:45 to see ...', 'video above', 'enable JavaScript'."""
    if len(text.split()) <= 30 and any(g in _low(text) for g in _GATE_VIDEO) and _VIDEO_NOTE.search(text):
        return "video-note", "note to the viewer about playing the video"
    return None


def contributor_credits(text: str) -> Found:
    """Wire services' credits for reporters and editors: '(Reporting by ...; Editing by ...)'."""
    if len(text.split()) <= 40 and any(g in _low(text) for g in _GATE_CONTRIB) and _CONTRIBUTORS.search(text):
        return "byline", "credits for reporters or editors"
    return None


def credit_lines(text: str) -> Found:
    """A picture's credit on its own line ('Credit: AP', 'AFP/Getty Images', 'X via Reuters'), a
    caption labelled as one, a Markdown picture."""
    credit = _is_credit_line(text)
    if credit is not None:
        return "credit", credit
    if _CAPTION_LABEL.match(text):
        return "caption", "labelled as a picture caption"
    if _MD_IMAGE.match(text):
        return "caption", "a picture on its own line"
    return None


def story_links(text: str) -> Found:
    """A link on its own line, or one introduced as another story ('Related: ...', 'More: ...')."""
    if _MD_LINK_ITEM.match(text):
        return "related-links", "a link on its own line"
    if _RELATED_PREFIX.match(text):
        return "related-links", "link to another story"
    return None


def tags_and_fields(text: str) -> Found:
    """'Tags: North Korea, DMZ' and the required fields of a form ('Name *')."""
    nwords = len(text.split())
    if nwords <= 20 and _TAGS.match(text):
        return "navigation", "the page's topic tags"
    if nwords <= 4 and _FORM_FIELD.match(text):
        return "call-to-action", "a field of a comment or sign-up form"
    return None


def timestamps(text: str) -> Found:
    """'Published 12:04 GMT, 22 November 2017', 'Updated 3 hours ago', '5 min read', and any short
    line made only of date and time words and the labels that go with them ('and last updated
    2018-11-30 18:55:02-05', 'Update: 2017-09-12 21:29 GMT', '/ Updated')."""
    if len(text.split()) <= 20 and _TIMESTAMP.match(text.lstrip("•·*-–— \t")):
        return "timestamp", "publication date or time"
    if len(text.split()) <= 12 and _date_words_only(text):
        return "timestamp", "publication date or time"
    return None


# The words a publication date or time is made of, told apart with string methods (no regular
# expression: this runs on many short lines of every page).
_TS_SEPARATORS = str.maketrans({c: " " for c in "|•·,;()–—"})
_TS_LABEL = frozenset("published publish updated update posted modified edited created originally".split())
_TS_GLUE = frozenset("first last on at and ago date time / - :".split())
_TS_LABEL_STEMS = ("publish", "updat", "posted", "modified", "edited", "created", "originally")
_TS_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
                       "july august september october november december".split())
_TS_DAYS = frozenset("mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
                     "saturday sunday today yesterday am pm a.m p.m".split())


def _ts_time(tok: str) -> bool:
    """'21:29', '7:15am', '18:55:02-05', '11.56', '2018-11-30', '2018-11-30t18:55', '12/18/2017'."""
    for suffix in ("a.m.", "p.m.", "am", "pm", "h"):
        if tok.endswith(suffix) and len(tok) > len(suffix):
            tok = tok[: -len(suffix)]
            break
    if "t" in tok and tok[:4].isdigit():  # an ISO date with its time
        tok = tok.split("t", 1)[0]
    for sep in ("/", "-", "."):  # a date in figures: 2018-11-30, 12/18/2017, 30.11.2018
        parts = tok.split(sep)
        if len(parts) == 3 and all(x.isdigit() for x in parts) and (len(parts[0]) == 4 or len(parts[2]) in (2, 4)):
            return True
    base = tok
    for sign in ("+", "-"):  # a time zone's offset after the time
        if sign in base[3:]:
            base = base[: 3 + base[3:].index(sign)]
    parts = base.replace(".", ":").split(":")
    return 2 <= len(parts) <= 3 and all(x.isdigit() for x in parts) and len(parts[0]) <= 2 \
        and all(len(x) == 2 for x in parts[1:])


def _ts_number(tok: str) -> bool:
    """'22', '2018', '6th'."""
    tok = tok.rstrip(".")
    if tok[-2:] in ("st", "nd", "rd", "th"):
        tok = tok[:-2]
    return tok.isdigit() and len(tok) <= 4


def _date_words_only(text: str) -> bool:
    """A line of date and time tokens, the labels that introduce them ('Published', 'last updated',
    'on', 'at') and separators, with a label, a time, a date in figures or a month and a number."""
    low = text.casefold()
    if not any(c.isdigit() for c in text) and not any(w in low for w in _TS_LABEL_STEMS):
        return False  # cheap gate: neither a figure nor a label word
    tokens: list[str] = []
    for tok in text.translate(_TS_SEPARATORS).split():
        head, colon, rest = tok.partition(":")
        if colon and head.isalpha() and rest[:1].isalpha():  # "Published:Wednesday"
            tokens += [head, rest]
        else:
            tokens.append(tok)
    label = time = month = number = zone = False
    for tok in tokens:
        tok = tok.strip(":-/")
        low = tok.casefold()
        if not tok or low in _TS_GLUE:
            continue
        if low in _TS_LABEL:
            label = True
        elif low.rstrip(".") in _TS_MONTHS:
            month = True
        elif low.rstrip(".") in _TS_DAYS:
            pass
        elif _ts_number(low):
            number = True
        elif _ts_time(low):
            time = True
        elif tok.isalpha() and tok.isupper() and 2 <= len(tok) <= 5:  # a time zone: GMT, ET, WIB, AEST
            zone = True
        else:
            return False
    if zone and not time:
        return False
    return label or time or (month and number)


# The families in the order they are asked; the first that recognises a line labels it. Order
# matters where shapes overlap: "By X | Outlet Published: ..." is a byline before it is a bar of links.
LINE_RULES: tuple[Callable[[str], Found], ...] = (
    separator_line, posts_and_bylines, page_notices, page_controls, reader_prompts, video_notes,
    contributor_credits, credit_lines, story_links, tags_and_fields, timestamps,
    comment_form, gallery_or_logo, site_notice, bracketed_title, dates_and_names,
)


# The longest line each family can recognise (words): longer lines skip it (the story's paragraphs
# are most lines, and most families are about short ones). Families not listed take any length.
_MAX_WORDS: dict[Callable[[str], Found], int] = {
    posts_and_bylines: 60, page_controls: 20, reader_prompts: 40, video_notes: 30, contributor_credits: 40,
    tags_and_fields: 20, timestamps: 20, comment_form: 16, gallery_or_logo: 5, site_notice: 25,
    dates_and_names: 30,
}


@lru_cache(maxsize=4096)
def line_furniture(text: str) -> tuple[str, str, str] | None:
    """``(kind, reason, family)`` for a line that says by itself that it is page furniture.

    A function of the line alone, so remembered: pages repeat their menus, links and labels (one
    hostile page repeated one link 20,000 times)."""
    t = text.strip()
    nwords = len(t.split())
    for rule in LINE_RULES:
        if nwords > _MAX_WORDS.get(rule, nwords):
            continue
        found = rule(t)
        if found:
            return found[0], found[1], rule.__name__
    return None


def _short(text: str, limit: int = 40) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"
