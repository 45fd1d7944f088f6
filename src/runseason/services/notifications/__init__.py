"""Email: the coach's morning digest and the athlete's check-in reminder.

scheduler (every minute) ─► jobs.send_due_digests / send_due_reminders(now)
    ├─ jobs          who is due: role, preferences, the local time in their zone
    │                (domain.notifications.due_day), nobody already claimed today
    ├─ sends.claim   INSERT notification_sends(user, kind, local day): unique, so of two
    │                workers one sends; committed before the mail goes out
    ├─ messages      subject, text and HTML bodies from the Jinja2 templates in
    │                templates/, links to the web app, List-Unsubscribe headers
    ├─ mailer        SMTP (settings smtp_*), retried with backoff when refused or dropped
    └─ sends.finish  sent, or failed with the error: the admin's delivery log
preferences          digest on/off, reminder on/off and time, quiet weekdays
unsubscribe          signed one-click links that turn one kind of email off
"""
