from collections.abc import Callable

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "parcours.notifications"
    label = "notifications"

    def ready(self) -> None:
        """Accounts sits below this app: it gets the outbox through its port, and its e-mails'
        renderers are registered here (parcours.accounts.services.outbox)."""
        from parcours.accounts.services import notices as account_notices
        from parcours.accounts.services import outbox as account_outbox

        from .registry import Rendered, Target, register_renderer
        from .services import email_queue

        account_outbox.outbox_connect(email_queue)

        def adapt(render: account_notices.AccountRenderer) -> Callable[[Target], Rendered | None]:
            def renderer(target: Target) -> Rendered | None:
                mail = render(target)
                return None if mail is None else Rendered(mail.subject, mail.body, mail.link)

            return renderer

        for kind, render in account_notices.RENDERERS.items():
            register_renderer(kind, adapt(render))
