"""Reads for SCIM 2.0 provisioning (RFC 7644): one account, and a page of accounts matching a
filter. The filter is parsed by scim2-models (`ScimFilter[User]`: syntax, attribute names and
value types); this module only turns the few comparisons Parcours answers into a `Q`, and
refuses every other one with `invalidFilter`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from scim2_models import InvalidFilterException, SCIMException, ScimFilter
from scim2_models import User as ScimUser
from scim2_models.path import (
    CompareOperator,
    Comparison,
    FilterVisitor,
    LogicalExpr,
    LogicalOperator,
)

from parcours.accounts.models import User

# Most accounts one page holds (ServiceProviderConfig's `filter.maxResults`).
MAX_COUNT = 200

# (attribute, sub-attribute) as a filter names them (lower case) → the lookup on User.
FILTERABLE = {
    ("username", None): "username__iexact",  # userName is caseExact false (RFC 7643 §4.1.1)
    ("externalid", None): "external_id",  # caseExact true
    ("emails", "value"): "email__iexact",
    ("emails", None): "email__iexact",
    ("active", None): "is_active",
}


def _unsupported() -> InvalidFilterException:
    return InvalidFilterException(
        detail=_(
            "Only userName eq, externalId eq, emails.value eq and active eq, joined with and, "
            "are supported."
        )
    )


class _ToQ(FilterVisitor[Q]):
    def visit_comparison(self, node: Comparison) -> Q:
        path = node.attr_path
        key = (path.attr.lower(), path.sub_attr.lower() if path.sub_attr else None)
        lookup = FILTERABLE.get(key)
        if lookup is None or node.op != CompareOperator.eq:
            raise _unsupported()
        return Q(**{lookup: node.value})

    def visit_logical_expr(self, node: LogicalExpr) -> Q:
        if node.op != LogicalOperator.and_:
            raise _unsupported()
        query = Q()
        for term in node.terms:
            query &= self.visit(term)
        return query

    def _refuse(self, node: object) -> Q:
        raise _unsupported()

    visit_present = visit_not = visit_value_path = _refuse  # type: ignore[assignment]


def scim_filter(expression: str) -> Q:
    """The `Q` for a SCIM filter; `InvalidFilterException` for one that does not parse, names an
    attribute or value the User schema does not have, or is not one Parcours answers."""
    if not expression.strip():
        return Q()
    try:
        parsed = ScimFilter[ScimUser](expression)
    except InvalidFilterException:
        raise
    except (SCIMException, ValueError) as exc:
        raise InvalidFilterException(detail=str(exc)) from exc
    return _ToQ().visit(parsed.ast)


@dataclass(frozen=True)
class ScimPage:
    total: int
    start_index: int
    users: list[User]


def scim_users(query: Q, *, start_index: int = 1, count: int = MAX_COUNT) -> ScimPage:
    """One page of the accounts matching `query`, in a stable order (by id): two queries
    whatever the page holds. `start_index` is 1-based (RFC 7644 §3.4.2.4); below 1 counts as 1;
    `count` is capped at `MAX_COUNT`, below 0 counts as 0."""
    start_index = max(start_index, 1)
    count = min(max(count, 0), MAX_COUNT)
    found = User.objects.filter(query)
    total = found.count()
    offset = start_index - 1
    users = list(found.order_by("pk")[offset : offset + count]) if count else []
    return ScimPage(total=total, start_index=start_index, users=users)


def scim_user(pk: str) -> User | None:
    """The account with SCIM id `pk` (its primary key as text), or None."""
    if not pk.isdigit():
        return None
    return User.objects.filter(pk=int(pk)).first()
