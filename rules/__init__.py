"""The shipped rule pack. It is package data of the wizard (the package `wizard.rules`), so that an
installed wizard finds it whatever the working folder; the pack itself is the YAML beside this file."""
