from django import template
from django.utils.translation import get_language

from parcours.rules.money import euros as euros_in

register = template.Library()


@register.filter
def euros(cents: int) -> str:
    """Cents as people read them in the page's language: "€ 1.000,00" or "€1,000.00"."""
    return euros_in(int(cents or 0), "en" if (get_language() or "nl").startswith("en") else "nl")
