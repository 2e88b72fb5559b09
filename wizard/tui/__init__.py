"""The terminal app: hardening (done before Textual is imported), the driver, the app, its screens and widgets.
The only package that imports Textual and Rich."""
