"""Where a post is written and linked, from the ARTICLE_SAVE_AS / ARTICLE_URL settings (as Pelican does)."""

from __future__ import annotations

from typing import Any

from .posts import Post


def post_save_as(post: Post, settings: dict[str, Any]) -> str:
    save_as: str = settings["ARTICLE_SAVE_AS"]
    return save_as.format(slug=post.slug, date=post.date)


def post_url(post: Post, settings: dict[str, Any]) -> str:
    """The post's address as Pelican writes it; absolute when SITEURL is set."""
    return f"{settings.get('SITEURL', '')}/{settings['ARTICLE_URL'].format(slug=post.slug, date=post.date)}"
