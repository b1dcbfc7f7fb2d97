"""No empty revisions: saving a page whose content has not changed since its latest revision makes no new one.

Wagtail 8 makes a revision on every save: an autosave, then "Save draft", then "Submit for moderation" of the
same words leave three revisions, and "Compare with previous" says "no differences" for two of them. The page
types' ``save_revision`` (``home.models.BasePage``) asks ``unchanged_since`` first and then returns the latest
revision instead of copying it.

What counts is what the page says and when it is scheduled: the fields that only record the page's place in the
tree, its publication state, its lock or its latest revision are left out of the comparison, and so are the
StreamField blocks' ids and the rich text editor's paragraph keys (``data-block-key``), which name blocks and
paragraphs without being part of what they say.
"""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.fields import StreamField

BOOKKEEPING_FIELDS = frozenset(
    {
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "live_revision",
        "latest_revision",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "expired",
        "owner",
        "wagtail_admin_comments",
    }
)


BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def _stream_content(value):
    """A stream's blocks without their ids, and its rich text without paragraph keys."""
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        return {key: _stream_content(item) for key, item in value.items() if not (is_block and key == "id")}
    if isinstance(value, list):
        return [_stream_content(item) for item in value]
    if isinstance(value, str):
        return BLOCK_KEY.sub("", value)
    return value


def _content(page, data):
    """``data`` as the revision stores it (JSON), without the bookkeeping fields and the streams' ids."""
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    streams = {field.name for field in page._meta.get_fields() if isinstance(field, StreamField)}
    content = {}
    for key, value in data.items():
        if key in BOOKKEEPING_FIELDS:
            continue
        if key in streams:
            value = _stream_content(json.loads(value) if isinstance(value, str) else value)
        content[key] = value
    return content


def unchanged_since(page, revision, approved_go_live_at=None):
    """Whether saving ``page`` now would store what ``revision`` already holds (same content, same approval)."""
    if revision is None or revision.approved_go_live_at != approved_go_live_at:
        return False
    return _content(page, page.serializable_data()) == _content(page, revision.content)
