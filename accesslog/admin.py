"""The access log is deliberately not registered in any admin: no screen may change or delete rows."""
