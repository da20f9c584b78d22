"""Who may do what with accounts. Roles per programme live in curriculum.RoleAssignment."""

from .models import User


def can_create_api_token(user: User, target: User) -> bool:
    return user.is_authenticated and user.pk == target.pk
