"""The cases of feedparser's suite where Vigie's parser deliberately answers otherwise.

Read by Tools/feedparser-suite.py: each case, relative to feedparser's tests folder (date
cases as dates/<parser>/<repr of the input>), maps to the reason, one line. The README's
"Where Vigie differs from feedparser" says the same by reason.
"""

AUTHOR = 'an author is a display name: Vigie drops the e-mail address feedparser appends'
REFERENCES = 'a character reference kept as written or decoded (&#38; for &amp;, ’ for &#x2019;): the same text'
NBSP = 'titles and summaries collapse whitespace, and a no-break space is whitespace'
ID = "an entry's id is a name, kept as written; only links are resolved against the base"
IRI = 'resolved links are URIs: non-ASCII characters are percent-encoded (%C3%80)'
EMPTY = 'an empty field is absent, never an empty string'
DC_DATE = 'dc:date is the publication date (published), not the update date'
VERSION = 'the format names the family (rss09x, rss10, rss20), not each version feedparser tells apart'
DOCTYPE = "'<!' in an HTML field starts markup: the text '<!DOCTYPE' is read as a declaration"
XHTML_IN_HTML = "XHTML elements inside type='html' are read as HTML, not as escaped text"
HTML_ENTITY = 'HTML named entities (&acirc;) are read without bozo: feeds use them everywhere'
CDF = "Microsoft's Channel Definition Format (1997, upper-case elements) is not read"
CASE = 'element names are case-sensitive, as XML says (<TiTlE> is not <title>)'
HTTP = 'Vigie reads no HTTP header but Content-Type: Content-Language does not reach the parser'
ISO_TWO_DIGITS = 'two-digit-year and ordinal ISO 8601 forms are ambiguous (03-12-31): no date, not a guess'
EARLY_YEAR = "a year before 1000 is not a post's date"
LENIENT_TIME = 'a date whose time or zone is malformed keeps its day rather than being dropped'
HUNGARIAN_ISO = 'a Hungarian month inside an ISO 8601 date (2004-július-13T9:15) is not read'
PARSER_DIFFERENCES = {}
for _reason, _cases in [
    (AUTHOR, [
        'wellformed/atom/entry_author_map_author.xml',
        'wellformed/atom/feed_author_map_author.xml',
        'wellformed/atom10/entry_author_map_author.xml',
        'wellformed/atom10/feed_author_map_author.xml',
        'wellformed/rss/channel_author.xml',
    ]),
    (REFERENCES, [
        'wellformed/amp/amp59.xml',
        'wellformed/amp/amp60.xml',
        'wellformed/amp/amp62.xml',
        'wellformed/amp/amp63.xml',
        'wellformed/sgml/charref_uppercase_x.xml',
        'encoding/demoronize-3.xml',
    ]),
    (NBSP, [
        'entities/160.xml',
        'entities/nbsp.xml',
    ]),
    (ID, [
        'wellformed/base/http_entry_id_base_content_location.xml',
        'wellformed/base/http_entry_id_base_docuri.xml',
    ]),
    (IRI, [
        'wellformed/base/rel_uri_with_unicode_character.xml',
    ]),
    (EMPTY, [
        'wellformed/rss/channel_description_shorttag.xml',
    ]),
    (DC_DATE, [
        'wellformed/rss/item_dc_date_parsed.xml',
    ]),
    (VERSION, [
        'wellformed/rss/rss_version_090.xml',
        'wellformed/rss/rss_version_missing.xml',
    ]),
    (DOCTYPE, [
        'wellformed/rss/item_description_not_a_doctype2.xml',
    ]),
    (XHTML_IN_HTML, [
        'wellformed/atom10/entry_content_div_escaped_markup.xml',
    ]),
    (HTML_ENTITY, [
        'encoding/bozo_double-encoded-html.xml',
    ]),
    (CDF, [
        'wellformed/cdf/channel_abstract_map_description.xml',
        'wellformed/cdf/channel_abstract_map_tagline.xml',
        'wellformed/cdf/channel_href_map_link.xml',
        'wellformed/cdf/channel_lastmod_parsed.xml',
        'wellformed/cdf/channel_title.xml',
        'wellformed/cdf/item_abstract_map_description.xml',
        'wellformed/cdf/item_abstract_map_summary.xml',
        'wellformed/cdf/item_href_map_link.xml',
        'wellformed/cdf/item_lastmod_parsed.xml',
        'wellformed/cdf/item_title.xml',
    ]),
    (CASE, [
        'wellformed/itunes/itunes_core_element_uppercase.xml',
    ]),
    (HTTP, [
        'wellformed/lang/http_content_language.xml',
    ]),
    (ISO_TWO_DIGITS, [
        "dates/iso8601/'-0312'",
        "dates/iso8601/'031231'",
        "dates/iso8601/'03-12-31'",
        "dates/iso8601/'-03-12'",
        "dates/iso8601/'03335'",
        "dates/iso8601/'2003-012-31T10:14:55+00:00'",
    ]),
    (EARLY_YEAR, [
        "dates/rfc822/'Thu, 01 Jan 0100 00:00:01 +0100'",
    ]),
    (LENIENT_TIME, [
        "dates/rfc822/'Sun, 16 Dec 2012 1:2:3:4 GMT'",
        "dates/rfc822/'Sun, 16 Dec 2012 11:47:32 +zz:00'",
        "dates/rfc822/'Sun, 16 Dec 2012 11:47:32 +00:zz'",
    ]),
    (HUNGARIAN_ISO, [
        "dates/hungarian/'2004-július-13T9:15-05:00'",
    ]),
]:
    PARSER_DIFFERENCES.update(dict.fromkeys(_cases, _reason))
