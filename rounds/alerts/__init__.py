"""E-mail alerts without an account (README "E-mail alerts")."""
