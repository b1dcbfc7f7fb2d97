"""portal/cdn.py: on Cloudflare, a purge of everything (a privacy change) empties the zone, query strings included."""

from portal.cdn import PurgeEverythingCloudflareBackend


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, url, json, headers, timeout):
        self.calls.append(json)

        class Response:
            text = ""

            def json(self):
                return {"success": True, "errors": []}

        return Response()


def backend():
    return PurgeEverythingCloudflareBackend({"BEARER_TOKEN": "t", "ZONEID": "z"})


def test_a_purge_of_everything_empties_the_whole_zone(monkeypatch):
    post = Recorder()
    monkeypatch.setattr("requests.post", post)
    backend().purge_batch(["https://portal.example.org/", "https://portal.example.org/*"])
    assert post.calls == [{"purge_everything": True}]


def test_other_purges_name_their_urls(monkeypatch):
    post = Recorder()
    monkeypatch.setattr("requests.post", post)
    backend().purge_batch(["https://portal.example.org/about-us/"])
    assert post.calls == [{"files": ["https://portal.example.org/about-us/"]}]
