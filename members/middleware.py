from members import access, cache_policy

# Kept here for the views that mark their answers private; the decision itself is ``members.cache_policy``.
mark_private = cache_policy.mark_private
make_private = cache_policy.make_private


class PrivateResponseMiddleware:
    """Makes the request known to ``members.access.current_request`` while it is served, then lets
    ``members.cache_policy.decide`` set every response's Cache-Control: ``private, no-store`` for anything built
    for a logged-in user or carrying members-only content (``mark_private``), so a CDN never hands a member's page
    to anyone else; ``public`` with a long shared lifetime and purge tags for the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with access.serving(request):
            response = self.get_response(request)
        return cache_policy.decide(request, response)
