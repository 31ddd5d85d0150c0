"""A browser-like HTTP client for the live server: cookies, CSRF tokens taken from the pages, raw bytes."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

TIMEOUT = 120
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class LiveClient:
    """One visitor: ``get``/``post`` read the whole body (an incomplete stream raises)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.follow = urllib.request.build_opener(cookies)
        self.stay = urllib.request.build_opener(cookies, _NoRedirect())

    def request(
        self,
        method: str,
        path: str,
        data: dict | None = None,
        headers: dict | None = None,
        follow: bool = True,
    ) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        url = self.base_url + path
        assert url.startswith("http://127.0.0.1:"), url  # only our loopback servers
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310
        opener = self.follow if follow else self.stay
        try:
            with opener.open(request, timeout=TIMEOUT) as response:
                return Reply(response.status, response.headers, response.read(), response.url)
        except urllib.error.HTTPError as error:
            with error:
                return Reply(error.code, error.headers, error.read(), error.url)

    def get(self, path: str, **kwargs) -> Reply:
        return self.request("GET", path, **kwargs)

    def head(self, path: str) -> Reply:
        return self.request("HEAD", path)

    def csrf(self, path: str = "/") -> str:
        return CSRF.search(self.get(path).text).group(1)

    def post(self, path: str, data: dict, *, token_from: str = "/", **kwargs) -> Reply:  # noqa: S107
        return self.request("POST", path, data={"csrf_token": self.csrf(token_from), **data}, **kwargs)

    def sign_in(self, email: str, password: str) -> None:
        reply = self.post("/auth/login", {"email": email, "password": password}, token_from="/auth/login")
        assert reply.status == 200 and "/auth/login" not in reply.url, reply.text[:500]

    def use_language(self, language: str) -> None:
        """Switch the interface (saved on the account, so downloads follow it)."""
        assert self.post("/language", {"language": language, "next": "/"}).status == 200
