"""`{% autosave_box %}`: the story form's autosave offers and the script's endpoints."""

from django import template
from django.urls import reverse

from articles.autosave import autosave_offers
from articles.services import can_edit

register = template.Library()


@register.inclusion_tag("admin/articles/article/autosave.html", takes_context=True)
def autosave_box(context) -> dict:
    """Nothing on a form the user may only read; no offers on a form shown again after
    a refused save, which already holds the text the user sent."""
    request, article = context["request"], context.get("original")
    if article is not None and article.pk:
        if not can_edit(request.user, article):
            return {"enabled": False}
        name, args = "admin:articles_article_autosave", [article.pk]
    else:
        if not request.user.has_perm("articles.add_article"):
            return {"enabled": False}
        article = None
        name, args = "admin:articles_article_autosave_new", []
    resent = request.method == "POST"
    offers = [] if resent else autosave_offers(user=request.user, article=article)
    return {
        "enabled": True,
        "save_url": reverse(name, args=args),
        "discard_url": reverse(f"{name}_discard", args=args),
        "unsaved": resent,
        "offers": offers,
        "offer_data": {str(offer.autosave.pk): offer.autosave.data for offer in offers},
    }
