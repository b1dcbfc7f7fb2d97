"""An oEmbed finder for the tests: answers for any address without touching the network."""

from wagtail.embeds.finders.base import EmbedFinder


class LocalEmbedFinder(EmbedFinder):
    def __init__(self, **options):
        pass

    def accept(self, url):
        return url.startswith("https://video.example/")

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "A test video",
            "author_name": "Test author",
            "provider_name": "Example Video",
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": f'<iframe src="{url}" title="A test video" width="640" height="360"></iframe>',
        }
