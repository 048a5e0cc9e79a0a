"""The outbound queue and what may be sent when: quiet hours, each kind's meaning."""
