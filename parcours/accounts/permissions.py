"""Who may do what with accounts.

The account views are either public (log in, choose a language) or act on the signed-in user
only (log out), so they need no object-level check. Roles per programme live in
`parcours.curriculum.RoleAssignment` (docs/decisions/0001) and are checked by
`parcours.curriculum.permissions`.
"""
